#pragma once

#include "config/SyncConfig.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>

namespace Lantir {

class SecretStore;

// The REDCap API token of each source, one keychain entry per source: the key is derived from
// the source's name (keyFor()), so renaming a source moves its token to the new name's entry.
// Beside them, the password of a PostgreSQL worklist database (databasePasswordKey()).
// Tokens and the password never go to lantir.json or the settings file.
//
// Requests are queued and answered in order, each by one signal carrying its request number, so
// the application and the settings dialog can share one instance. When no keychain works the
// requests fail with keychainUnavailable = true, and setSessionOnly(true) keeps every token in
// memory until Lantir quits (as before sources had names).
class SourceSecrets : public QObject
{
    Q_OBJECT

public:
    // Makes the store of one keychain key; SourceSecrets owns what it returns.
    using Factory = std::function<SecretStore*(const QString& key)>;

    // The platform keychain (service "Lantir").
    explicit SourceSecrets(QObject* parent = nullptr);
    SourceSecrets(Factory factory, QObject* parent = nullptr);
    ~SourceSecrets() override;

    // "redcap-api-token/<name>": the keychain entry of the source named `source`.
    static QString keyFor(const QString& source);
    // "redcap-api-token": the one token Lantir kept before it had several sources.
    static QString legacyKey();

    // "postgresql-password": the keychain entry of the PostgreSQL worklist database's password,
    // which the desktop app hands to libpq (never written to lantir.json).
    static QString databasePasswordKey();

    // The store behind `key` (created on first use).
    SecretStore* storeForKey(const QString& key);

    bool isPersistent() const;
    void setSessionOnly(bool sessionOnly);

    // -> tokensRead(request, tokens, error, unavailable). Sources without a token map to "". On a
    // failure, the tokens read before it and the first failure's message.
    int readTokens(const QStringList& sources);
    // Writes `tokens` (an empty token deletes the entry) and deletes the entries of `removed`.
    // -> tokensSaved(request, error, unavailable); error is empty when all was saved.
    int saveTokens(const SourceTokens& tokens, const QStringList& removed = {});
    // The database password, queued like the tokens. -> tokensRead(request, tokens, error,
    // unavailable) with the password (or "") under databasePasswordKey().
    int readDatabasePassword();
    // An empty password deletes the entry. -> tokensSaved(request, error, unavailable).
    int saveDatabasePassword(const QString& password);
    // Moves the token kept under legacyKey() (if any) to `source`'s entry.
    // -> tokensSaved(request, error, unavailable).
    int adoptLegacyToken(const QString& source);

    bool isBusy() const { return !m_steps.isEmpty(); }

Q_SIGNALS:
    void tokensRead(int request, const Lantir::SourceTokens& tokens, const QString& error,
                    bool keychainUnavailable);
    void tokensSaved(int request, const QString& error, bool keychainUnavailable);

private:
    enum class Kind
    {
        Read,
        Write,
        Delete,
        AdoptLegacy, // read the legacy entry; a token found is written to `source`, then deleted
        ReadDone,
        SaveDone,
    };
    struct Step
    {
        int request = 0;
        Kind kind = Kind::Read;
        QString source;
        QString key;
        QString token;
    };
    struct Outcome
    {
        SourceTokens tokens;
        QString error;
        bool unavailable = false;
    };

    void enqueue(const Step& step);
    void runNext();
    void finishStep();
    void onRead(SecretStore* store, const QString& token);
    void onDone(SecretStore* store);
    void onFailed(SecretStore* store, const QString& message, bool unavailable);

    Factory m_factory;
    QHash<QString, SecretStore*> m_stores; // by key
    bool m_sessionOnly = false;
    QList<Step> m_steps; // the first one runs
    bool m_running = false;
    QHash<int, Outcome> m_outcomes; // by request
    int m_lastRequest = 0;
};

} // namespace Lantir
