#include "KeychainSecretStore.h"

#include "base/Logging.h"

#include <qt6keychain/keychain.h>

namespace Lantir {

KeychainSecretStore::KeychainSecretStore(QObject* parent)
    : KeychainSecretStore(QStringLiteral("Lantir"), QStringLiteral("redcap-api-token"), parent)
{
}

KeychainSecretStore::KeychainSecretStore(const QString& service, const QString& key, QObject* parent)
    : SecretStore(parent)
    , m_service(service)
    , m_key(key)
{
    // In session-only mode the session store answers; pass its answers on as ours.
    connect(&m_session, &SecretStore::tokenRead, this, &SecretStore::tokenRead);
    connect(&m_session, &SecretStore::tokenWritten, this, &SecretStore::tokenWritten);
    connect(&m_session, &SecretStore::tokenDeleted, this, &SecretStore::tokenDeleted);
    connect(&m_session, &SecretStore::failed, this, &SecretStore::failed);
}

bool KeychainSecretStore::isPersistent() const
{
    return !m_sessionOnly;
}

void KeychainSecretStore::setSessionOnly(bool sessionOnly)
{
    m_sessionOnly = sessionOnly;
}

QString KeychainSecretStore::service() const
{
    return m_service;
}

QString KeychainSecretStore::key() const
{
    return m_key;
}

QString KeychainSecretStore::tokenFailure(Operation operation, bool unavailable, const QString& details)
{
    switch (operation) {
    case Operation::Read:
        return unavailable ? tr("No keychain is available to read the API token from (%1).").arg(details)
                           : tr("The API token could not be read from the keychain (%1).").arg(details);
    case Operation::Write:
        return unavailable ? tr("No keychain is available to store the API token in (%1).").arg(details)
                           : tr("The API token could not be stored in the keychain (%1).").arg(details);
    case Operation::Delete:
        break;
    }
    return unavailable ? tr("No keychain is available to delete the API token from (%1).").arg(details)
                       : tr("The API token could not be deleted from the keychain (%1).").arg(details);
}

QString KeychainSecretStore::passwordFailure(Operation operation, bool unavailable, const QString& details)
{
    switch (operation) {
    case Operation::Read:
        return unavailable
            ? tr("No keychain is available to read the database password from (%1).").arg(details)
            : tr("The database password could not be read from the keychain (%1).").arg(details);
    case Operation::Write:
        return unavailable
            ? tr("No keychain is available to store the database password in (%1).").arg(details)
            : tr("The database password could not be stored in the keychain (%1).").arg(details);
    case Operation::Delete:
        break;
    }
    return unavailable
        ? tr("No keychain is available to delete the database password from (%1).").arg(details)
        : tr("The database password could not be deleted from the keychain (%1).").arg(details);
}

void KeychainSecretStore::reportFailure(const QKeychain::Job* job, Operation operation)
{
    const QKeychain::Error error = job->error();
    // Everything but a failed delete of an existing entry means the keychain itself cannot be used
    // here: no secret service running (OtherError / NoBackendAvailable), a locked or refused
    // keychain (AccessDenied, AccessDeniedByUser), or a platform without one (NotImplemented).
    const bool unavailable = error != QKeychain::CouldNotDeleteEntry;
    const QString details = job->errorString();
    const QString message = m_secret == Secret::DatabasePassword
        ? passwordFailure(operation, unavailable, details)
        : tokenFailure(operation, unavailable, details);
    qCWarning(lcConfig).noquote() << "Keychain request failed with error" << int(error) << details;
    Q_EMIT failed(message, unavailable);
}

void KeychainSecretStore::readToken()
{
    if (m_sessionOnly) {
        m_session.readToken();
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(m_key);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError) {
            Q_EMIT tokenRead(job->textData());
        } else if (job->error() == QKeychain::EntryNotFound) {
            Q_EMIT tokenRead(QString());
        } else {
            reportFailure(job, Operation::Read);
        }
    });
    job->start();
}

void KeychainSecretStore::writeToken(const QString& token)
{
    if (m_sessionOnly) {
        m_session.writeToken(token);
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(m_key);
    job->setInsecureFallback(false);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError) {
            Q_EMIT tokenWritten();
        } else {
            reportFailure(job, Operation::Write);
        }
    });
    job->start();
}

void KeychainSecretStore::deleteToken()
{
    if (m_sessionOnly) {
        m_session.deleteToken();
        return;
    }
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(m_key);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound) {
            Q_EMIT tokenDeleted();
        } else {
            reportFailure(job, Operation::Delete);
        }
    });
    job->start();
}

} // namespace Lantir
