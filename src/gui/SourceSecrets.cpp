#include "SourceSecrets.h"

#include "KeychainSecretStore.h"
#include "config/SecretStore.h"
#include "config/SourceConfig.h"

#include <QMetaObject>

namespace Lantir {

namespace {
const QString Service = QString::fromLatin1(SourceConfig::KeychainService);
const QString LegacyKey = QStringLiteral("redcap-api-token");
const QString DatabasePasswordKey = QStringLiteral("postgresql-password");
} // namespace

SourceSecrets::SourceSecrets(QObject* parent)
    : SourceSecrets(
        [](const QString& key) {
            auto* store = new KeychainSecretStore(Service, key);
            if (key == DatabasePasswordKey)
                store->setSecret(KeychainSecretStore::Secret::DatabasePassword);
            return store;
        },
        parent)
{
}

SourceSecrets::SourceSecrets(Factory factory, QObject* parent)
    : QObject(parent)
    , m_factory(std::move(factory))
{
}

SourceSecrets::~SourceSecrets() = default;

QString SourceSecrets::keyFor(const QString& source)
{
    return SourceConfig::keychainKeyFor(source); // lantir-sync reads the same entry
}

QString SourceSecrets::legacyKey()
{
    return LegacyKey;
}

QString SourceSecrets::databasePasswordKey()
{
    return DatabasePasswordKey;
}

SecretStore* SourceSecrets::storeForKey(const QString& key)
{
    SecretStore*& store = m_stores[key];
    if (!store) {
        store = m_factory(key);
        store->setParent(this);
        store->setSessionOnly(m_sessionOnly);
        connect(store, &SecretStore::tokenRead, this,
                [this, store](const QString& token) { onRead(store, token); });
        connect(store, &SecretStore::tokenWritten, this, [this, store] { onDone(store); });
        connect(store, &SecretStore::tokenDeleted, this, [this, store] { onDone(store); });
        connect(store, &SecretStore::failed, this, [this, store](const QString& message, bool unavailable) {
            onFailed(store, message, unavailable);
        });
    }
    return store;
}

bool SourceSecrets::isPersistent() const
{
    if (m_sessionOnly)
        return false;
    // Stores without a persistent backend (tests) answer for all.
    SourceSecrets* self = const_cast<SourceSecrets*>(this);
    return self->storeForKey(LegacyKey)->isPersistent();
}

void SourceSecrets::setSessionOnly(bool sessionOnly)
{
    m_sessionOnly = sessionOnly;
    for (SecretStore* store : std::as_const(m_stores))
        store->setSessionOnly(sessionOnly);
}

int SourceSecrets::readTokens(const QStringList& sources)
{
    const int request = ++m_lastRequest;
    m_outcomes.insert(request, Outcome());
    for (const QString& source : sources)
        enqueue({ request, Kind::Read, source, keyFor(source), QString() });
    enqueue({ request, Kind::ReadDone, QString(), QString(), QString() });
    return request;
}

int SourceSecrets::saveTokens(const SourceTokens& tokens, const QStringList& removed)
{
    const int request = ++m_lastRequest;
    m_outcomes.insert(request, Outcome());
    for (auto it = tokens.cbegin(); it != tokens.cend(); ++it)
        enqueue({ request, it.value().isEmpty() ? Kind::Delete : Kind::Write, it.key(), keyFor(it.key()),
                  it.value() });
    for (const QString& source : removed)
        enqueue({ request, Kind::Delete, source, keyFor(source), QString() });
    enqueue({ request, Kind::SaveDone, QString(), QString(), QString() });
    return request;
}

int SourceSecrets::readDatabasePassword()
{
    const int request = ++m_lastRequest;
    m_outcomes.insert(request, Outcome());
    enqueue({ request, Kind::Read, DatabasePasswordKey, DatabasePasswordKey, QString() });
    enqueue({ request, Kind::ReadDone, QString(), QString(), QString() });
    return request;
}

int SourceSecrets::saveDatabasePassword(const QString& password)
{
    const int request = ++m_lastRequest;
    m_outcomes.insert(request, Outcome());
    enqueue({ request, password.isEmpty() ? Kind::Delete : Kind::Write, DatabasePasswordKey,
              DatabasePasswordKey, password });
    enqueue({ request, Kind::SaveDone, QString(), QString(), QString() });
    return request;
}

int SourceSecrets::adoptLegacyToken(const QString& source)
{
    const int request = ++m_lastRequest;
    m_outcomes.insert(request, Outcome());
    enqueue({ request, Kind::AdoptLegacy, source, LegacyKey, QString() });
    enqueue({ request, Kind::SaveDone, QString(), QString(), QString() });
    return request;
}

void SourceSecrets::enqueue(const Step& step)
{
    m_steps.append(step);
    if (!m_running)
        runNext();
}

void SourceSecrets::runNext()
{
    while (!m_steps.isEmpty() && !m_running) {
        const Step step = m_steps.constFirst();
        switch (step.kind) {
        case Kind::ReadDone:
        case Kind::SaveDone: {
            m_steps.removeFirst();
            const Outcome outcome = m_outcomes.take(step.request);
            // Answered after the call that asked, as the stores do.
            QMetaObject::invokeMethod(
                this,
                [this, step, outcome] {
                    if (step.kind == Kind::ReadDone)
                        Q_EMIT tokensRead(step.request, outcome.tokens, outcome.error, outcome.unavailable);
                    else
                        Q_EMIT tokensSaved(step.request, outcome.error, outcome.unavailable);
                },
                Qt::QueuedConnection);
            break;
        }
        case Kind::Read:
        case Kind::AdoptLegacy:
            m_running = true;
            storeForKey(step.key)->readToken();
            break;
        case Kind::Write:
            m_running = true;
            storeForKey(step.key)->writeToken(step.token);
            break;
        case Kind::Delete:
            m_running = true;
            storeForKey(step.key)->deleteToken();
            break;
        }
    }
}

void SourceSecrets::finishStep()
{
    m_steps.removeFirst();
    m_running = false;
    runNext();
}

void SourceSecrets::onRead(SecretStore* store, const QString& token)
{
    if (!m_running || m_stores.value(m_steps.constFirst().key) != store)
        return;
    const Step step = m_steps.constFirst();
    if (step.kind == Kind::Read) {
        m_outcomes[step.request].tokens.insert(step.source, token);
    } else if (step.kind == Kind::AdoptLegacy && !token.isEmpty()) {
        // Next: the token under the source's own key, then the old entry gone.
        m_steps.insert(1, { step.request, Kind::Delete, QString(), LegacyKey, QString() });
        m_steps.insert(1, { step.request, Kind::Write, step.source, keyFor(step.source), token });
    } else if (step.kind != Kind::AdoptLegacy) {
        return; // an answer to another kind of request
    }
    finishStep();
}

void SourceSecrets::onDone(SecretStore* store)
{
    if (!m_running || m_stores.value(m_steps.constFirst().key) != store)
        return;
    const Kind kind = m_steps.constFirst().kind;
    if (kind != Kind::Write && kind != Kind::Delete)
        return;
    finishStep();
}

void SourceSecrets::onFailed(SecretStore* store, const QString& message, bool unavailable)
{
    if (!m_running || m_stores.value(m_steps.constFirst().key) != store)
        return;
    const Step step = m_steps.constFirst();
    Outcome& outcome = m_outcomes[step.request];
    if (outcome.error.isEmpty()) {
        outcome.error = message;
        outcome.unavailable = unavailable;
    }
    finishStep();
}

} // namespace Lantir
