#include "config/DatabaseLocation.h"

#include <QTest>

using namespace Lantir;

// A database named on the command line: SQLite paths pass through, PostgreSQL URIs are taken
// apart with percent-decoding, IPv6 hosts and defaults, and anything doubtful is refused with
// a message that says which part is wrong and never repeats a password.
class TestDatabaseLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqlitePathsPassThrough_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("absolute") << QStringLiteral("/var/lib/lantir/worklist.db");
        QTest::newRow("relative") << QStringLiteral("worklist.db");
        QTest::newRow("spaces and percent") << QStringLiteral("my files/work%20list.db");
        QTest::newRow("windows") << QStringLiteral("C:\\Lantir\\worklist.db");
        QTest::newRow("looks like a host") << QStringLiteral("postgresql:/db");
    }
    void sqlitePathsPassThrough()
    {
        QFETCH(QString, text);
        const Result<DatabaseTarget> target = DatabaseLocation::parse(text);
        QVERIFY2(target.ok(), qPrintable(target.error().message));
        QCOMPARE(target.value().driver, DatabaseDriver::Sqlite);
        QCOMPARE(target.value().path, text);
        QVERIFY(!DatabaseLocation::isPostgresUri(text));
    }

    void fullUri()
    {
        const Result<DatabaseTarget> target = DatabaseLocation::parse(
            QStringLiteral("postgresql://lantir@db.example.org:6543/worklist?sslmode=verify-full"
                           "&sslrootcert=/etc/lantir/ca.pem"));
        QVERIFY2(target.ok(), qPrintable(target.error().message));
        const PostgresSettings& pg = target.value().postgres;
        QCOMPARE(target.value().driver, DatabaseDriver::Postgresql);
        QCOMPARE(pg.user, QStringLiteral("lantir"));
        QCOMPARE(pg.host, QStringLiteral("db.example.org"));
        QCOMPARE(pg.port, 6543);
        QCOMPARE(pg.name, QStringLiteral("worklist"));
        QCOMPARE(pg.sslmode, QStringLiteral("verify-full"));
        QCOMPARE(pg.caFile, QStringLiteral("/etc/lantir/ca.pem"));
        QVERIFY(target.value().password.isEmpty());
        QCOMPARE(target.value().describe(),
                 QStringLiteral("postgresql://lantir@db.example.org:6543/worklist"));
    }

    void defaults()
    {
        const Result<DatabaseTarget> target
            = DatabaseLocation::parse(QStringLiteral("postgres://db/worklist"));
        QVERIFY2(target.ok(), qPrintable(target.error().message));
        const PostgresSettings& pg = target.value().postgres;
        QCOMPARE(pg.user, QString());
        QCOMPARE(pg.host, QStringLiteral("db"));
        QCOMPARE(pg.port, 5432);
        QCOMPARE(pg.sslmode, QStringLiteral("prefer"));
        QCOMPARE(pg.caFile, QString());
        QCOMPARE(target.value().busyTimeoutMs, DatabaseTarget().busyTimeoutMs);
        QVERIFY(DatabaseLocation::isPostgresUri(QStringLiteral("PostgreSQL://db/worklist")));
    }

    void percentDecoding()
    {
        const Result<DatabaseTarget> target = DatabaseLocation::parse(
            QStringLiteral("postgresql://site%40lab@%2Fvar%2Frun%2Fpostgresql/work%20list%2F%C3%A9"
                           "?sslrootcert=%2Fca%20dir%2Froot%2B1.pem"));
        QVERIFY2(target.ok(), qPrintable(target.error().message));
        const PostgresSettings& pg = target.value().postgres;
        QCOMPARE(pg.user, QStringLiteral("site@lab"));
        QCOMPARE(pg.host, QStringLiteral("/var/run/postgresql"));
        QCOMPARE(pg.name, QString::fromUtf8("work list/\xc3\xa9"));
        QCOMPARE(pg.caFile, QStringLiteral("/ca dir/root+1.pem"));
    }

    void ipv6Hosts()
    {
        Result<DatabaseTarget> target
            = DatabaseLocation::parse(QStringLiteral("postgresql://u@[2001:db8::5]:5433/w"));
        QVERIFY2(target.ok(), qPrintable(target.error().message));
        QCOMPARE(target.value().postgres.host, QStringLiteral("2001:db8::5"));
        QCOMPARE(target.value().postgres.port, 5433);
        QCOMPARE(target.value().describe(), QStringLiteral("postgresql://u@[2001:db8::5]:5433/w"));
        target = DatabaseLocation::parse(QStringLiteral("postgresql://[::1]/w"));
        QVERIFY2(target.ok(), qPrintable(target.error().message));
        QCOMPARE(target.value().postgres.host, QStringLiteral("::1"));
        QCOMPARE(target.value().postgres.port, 5432);
    }

    void passwordsAreRefusedWithoutBeingRepeated_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("user:password") << QStringLiteral("postgresql://lantir:S3cretPw@db/worklist");
        QTest::newRow("empty password") << QStringLiteral("postgresql://lantir:@db/worklist");
        QTest::newRow("parameter") << QStringLiteral("postgresql://lantir@db/worklist?password=S3cretPw");
        QTest::newRow("encoded parameter name")
            << QStringLiteral("postgresql://db/worklist?sslmode=require&pass%77ord=S3cretPw");
        QTest::newRow("@ in the password") << QStringLiteral("postgresql://lantir:S3cr@tPw@db/worklist");
    }
    void passwordsAreRefusedWithoutBeingRepeated()
    {
        QFETCH(QString, text);
        const Result<DatabaseTarget> target = DatabaseLocation::parse(text);
        QVERIFY(!target.ok());
        QCOMPARE(target.error().kind, Error::Kind::Config);
        const QString& message = target.error().message;
        QVERIFY2(message.contains(QLatin1String("~/.pgpass"))
                     && message.contains(QLatin1String("PGPASSWORD")),
                 qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("S3cr")), qPrintable(message));
    }

    void hostileInputsAreRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // a part of the message
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("blank") << QStringLiteral("  ") << QStringLiteral("empty");
        QTest::newRow("other scheme") << QStringLiteral("mysql://db/worklist") << QStringLiteral("mysql://");
        QTest::newRow("no database") << QStringLiteral("postgresql://db")
                                     << QStringLiteral("names no database");
        QTest::newRow("empty database")
            << QStringLiteral("postgresql://db/") << QStringLiteral("names no database");
        QTest::newRow("no host") << QStringLiteral("postgresql:///worklist")
                                 << QStringLiteral("names no host");
        QTest::newRow("user only") << QStringLiteral("postgresql://lantir@/worklist")
                                   << QStringLiteral("names no host");
        QTest::newRow("slash in database") << QStringLiteral("postgresql://db/a/b") << QStringLiteral("%2F");
        QTest::newRow("port zero") << QStringLiteral("postgresql://db:0/w") << QStringLiteral("port '0'");
        QTest::newRow("port too big") << QStringLiteral("postgresql://db:65536/w") << QStringLiteral("65536");
        QTest::newRow("port empty") << QStringLiteral("postgresql://db:/w") << QStringLiteral("port ''");
        QTest::newRow("port signed") << QStringLiteral("postgresql://db:+5432/w") << QStringLiteral("+5432");
        QTest::newRow("port words") << QStringLiteral("postgresql://db:pg/w") << QStringLiteral("port 'pg'");
        QTest::newRow("port unicode digits")
            << QString::fromUtf8("postgresql://db:\xd9\xa5\xd9\xa4/w") << QStringLiteral("port");
        QTest::newRow("bare ipv6") << QStringLiteral("postgresql://2001:db8::5/w")
                                   << QStringLiteral("brackets");
        QTest::newRow("unclosed bracket")
            << QStringLiteral("postgresql://[::1/w") << QStringLiteral("never closes");
        QTest::newRow("empty brackets") << QStringLiteral("postgresql://[]/w") << QStringLiteral("not one");
        QTest::newRow("host in brackets")
            << QStringLiteral("postgresql://[db.example.org]/w") << QStringLiteral("not one");
        QTest::newRow("text after bracket")
            << QStringLiteral("postgresql://[::1]x/w") << QStringLiteral("after the IPv6");
        QTest::newRow("bad escape") << QStringLiteral("postgresql://db/work%2")
                                    << QStringLiteral("two hex digits");
        QTest::newRow("bad escape hex")
            << QStringLiteral("postgresql://db/work%zz") << QStringLiteral("two hex");
        QTest::newRow("escaped NUL") << QStringLiteral("postgresql://db/work%00list")
                                     << QStringLiteral("control character");
        QTest::newRow("escaped newline in user")
            << QStringLiteral("postgresql://a%0Ab@db/w") << QStringLiteral("control character");
        QTest::newRow("not utf-8") << QStringLiteral("postgresql://db/%C3%28") << QStringLiteral("not UTF-8");
        QTest::newRow("space") << QStringLiteral("postgresql://db/work list") << QStringLiteral("space");
        QTest::newRow("newline") << QStringLiteral("postgresql://db/w\nhost=evil") << QStringLiteral("space");
        QTest::newRow("fragment") << QStringLiteral("postgresql://db/w#x") << QStringLiteral("fragment");
        QTest::newRow("unknown parameter")
            << QStringLiteral("postgresql://db/w?host=evil") << QStringLiteral("'host'");
        QTest::newRow("options parameter")
            << QStringLiteral("postgresql://db/w?options=-c%20x%3Dy") << QStringLiteral("'options'");
        QTest::newRow("repeated parameter")
            << QStringLiteral("postgresql://db/w?sslmode=require&sslmode=disable") << QStringLiteral("twice");
        QTest::newRow("bad sslmode") << QStringLiteral("postgresql://db/w?sslmode=maybe")
                                     << QStringLiteral("sslmode=maybe");
        QTest::newRow("parameter without value")
            << QStringLiteral("postgresql://db/w?sslmode") << QStringLiteral("without '=value'");
        QTest::newRow("stray ampersand")
            << QStringLiteral("postgresql://db/w?sslmode=require&") << QStringLiteral("empty parameter");
        QTest::newRow("empty query") << QStringLiteral("postgresql://db/w?")
                                     << QStringLiteral("empty parameter");
    }
    void hostileInputsAreRefused()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const Result<DatabaseTarget> target = DatabaseLocation::parse(text);
        QVERIFY2(!target.ok(), qPrintable(text));
        QCOMPARE(target.error().kind, Error::Kind::Config);
        QVERIFY2(target.error().message.contains(expected), qPrintable(target.error().message));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseLocation)
#include "tst_databaselocation.moc"
