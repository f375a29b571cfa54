#include "config/SessionSecretStore.h"

#include <QMetaObject>

namespace Lantir {

SessionSecretStore::SessionSecretStore(QObject* parent)
    : SecretStore(parent)
{
}

bool SessionSecretStore::isPersistent() const
{
    return false;
}

void SessionSecretStore::setSessionOnly(bool sessionOnly)
{
    Q_UNUSED(sessionOnly) // always session-only
}

QString SessionSecretStore::token() const
{
    return m_token;
}

void SessionSecretStore::setFailure(const QString& message, bool keychainUnavailable)
{
    m_failure = message;
    m_failureUnavailable = keychainUnavailable;
}

bool SessionSecretStore::failIfAsked()
{
    if (m_failure.isEmpty())
        return false;
    const QString message = m_failure;
    const bool unavailable = m_failureUnavailable;
    QMetaObject::invokeMethod(
        this, [this, message, unavailable] { Q_EMIT failed(message, unavailable); }, Qt::QueuedConnection);
    return true;
}

void SessionSecretStore::readToken()
{
    if (failIfAsked())
        return;
    const QString token = m_token;
    QMetaObject::invokeMethod(
        this, [this, token] { Q_EMIT tokenRead(token); }, Qt::QueuedConnection);
}

void SessionSecretStore::writeToken(const QString& token)
{
    if (failIfAsked())
        return;
    m_token = token;
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT tokenWritten(); }, Qt::QueuedConnection);
}

void SessionSecretStore::deleteToken()
{
    if (failIfAsked())
        return;
    m_token.clear();
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT tokenDeleted(); }, Qt::QueuedConnection);
}

} // namespace Lantir
