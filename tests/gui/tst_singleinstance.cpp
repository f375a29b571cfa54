// One Lantir per user and configuration: launches racing each other end with exactly one instance,
// and every other launch hands over to it.

#include "SingleInstance.h"
#include "TestEnvironment.h"
#include "base/HappensBefore.h"

#include <QAtomicInt>
#include <QEventLoop>
#include <QFile>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <memory>
#include <vector>

using namespace Lantir;
using Lantir::Test::TestEnvironment;

namespace {

// One launch on its own thread: claims the instance when released, and if it wins, serves the
// others' requests until each of them was heard.
class Launch : public QThread
{
public:
    Launch(const QString& key, int others, QSemaphore* ready, QSemaphore* go)
        : m_key(key)
        , m_others(others)
        , m_ready(ready)
        , m_go(go)
    {
    }

    SingleInstance::Role role() const { return SingleInstance::Role(m_role.loadAcquire()); }
    int activations() const { return m_activations.loadAcquire(); }
    QSemaphore claimed;

protected:
    void run() override
    {
        runLaunch();
        // Everything this thread did happens before wait() returns, through Qt's futexes that
        // ThreadSanitizer cannot see; the test deletes the launch after wait().
        HappensBefore::release(this);
    }

private:
    void runLaunch()
    {
        SingleInstance instance(m_key);
        m_ready->release();
        m_go->acquire();
        const SingleInstance::Role role = instance.claim(int(TestEnvironment::scaledMs(10000)));
        m_role.storeRelease(int(role));
        claimed.release();
        if (role != SingleInstance::Role::Primary)
            return;
        QEventLoop loop;
        QObject::connect(&instance, &SingleInstance::activationRequested, &loop, [this, &loop] {
            if (m_activations.fetchAndAddOrdered(1) + 1 >= m_others)
                loop.quit();
        });
        QTimer::singleShot(int(TestEnvironment::scaledMs(20000)), &loop, &QEventLoop::quit);
        if (m_others > 0)
            loop.exec();
    }

    QString m_key;
    int m_others;
    QSemaphore* m_ready;
    QSemaphore* m_go;
    QAtomicInt m_role { -1 };
    QAtomicInt m_activations { 0 };
};

} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void simultaneousLaunchesLeaveOneInstance_data();
    void simultaneousLaunchesLeaveOneInstance();
    void theNextLaunchAfterTheInstanceQuitTakesOver();
};

void TestSingleInstance::simultaneousLaunchesLeaveOneInstance_data()
{
    QTest::addColumn<int>("launches");
    QTest::addColumn<int>("rounds");
    QTest::newRow("two") << 2 << 50;
    QTest::newRow("four") << 4 << 10;
}

void TestSingleInstance::simultaneousLaunchesLeaveOneInstance()
{
    QFETCH(int, launches);
    QFETCH(int, rounds);
    for (int round = 0; round < rounds; ++round) {
        const QString key = QStringLiteral("tst_singleinstance-") + QUuid::createUuid().toString();
        QSemaphore ready;
        QSemaphore go;
        std::vector<std::unique_ptr<Launch>> threads;
        for (int i = 0; i < launches; ++i)
            threads.push_back(std::make_unique<Launch>(key, launches - 1, &ready, &go));
        for (auto& thread : threads)
            thread->start();
        ready.acquire(launches);
        go.release(launches); // all at the same moment
        for (auto& thread : threads)
            QVERIFY(thread->claimed.tryAcquire(1, int(TestEnvironment::scaledMs(15000))));
        for (auto& thread : threads) {
            QVERIFY(thread->wait(TestEnvironment::scaledMs(30000)));
            HappensBefore::acquire(thread.get());
        }

        int primaries = 0;
        int secondaries = 0;
        const Launch* primary = nullptr;
        for (const auto& thread : threads) {
            if (thread->role() == SingleInstance::Role::Primary) {
                ++primaries;
                primary = thread.get();
            } else if (thread->role() == SingleInstance::Role::Secondary) {
                ++secondaries;
            }
        }
        QCOMPARE(primaries, 1);
        QCOMPARE(secondaries, launches - 1);
        // Each launch that lost handed over to the winner, which heard every one of them.
        QCOMPARE(primary->activations(), launches - 1);
        QVERIFY(!QFile::exists(SingleInstance(key).lockPath()));
    }
}

void TestSingleInstance::theNextLaunchAfterTheInstanceQuitTakesOver()
{
    const QString key = QStringLiteral("tst_singleinstance-") + QUuid::createUuid().toString();
    auto first = std::make_unique<SingleInstance>(key);
    QCOMPARE(first->claim(int(TestEnvironment::scaledMs(2000))), SingleInstance::Role::Primary);
    QVERIFY(QFile::exists(first->lockPath()));
    SingleInstance second(key);
    QCOMPARE(second.claim(int(TestEnvironment::scaledMs(2000))), SingleInstance::Role::Secondary);
    first.reset();
    SingleInstance third(key);
    QCOMPARE(third.claim(int(TestEnvironment::scaledMs(2000))), SingleInstance::Role::Primary);
}

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
