#include "config/MemorySecretStore.h"

#include <QMetaObject>

namespace Lantir {

MemorySecretStore::MemorySecretStore(QObject* parent)
    : SecretStore(parent)
{
}

bool MemorySecretStore::isPersistent() const
{
    return false;
}

void MemorySecretStore::setSessionOnly(bool sessionOnly)
{
    Q_UNUSED(sessionOnly) // always session-only
}

QString MemorySecretStore::token() const
{
    return m_token;
}

void MemorySecretStore::setFailure(const QString& message, bool keychainUnavailable)
{
    m_failure = message;
    m_failureUnavailable = keychainUnavailable;
}

bool MemorySecretStore::failIfAsked()
{
    if (m_failure.isEmpty())
        return false;
    const QString message = m_failure;
    const bool unavailable = m_failureUnavailable;
    QMetaObject::invokeMethod(
        this, [this, message, unavailable] { Q_EMIT failed(message, unavailable); }, Qt::QueuedConnection);
    return true;
}

void MemorySecretStore::readToken()
{
    if (failIfAsked())
        return;
    const QString token = m_token;
    QMetaObject::invokeMethod(
        this, [this, token] { Q_EMIT tokenRead(token); }, Qt::QueuedConnection);
}

void MemorySecretStore::writeToken(const QString& token)
{
    if (failIfAsked())
        return;
    m_token = token;
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT tokenWritten(); }, Qt::QueuedConnection);
}

void MemorySecretStore::deleteToken()
{
    if (failIfAsked())
        return;
    m_token.clear();
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT tokenDeleted(); }, Qt::QueuedConnection);
}

} // namespace Lantir
