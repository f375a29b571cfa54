#include "ConnectionTester.h"

#include "redcap/RedcapClient.h"

#include <QMutex>
#include <QMutexLocker>
#include <QThread>

namespace Lantir {

// What the worker thread and the owner share: the client (to cancel it from the owner's thread)
// and the result (read by the owner once the thread has finished).
struct ConnectionTester::Shared
{
    QMutex mutex;
    RedcapClient* client = nullptr;
    bool cancelled = false;
    ConnectionTestResult result;
};

ConnectionTester::ConnectionTester(QObject* parent)
    : QObject(parent)
{
}

ConnectionTester::~ConnectionTester()
{
    cancelAndWait();
}

bool ConnectionTester::isRunning() const
{
    return m_thread != nullptr;
}

bool ConnectionTester::start(const RedcapClientOptions& options, const QStringList& expectedFields)
{
    if (m_thread)
        return false;
    auto shared = std::make_shared<Shared>();
    m_shared = shared;
    m_thread = QThread::create([shared, options, expectedFields] { run(shared, options, expectedFields); });
    m_thread->setObjectName(QStringLiteral("ConnectionTest"));
    // Queued to this object's thread: the result is read there, after the worker is done with it.
    connect(m_thread, &QThread::finished, this, &ConnectionTester::onThreadFinished, Qt::QueuedConnection);
    m_thread->start();
    return true;
}

void ConnectionTester::cancel()
{
    if (!m_shared)
        return;
    QMutexLocker lock(&m_shared->mutex);
    m_shared->cancelled = true;
    if (m_shared->client)
        m_shared->client->cancel(); // thread-safe by contract
}

void ConnectionTester::cancelAndWait(int timeoutMs)
{
    if (!m_thread)
        return;
    cancel();
    QThread* thread = m_thread;
    m_thread = nullptr;
    disconnect(thread, nullptr, this, nullptr);
    if (thread->wait(timeoutMs)) {
        delete thread;
    } else {
        // The request did not stop in time: let the thread end on its own and clean up after
        // itself. It only touches the shared state, which it co-owns.
        connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        thread->setParent(nullptr);
    }
    m_shared.reset();
}

void ConnectionTester::onThreadFinished()
{
    if (!m_thread)
        return;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    ConnectionTestResult result;
    {
        QMutexLocker lock(&m_shared->mutex);
        result = m_shared->result;
    }
    m_shared.reset();
    Q_EMIT finished(result);
}

void ConnectionTester::run(const std::shared_ptr<Shared>& shared, const RedcapClientOptions& options,
                           const QStringList& expectedFields)
{
    ConnectionTestResult result;
    // The client lives and works in this thread only (it refuses any other).
    RedcapClient client(options);
    {
        QMutexLocker lock(&shared->mutex);
        shared->client = &client;
        if (shared->cancelled)
            client.cancel();
    }
    const Result<QString> version = client.exportVersion();
    if (!version) {
        result.error = version.error();
    } else {
        result.version = version.value();
        const Result<QStringList> fields = client.exportFieldNames();
        if (!fields) {
            result.error = fields.error();
        } else {
            result.fieldNames = fields.value();
            for (const QString& field : expectedFields) {
                if (!field.isEmpty() && !result.fieldNames.contains(field)
                    && !result.missingFields.contains(field))
                    result.missingFields.append(field);
            }
        }
    }
    QMutexLocker lock(&shared->mutex);
    shared->client = nullptr;
    if (shared->cancelled && !result.ok())
        result.error.kind = Error::Kind::Cancelled;
    shared->result = result;
}

} // namespace Lantir
