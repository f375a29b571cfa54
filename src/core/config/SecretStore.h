#pragma once

#include <QObject>
#include <QString>

namespace Lantir {

// Where the REDCap API token is kept: never in the settings file. Asynchronous like QtKeychain:
// every request is answered by exactly one signal, emitted after the call returns.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // False when the token is kept in memory for this session only (lost when Lantir quits).
    virtual bool isPersistent() const = 0;

    // Keep the token in memory only from now on (true), or go back to the persistent backend
    // (false). Stores that have no persistent backend ignore this.
    virtual void setSessionOnly(bool sessionOnly) = 0;

    // -> tokenRead(token), empty if none is stored, or failed(message, ...).
    virtual void readToken() = 0;
    // -> tokenWritten() or failed(message, ...).
    virtual void writeToken(const QString& token) = 0;
    // -> tokenDeleted() (also when nothing was stored) or failed(message, ...).
    virtual void deleteToken() = 0;

Q_SIGNALS:
    void tokenRead(const QString& token);
    void tokenWritten();
    void tokenDeleted();
    // keychainUnavailable: there is no usable keychain at all (no secret service, access refused),
    // so offering to keep the token for this session only makes sense.
    void failed(const QString& message, bool keychainUnavailable);
};

} // namespace Lantir
