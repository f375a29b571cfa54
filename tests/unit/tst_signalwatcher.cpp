#include "platform/SignalWatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using Lantir::SignalWatcher;

namespace {

// Far more signals than the socket pair buffers (a few hundred one-byte writes on Linux).
constexpr int ManySignals = 20000;

} // namespace

class TestSignalWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void oneSignalReportsAStop();
    void aFullSocketNeverBlocksTheHandler();
};

void TestSignalWatcher::initTestCase()
{
#ifndef Q_OS_UNIX
    QSKIP("POSIX signals only");
#else
    // Should the handler ever block and the watcher close its socket under it, the write fails
    // with EPIPE instead of ending the test process.
    ::signal(SIGPIPE, SIG_IGN);
#endif
}

void TestSignalWatcher::oneSignalReportsAStop()
{
#ifdef Q_OS_UNIX
    SignalWatcher watcher;
    QSignalSpy spy(&watcher, &SignalWatcher::stopRequested);
    QCOMPARE(::raise(SIGTERM), 0);
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.first().first().toInt(), SIGTERM);
#endif
}

void TestSignalWatcher::aFullSocketNeverBlocksTheHandler()
{
#ifdef Q_OS_UNIX
    SignalWatcher watcher;
    QSignalSpy spy(&watcher, &SignalWatcher::stopRequested);

    // Nobody reads while the signals arrive: the event loop does not run until they are all raised.
    std::atomic<int> raised { 0 };
    std::atomic<bool> stop { false };
    std::thread raiser([&raised, &stop] {
        for (int i = 0; i < ManySignals && !stop.load(); ++i) {
            ::raise(SIGINT); // the handler runs on this thread, before raise() returns
            raised.fetch_add(1);
        }
    });
    QElapsedTimer waited;
    waited.start();
    while (raised.load() < ManySignals && waited.elapsed() < 20000)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const int count = raised.load();
    stop.store(true);
    if (count < ManySignals) {
        // Blocked in the handler: closing the watcher's socket (at the end of this scope) frees it.
        raiser.detach();
        QFAIL(qPrintable(QStringLiteral("the signal handler blocked after %1 of %2 signals: the watcher's "
                                        "socket must be non-blocking")
                             .arg(count)
                             .arg(ManySignals)));
    }
    raiser.join();

    // The signals that fitted are reported, then the socket is empty again.
    QTRY_VERIFY(spy.count() >= 1);
    QCOMPARE(spy.first().first().toInt(), SIGINT);
    QVERIFY2(spy.count() < ManySignals, "the socket held every signal; the test no longer fills it");
    int before = -1;
    while (before != spy.count()) {
        before = spy.count();
        QTest::qWait(50);
    }

    // And it still reports the next stop.
    spy.clear();
    QCOMPARE(::raise(SIGTERM), 0);
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.first().first().toInt(), SIGTERM);
#endif
}

QTEST_GUILESS_MAIN(TestSignalWatcher)
#include "tst_signalwatcher.moc"
