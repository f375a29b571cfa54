#pragma once

#include "config/SecretStore.h"

namespace Lantir {

// Keeps the token in memory for this session only. Also the stand-in for a keychain in tests:
// setFailure() makes every request fail the way a missing or broken keychain does.
class SessionSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit SessionSecretStore(QObject* parent = nullptr);

    bool isPersistent() const override;
    void setSessionOnly(bool sessionOnly) override;
    void readToken() override;
    void writeToken(const QString& token) override;
    void deleteToken() override;

    // The token held right now (synchronous; for callers that own this store).
    QString token() const;

    // From now on every request fails with this message; an empty message stops failing.
    void setFailure(const QString& message, bool keychainUnavailable = true);

private:
    bool failIfAsked();

    QString m_token;
    QString m_failure;
    bool m_failureUnavailable = true;
};

} // namespace Lantir
