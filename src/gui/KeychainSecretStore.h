#pragma once

#include "config/SecretStore.h"
#include "config/SessionSecretStore.h"

namespace QKeychain {
class Job;
}

namespace Lantir {

// The API token in the platform keychain through QtKeychain (Secret Service / KWallet on Linux,
// Keychain on macOS, Credential Manager on Windows). Never falls back to a plain-text file: when
// no keychain works, requests fail with keychainUnavailable = true and the caller may switch to
// setSessionOnly(true), which keeps the token in memory until Lantir quits.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(QObject* parent = nullptr);
    KeychainSecretStore(const QString& service, const QString& key, QObject* parent = nullptr);

    bool isPersistent() const override;
    void setSessionOnly(bool sessionOnly) override;
    void readToken() override;
    void writeToken(const QString& token) override;
    void deleteToken() override;

    QString service() const;
    QString key() const;

    // What the entry holds, as failure messages name it: an API token (the default) or the
    // PostgreSQL worklist's password.
    enum class Secret
    {
        ApiToken,
        DatabasePassword,
    };
    void setSecret(Secret secret) { m_secret = secret; }

private:
    enum class Operation
    {
        Read,
        Write,
        Delete
    };
    void reportFailure(const QKeychain::Job* job, Operation operation);
    static QString tokenFailure(Operation operation, bool unavailable, const QString& details);
    static QString passwordFailure(Operation operation, bool unavailable, const QString& details);

    QString m_service;
    QString m_key;
    bool m_sessionOnly = false;
    Secret m_secret = Secret::ApiToken;
    SessionSecretStore m_session;
};

} // namespace Lantir
