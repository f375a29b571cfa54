// A thread's OpenSSL state (store/ThreadCryptoState.h) against a real PostgreSQL server that signs
// in with SCRAM-SHA-256: libpq's login fills the connecting thread's state, and the thread hands it
// back when its last PostgreSQL connection closes, not before. The state is seen through the
// thread's OpenSSL error queue, which OPENSSL_thread_stop() frees along with the random generators.

#include "PostgresTestServer.h"
#include "store/DatabaseConnection.h"

#include <QSqlQuery>
#include <QTest>

#include <dlfcn.h>
#include <thread>

using namespace Lantir;
using namespace Lantir::Test;

namespace {
// The few OpenSSL functions the test needs, from the libcrypto libpq loaded.
struct OpenSsl
{
    unsigned long (*peekError)() = nullptr;
    void (*newError)() = nullptr;
    void (*setError)(int lib, int reason, const char* format, ...) = nullptr;
    void (*clearErrors)() = nullptr;

    static OpenSsl load()
    {
        OpenSsl ssl;
        void* handle = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_NOLOAD);
        if (!handle)
            return ssl;
        ssl.peekError = reinterpret_cast<decltype(peekError)>(dlsym(handle, "ERR_peek_error"));
        ssl.newError = reinterpret_cast<decltype(newError)>(dlsym(handle, "ERR_new"));
        ssl.setError = reinterpret_cast<decltype(setError)>(dlsym(handle, "ERR_set_error"));
        ssl.clearErrors = reinterpret_cast<decltype(clearErrors)>(dlsym(handle, "ERR_clear_error"));
        return ssl;
    }
    bool loaded() const { return peekError && newError && setError && clearErrors; }
    // Puts an error on the calling thread's queue: state that only a release removes.
    void markThread() const
    {
        newError();
        setError(/* ERR_LIB_USER */ 128, 1, nullptr);
    }
    bool threadMarked() const { return peekError() != 0; }
};

// What one thread saw of its own OpenSSL state.
struct ThreadView
{
    QString error;
    bool markedWithTwoOpen = false;
    bool markedWithOneOpen = false;
    bool markedWithNoneOpen = true;
    bool queryAfterRelease = false;
};

bool selectOne(QSqlDatabase& db)
{
    QSqlQuery query(db);
    return query.exec(QStringLiteral("SELECT 1")) && query.next() && query.value(0).toInt() == 1;
}
} // namespace

class TestThreadCryptoState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void lastConnectionOfAThreadHandsBackItsState();
    void failedLoginHandsBackItsState();

private:
    DatabaseTarget target(const QString& password) const;

    PostgresTestServer m_server;
    OpenSsl m_ssl;
};

void TestThreadCryptoState::initTestCase()
{
    qunsetenv("PGPASSFILE");
    qunsetenv("PGPASSWORD");
    LANTIR_REQUIRE_POSTGRES(m_server);
    QVERIFY2(m_server.createDatabase(QStringLiteral("crypto")), qPrintable(m_server.errorString()));
    // A first login in this thread loads libpq, and with it libcrypto.
    Result<QSqlDatabase> first
        = DatabaseConnection::open(target(m_server.password()), QStringLiteral("first"));
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    DatabaseConnection::closeAndRemove(first.value());
    m_ssl = OpenSsl::load();
    QVERIFY2(m_ssl.loaded(), "libpq did not bring OpenSSL 3 into the process: nothing to hand back");
}

DatabaseTarget TestThreadCryptoState::target(const QString& password) const
{
    DatabaseTarget target;
    target.driver = DatabaseDriver::Postgresql;
    target.postgres.host = m_server.host();
    target.postgres.port = m_server.port();
    target.postgres.name = QStringLiteral("crypto");
    target.postgres.user = m_server.superuser();
    target.postgres.sslmode = QStringLiteral("disable");
    target.password = password;
    target.busyTimeoutMs = 2000;
    return target;
}

void TestThreadCryptoState::lastConnectionOfAThreadHandsBackItsState()
{
    const DatabaseTarget pg = target(m_server.password());
    ThreadView view;
    std::thread worker([&] {
        Result<QSqlDatabase> a = DatabaseConnection::open(pg, QStringLiteral("worker-a"));
        Result<QSqlDatabase> b = DatabaseConnection::open(pg, QStringLiteral("worker-b"));
        if (!a || !b) {
            view.error = !a ? a.error().message : b.error().message;
            return;
        }
        m_ssl.markThread();
        view.markedWithTwoOpen = m_ssl.threadMarked();
        DatabaseConnection::closeAndRemove(a.value());
        view.markedWithOneOpen = m_ssl.threadMarked();
        DatabaseConnection::closeAndRemove(b.value());
        view.markedWithNoneOpen = m_ssl.threadMarked();

        // OpenSSL makes the state afresh for the next login.
        Result<QSqlDatabase> again = DatabaseConnection::open(pg, QStringLiteral("worker-again"));
        view.queryAfterRelease = again && selectOne(again.value());
        if (again)
            DatabaseConnection::closeAndRemove(again.value());
        m_ssl.clearErrors();
    });
    worker.join();
    QVERIFY2(view.error.isEmpty(), qPrintable(view.error));
    QVERIFY(view.markedWithTwoOpen);
    QVERIFY2(view.markedWithOneOpen, "the state was handed back while a connection was still open");
    QVERIFY2(!view.markedWithNoneOpen, "the thread kept its OpenSSL state after its last connection closed");
    QVERIFY(view.queryAfterRelease);
}

void TestThreadCryptoState::failedLoginHandsBackItsState()
{
    // A refused password runs the SCRAM exchange too, and counts as a connection that opened and
    // closed: the thread's state goes with its last good connection after it.
    const DatabaseTarget good = target(m_server.password());
    const DatabaseTarget wrong = target(QStringLiteral("not-the-password"));
    ThreadView view;
    std::thread worker([&] {
        Result<QSqlDatabase> open = DatabaseConnection::open(good, QStringLiteral("kept"));
        if (!open) {
            view.error = open.error().message;
            return;
        }
        Result<QSqlDatabase> refused = DatabaseConnection::open(wrong, QStringLiteral("refused"));
        if (refused) {
            view.error = QStringLiteral("the wrong password was accepted");
            DatabaseConnection::closeAndRemove(refused.value());
        } else if (!refused.error().message.contains(QLatin1String("password"))) {
            view.error = refused.error().message;
        }
        m_ssl.markThread();
        view.markedWithOneOpen = m_ssl.threadMarked();
        DatabaseConnection::closeAndRemove(open.value());
        view.markedWithNoneOpen = m_ssl.threadMarked();
        m_ssl.clearErrors();
    });
    worker.join();
    QVERIFY2(view.error.isEmpty(), qPrintable(view.error));
    QVERIFY(view.markedWithOneOpen);
    QVERIFY2(!view.markedWithNoneOpen, "a failed login was counted as a connection still open");
}

QTEST_GUILESS_MAIN(TestThreadCryptoState)
#include "tst_threadcryptostate.moc"
