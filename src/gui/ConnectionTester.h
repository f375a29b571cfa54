#pragma once

#include "base/Result.h"
#include "redcap/RedcapClientOptions.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QThread;

namespace Lantir {

// What a connection test found out.
struct ConnectionTestResult
{
    Error error; // Kind::None on success; Kind::Cancelled when stopped
    QString version; // REDCap's version, e.g. "14.9.1"
    QStringList fieldNames; // the project's data dictionary, record ID field first
    QStringList missingFields; // of those asked to check, the ones the project does not have

    bool ok() const { return !error.isError(); }
};

// Runs RedcapClient::exportVersion() and exportFieldNames() on a worker thread of its own (the
// client is synchronous) and reports back on the thread that owns the tester, so the dialog that
// asks never freezes. One test at a time; cancel() or destroying the tester stops it.
class ConnectionTester : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionTester(QObject* parent = nullptr);
    ~ConnectionTester() override;

    // Starts a test; false when one is already running. `expectedFields` are checked against the
    // project's data dictionary (e.g. the fields the mapping needs).
    bool start(const RedcapClientOptions& options, const QStringList& expectedFields = {});
    bool isRunning() const;
    // Stops the test in progress; finished() then reports Kind::Cancelled. Returns at once.
    void cancel();
    // Stops the test and waits up to `timeoutMs` for its thread to end.
    void cancelAndWait(int timeoutMs = 5000);

Q_SIGNALS:
    void finished(const Lantir::ConnectionTestResult& result);

private:
    struct Shared;
    static void run(const std::shared_ptr<Shared>& shared, const RedcapClientOptions& options,
                    const QStringList& expectedFields);
    void onThreadFinished();

    QThread* m_thread = nullptr;
    std::shared_ptr<Shared> m_shared;
};

} // namespace Lantir
