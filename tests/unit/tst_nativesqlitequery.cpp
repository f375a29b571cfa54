// Statements on SQLite's own API: values bound in place, read back as Qt's driver would.

#include "TestEnvironment.h"
#include "store/NativeSqliteQuery.h"

#include <QSqlDatabase>
#include <QTest>

using namespace Lantir;
using namespace Lantir::Test;

// Debian's Qt runs on the SQLite Lantir links, so CI has the native path: its absence fails there.
#define REQUIRE_NATIVE(query)                                                                                \
    do {                                                                                                     \
        if (!(query)) {                                                                                      \
            if (TestEnvironment::isCi())                                                                     \
                QFAIL("the native SQLite path is not available");                                            \
            QSKIP("the native SQLite path is not available with this Qt");                                   \
        }                                                                                                    \
    } while (false)

class TestNativeSqliteQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyBoundValueReadsBackAsBound();
    void rebindingReplacesOnlyThatValue();
    void nullIsNotEmptyText();

private:
    std::unique_ptr<NativeSqliteQuery> prepare(const QString& sql);
    QSqlDatabase m_db;
};

void TestNativeSqliteQuery::init()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("native"));
    m_db.setDatabaseName(QStringLiteral(":memory:"));
    QVERIFY(m_db.open());
}

void TestNativeSqliteQuery::cleanup()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("native"));
}

std::unique_ptr<NativeSqliteQuery> TestNativeSqliteQuery::prepare(const QString& sql)
{
    QSqlError error;
    std::unique_ptr<NativeSqliteQuery> query = NativeSqliteQuery::prepare(m_db, sql, &error);
    if (error.isValid())
        qWarning("%s", qPrintable(error.text()));
    return query;
}

// Short values live inside each parameter's buffer: binding the later ones must not move the
// earlier ones SQLite still points at.
void TestNativeSqliteQuery::everyBoundValueReadsBackAsBound()
{
    QStringList columns;
    for (int i = 1; i <= 24; ++i)
        columns.append(QStringLiteral("?%1").arg(i));
    const std::unique_ptr<NativeSqliteQuery> query
        = prepare(QStringLiteral("SELECT ") + columns.join(QStringLiteral(", ")));
    REQUIRE_NATIVE(query);
    QStringList values;
    for (int i = 0; i < 20; ++i)
        values.append(QStringLiteral("v%1").arg(i));
    values.append(QStringLiteral("Zoë Ødegård-Müller, a value longer than any short-string buffer"));
    values.append(QString::fromUtf8("\xe5\xbc\xa0\xe4\xbc\x9f")); // 张伟
    values.append(QLatin1String("")); // empty, not NULL
    values.append(QString()); // NULL
    for (int i = 0; i < values.size(); ++i)
        query->bindText(i, values.at(i));
    QVERIFY(query->next());
    for (int i = 0; i < values.size(); ++i) {
        QCOMPARE(query->text(i), values.at(i));
        QCOMPARE(query->text(i).isNull(), values.at(i).isNull());
        QVERIFY(query->textEquals(i, values.at(i)));
    }
    QVERIFY(!query->textEquals(0, QStringLiteral("v1")));
    QVERIFY(!query->textEquals(22, QString()));
    QVERIFY(!query->next());
    QVERIFY(!query->lastError().isValid());
}

void TestNativeSqliteQuery::rebindingReplacesOnlyThatValue()
{
    const std::unique_ptr<NativeSqliteQuery> query = prepare(QStringLiteral("SELECT ?1, ?2"));
    REQUIRE_NATIVE(query);
    query->bindText(0, QStringLiteral("first"));
    query->bindText(1, QStringLiteral("second value, long enough to live on the heap"));
    QVERIFY(query->next());
    QVERIFY(!query->next());
    query->bindText(1, QStringLiteral("2"));
    QVERIFY(query->next());
    QCOMPARE(query->text(0), QStringLiteral("first"));
    QCOMPARE(query->text(1), QStringLiteral("2"));
}

// NULL equals only a null QString; an empty BLOB or text reads as empty text, not NULL.
void TestNativeSqliteQuery::nullIsNotEmptyText()
{
    const std::unique_ptr<NativeSqliteQuery> query = prepare(QStringLiteral("SELECT NULL, x'', ''"));
    REQUIRE_NATIVE(query);
    QVERIFY(query->next());
    QVERIFY(query->textEquals(0, QString()));
    QVERIFY(!query->textEquals(0, QLatin1String("")));
    for (int column : { 1, 2 }) {
        QVERIFY(query->textEquals(column, QLatin1String("")));
        QVERIFY(!query->textEquals(column, QString()));
    }
}

QTEST_GUILESS_MAIN(TestNativeSqliteQuery)
#include "tst_nativesqlitequery.moc"
