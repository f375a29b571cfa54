#include "ScopedSqlConnection.h"
#include "SqlFixture.h"
#include "store/CycleHistory.h"
#include "store/WorklistSchema.h"
#include "store/WorklistStore.h"
#include "worklist/WorklistColumns.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Lantir;
using Lantir::Test::ScopedSqlConnection;
using Lantir::Test::SqlFixture;

namespace {
// pylantir's first released schema (patient_weight, status; no hisris_coding_designator, no
// data_source), as SQLAlchemy created it in early 2025.
const char* const OldPylantirDdl = "CREATE TABLE worklist_items (\n"
                                   "\tid INTEGER NOT NULL, \n"
                                   "\tstudy_instance_uid VARCHAR(100), \n"
                                   "\tpatient_name VARCHAR(100), \n"
                                   "\tpatient_id VARCHAR(50), \n"
                                   "\tpatient_birth_date VARCHAR(8), \n"
                                   "\tpatient_sex VARCHAR(1), \n"
                                   "\tpatient_weight VARCHAR(10), \n"
                                   "\taccession_number VARCHAR(50), \n"
                                   "\treferring_physician_name VARCHAR(100), \n"
                                   "\tmodality VARCHAR(10), \n"
                                   "\tstudy_description VARCHAR(100), \n"
                                   "\tscheduled_station_aetitle VARCHAR(100), \n"
                                   "\tscheduled_start_date VARCHAR(8), \n"
                                   "\tscheduled_start_time VARCHAR(6), \n"
                                   "\tperforming_physician VARCHAR(100), \n"
                                   "\tprocedure_description VARCHAR(200), \n"
                                   "\tprotocol_name VARCHAR(100), \n"
                                   "\tstation_name VARCHAR(100), \n"
                                   "\tstatus VARCHAR, \n"
                                   "\tPRIMARY KEY (id)\n"
                                   ")";

int unixMode(const QString& path)
{
#ifdef Q_OS_UNIX
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
#else
    Q_UNUSED(path);
    return -1;
#endif
}

QStringList schemaObjects(const QSqlDatabase& db)
{
    QStringList names;
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT type || ' ' || name FROM sqlite_master ORDER BY type, name"));
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

WorklistEntry sampleEntry(const QString& record)
{
    WorklistEntry entry;
    entry.key = EntryKey { QStringLiteral("REDCap"), record, QString(), QStringLiteral("1") };
    entry[Worklist::PatientId] = QStringLiteral("sub_%1_ses_1_fam_1_site_792").arg(record);
    entry[Worklist::PatientName] = QStringLiteral("cpip-id-%1^fa-1").arg(record);
    entry[Worklist::Modality] = QStringLiteral("MR");
    return entry;
}
} // namespace

class TestWorklistSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsPylantirsExactTable()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("worklist.db"));
        {
            WorklistStore store;
            const Result<void> opened = store.open(path);
            QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        }
        ScopedSqlConnection other(path);
        QVERIFY(other.isOpen());

        // PRAGMA table_info: names, order, declared types, NOT NULL, no defaults, id the only key.
        struct Expected
        {
            const char* name;
            const char* type;
        };
        const Expected expected[] = {
            { "id", "INTEGER" },
            { "study_instance_uid", "VARCHAR(100)" },
            { "patient_name", "VARCHAR(100)" },
            { "patient_id", "VARCHAR(50)" },
            { "patient_birth_date", "VARCHAR(8)" },
            { "patient_sex", "VARCHAR(1)" },
            { "patient_weight_lb", "VARCHAR(10)" },
            { "accession_number", "VARCHAR(50)" },
            { "referring_physician_name", "VARCHAR(100)" },
            { "modality", "VARCHAR(10)" },
            { "study_description", "VARCHAR(100)" },
            { "scheduled_station_aetitle", "VARCHAR(100)" },
            { "scheduled_start_date", "VARCHAR(8)" },
            { "scheduled_start_time", "VARCHAR(6)" },
            { "performing_physician", "VARCHAR(100)" },
            { "procedure_description", "VARCHAR(200)" },
            { "protocol_name", "VARCHAR(100)" },
            { "station_name", "VARCHAR(100)" },
            { "hisris_coding_designator", "VARCHAR(100)" },
            { "performed_procedure_step_status", "VARCHAR" },
            { "data_source", "VARCHAR(255)" },
        };
        QSqlQuery info(other.db());
        QVERIFY(info.exec(QStringLiteral("PRAGMA table_info(worklist_items)")));
        int cid = 0;
        while (info.next()) {
            QVERIFY(cid < Worklist::ColumnCount);
            QCOMPARE(info.value(0).toInt(), cid);
            QCOMPARE(info.value(1).toString(), QLatin1String(expected[cid].name));
            QCOMPARE(info.value(1).toString(),
                     QString(Worklist::columnName(static_cast<Worklist::Column>(cid))));
            QCOMPARE(info.value(2).toString(), QLatin1String(expected[cid].type));
            QCOMPARE(info.value(3).toInt(), cid == 0 ? 1 : 0); // NOT NULL only on id
            QVERIFY(info.value(4).isNull()); // no DDL defaults
            QCOMPARE(info.value(5).toInt(), cid == 0 ? 1 : 0); // primary key
            ++cid;
        }
        QCOMPARE(cid, int(Worklist::ColumnCount));

        // id is the rowid alias SQLite numbers itself, as in pylantir's table.
        QVERIFY(other.exec(QStringLiteral("INSERT INTO worklist_items (patient_id) VALUES ('x')")));
        QCOMPARE(SqlFixture::scalar(other.db(), QStringLiteral("SELECT id = rowid FROM worklist_items")),
                 QStringLiteral("1"));

        // The stored CREATE TABLE is SQLAlchemy's text, the same as in a pylantir database.
        const QString stored = SqlFixture::scalar(
            other.db(), QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'worklist_items'"));
        QCOMPARE(stored, WorklistSchema::worklistItemsDdl());
        const QStringList fixture = SqlFixture::statements(QString::fromUtf8(
            SqlFixture::fileBytes(SqlFixture::path(QStringLiteral("pylantir_worklist.sql")))));
        QVERIFY(!fixture.isEmpty());
        QCOMPARE(stored, fixture.first());
    }

    void createsSideTablesAndIndexes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("worklist.db"));
        WorklistStore store;
        QVERIFY(store.open(path).ok());

        const QStringList objects = schemaObjects(store.database());
        for (const char* expected : { "table worklist_items", "table lantir_entry_keys", "table lantir_state",
                                      "table sync_cycles", "index lantir_worklist_items_patient",
                                      "index lantir_entry_keys_item", "index sync_cycles_started_at" })
            QVERIFY2(objects.contains(QLatin1String(expected)), expected);

        QCOMPARE(WorklistSchema::tableColumns(store.database(), QStringLiteral("lantir_entry_keys")).value(),
                 (QStringList { QStringLiteral("source"), QStringLiteral("record_id"),
                                QStringLiteral("event_name"), QStringLiteral("repeat_instance"),
                                QStringLiteral("item_id") }));
        QCOMPARE(WorklistSchema::tableColumns(store.database(), QStringLiteral("lantir_state")).value(),
                 (QStringList { QStringLiteral("key"), QStringLiteral("value") }));
        QCOMPARE(WorklistSchema::tableColumns(store.database(), QStringLiteral("sync_cycles")).value(),
                 CycleHistory::columnNames());

        // The adoption index covers (patient_id, patient_name), in that order.
        QSqlQuery index(store.database());
        QVERIFY(index.exec(QStringLiteral("PRAGMA index_info(lantir_worklist_items_patient)")));
        QStringList indexed;
        while (index.next())
            indexed.append(index.value(2).toString());
        QCOMPARE(indexed, (QStringList { QStringLiteral("patient_id"), QStringLiteral("patient_name") }));

        // At most one key per row.
        QCOMPARE(
            SqlFixture::scalar(store.database(),
                               QStringLiteral("SELECT \"unique\" FROM pragma_index_list('lantir_entry_keys') "
                                              "WHERE name = 'lantir_entry_keys_item'")),
            QStringLiteral("1"));

        // The key's primary key is (source, record_id, event_name, repeat_instance).
        QSqlQuery keys(store.database());
        QVERIFY(keys.exec(QStringLiteral("PRAGMA table_info(lantir_entry_keys)")));
        QStringList primary;
        while (keys.next()) {
            if (keys.value(5).toInt() > 0)
                primary.append(keys.value(1).toString());
        }
        QCOMPARE(primary,
                 (QStringList { QStringLiteral("source"), QStringLiteral("record_id"),
                                QStringLiteral("event_name"), QStringLiteral("repeat_instance") }));
    }

    // Inside the caller's transaction: every table, lantir_mpps included, or none once rolled back.
    void createsEverythingWithinTheCallersTransaction()
    {
        QTemporaryDir dir;
        ScopedSqlConnection connection(dir.filePath(QStringLiteral("worklist.db")));
        QVERIFY(connection.isOpen());
        QVERIFY(connection.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const Result<void> created = WorklistSchema::createWithin(connection.db());
        QVERIFY2(created.ok(), qPrintable(created.error().message));
        const QStringList objects = schemaObjects(connection.db());
        for (const char* expected : { "table worklist_items", "table lantir_entry_keys", "table lantir_state",
                                      "table sync_cycles", "table lantir_mpps" })
            QVERIFY2(objects.contains(QLatin1String(expected)), expected);
        QCOMPARE(WorklistSchema::tableColumns(connection.db(), WorklistSchema::MppsTable).value(),
                 (QStringList { QStringLiteral("sop_instance_uid"), QStringLiteral("status"),
                                QStringLiteral("worklist_item_id"), QStringLiteral("calling_aet"),
                                QStringLiteral("start_date"), QStringLiteral("start_time"),
                                QStringLiteral("end_date"), QStringLiteral("end_time"),
                                QStringLiteral("created_at"), QStringLiteral("updated_at") }));
        QVERIFY(connection.exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(schemaObjects(connection.db()), QStringList());

        // An existing worklist_items without pylantir's columns is refused there too.
        QVERIFY(connection.exec(QString::fromLatin1(OldPylantirDdl)));
        QVERIFY(connection.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const Result<void> refused = WorklistSchema::createWithin(connection.db());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QLatin1String("data_source")),
                 qPrintable(refused.error().message));
        QVERIFY(connection.exec(QStringLiteral("ROLLBACK")));
    }

    void newFileAndFoldersArePrivate()
    {
#ifndef Q_OS_UNIX
        QSKIP("POSIX file modes only");
#endif
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("site/lantir"));
        const QString path = folder + QStringLiteral("/worklist.db");
        {
            WorklistStore store;
            const Result<void> opened = store.open(path);
            QVERIFY2(opened.ok(), qPrintable(opened.error().message));
            QVERIFY(store.upsert({ sampleEntry(QStringLiteral("1")) }, { Worklist::Modality }).ok());
        }
        QCOMPARE(unixMode(dir.filePath(QStringLiteral("site"))), 0700);
        QCOMPARE(unixMode(folder), 0700);
        QCOMPARE(unixMode(path), 0600);
    }

    void existingFilePermissionsLeftAlone()
    {
#ifndef Q_OS_UNIX
        QSKIP("POSIX file modes only");
#endif
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("worklist.db"));
        {
            ScopedSqlConnection pylantir(path);
            QString error;
            QVERIFY2(SqlFixture::runScript(pylantir.db(), QStringLiteral("pylantir_worklist.sql"), &error),
                     qPrintable(error));
        }
        QVERIFY(QFile::setPermissions(
            path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::WriteGroup));
        WorklistStore store;
        QVERIFY(store.open(path).ok());
        QCOMPARE(unixMode(path), 0660);
    }

    void refusesFileThatIsNotSqlite_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text") << QByteArray("patient_id,patient_name\nsub_1,cpip-id-1^fa-1\n");
        QTest::newRow("short") << QByteArray("SQLite");
        QByteArray binary(4096, '\0');
        for (int i = 0; i < binary.size(); ++i)
            binary[i] = static_cast<char>((i * 37 + 11) & 0xff);
        QTest::newRow("binary") << binary;
    }

    void refusesFileThatIsNotSqlite()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("worklist.db"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();

        WorklistStore store;
        const Result<void> opened = store.open(path);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().kind, Error::Kind::Database);
        QVERIFY2(opened.error().message.contains(QLatin1String("is not a SQLite database")),
                 qPrintable(opened.error().message));
        QVERIFY(opened.error().message.contains(QDir::toNativeSeparators(path)));
        QVERIFY(!store.isOpen());
        QCOMPARE(SqlFixture::fileBytes(path), content);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { QStringLiteral("worklist.db") });
    }

    void refusesFolder()
    {
        QTemporaryDir dir;
        WorklistStore store;
        const Result<void> opened = store.open(dir.path());
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QLatin1String("is a folder")),
                 qPrintable(opened.error().message));
    }

    void refusesEmptyPath()
    {
        WorklistStore store;
        const Result<void> opened = store.open(QString());
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().kind, Error::Kind::Config);
    }

    void refusesMissingColumnsNamingThem_data()
    {
        QTest::addColumn<QString>("ddl");
        QTest::addColumn<QStringList>("missing");
        QTest::newRow("pylantir 2025-02")
            << QString::fromLatin1(OldPylantirDdl)
            << QStringList { QStringLiteral("patient_weight_lb"), QStringLiteral("hisris_coding_designator"),
                             QStringLiteral("performed_procedure_step_status"),
                             QStringLiteral("data_source") };
        QString withoutDataSource = WorklistSchema::worklistItemsDdl();
        withoutDataSource.remove(QStringLiteral("\tdata_source VARCHAR(255), \n"));
        QTest::newRow("before data_source")
            << withoutDataSource << QStringList { QStringLiteral("data_source") };
    }

    void refusesMissingColumnsNamingThem()
    {
        QFETCH(QString, ddl);
        QFETCH(QStringList, missing);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("worklist.db"));
        {
            ScopedSqlConnection pylantir(path);
            QVERIFY2(pylantir.exec(ddl), qPrintable(pylantir.lastError()));
            QVERIFY(pylantir.exec(QStringLiteral(
                "INSERT INTO worklist_items (patient_id, patient_name) VALUES ('sub_1', 'n')")));
        }
        const QByteArray before = SqlFixture::fileBytes(path);

        WorklistStore store;
        const Result<void> opened = store.open(path);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().kind, Error::Kind::Database);
        const QString message = opened.error().message;
        QVERIFY2(message.contains(missing.join(QLatin1String(", "))), qPrintable(message));
        // Only the missing ones are named.
        QVERIFY2(!message.contains(QLatin1String("patient_id,")), qPrintable(message));
        QVERIFY(!store.isOpen());
        // Refused before writing anything: no side tables, no index, same bytes.
        QCOMPARE(SqlFixture::fileBytes(path), before);
    }

    void acceptsExtraColumns()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("worklist.db"));
        QString ddl = WorklistSchema::worklistItemsDdl();
        ddl.replace(QStringLiteral("\tPRIMARY KEY (id)"),
                    QStringLiteral("\tsite_notes TEXT DEFAULT 'n/a', \n\tPRIMARY KEY (id)"));
        {
            ScopedSqlConnection other(path);
            QVERIFY2(other.exec(ddl), qPrintable(other.lastError()));
        }
        WorklistStore store;
        const Result<void> opened = store.open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        const Result<UpsertStats> written
            = store.upsert({ sampleEntry(QStringLiteral("7")) }, { Worklist::Modality });
        QVERIFY2(written.ok(), qPrintable(written.error().message));
        QCOMPARE(written.value().inserted, 1);
        QCOMPARE(
            SqlFixture::scalar(store.database(), QStringLiteral("SELECT site_notes FROM worklist_items")),
            QStringLiteral("n/a"));
        QCOMPARE(
            WorklistSchema::tableColumns(store.database(), QStringLiteral("worklist_items")).value().size(),
            int(Worklist::ColumnCount) + 1);
    }

    void adoptsPylantirDatabaseWithoutTouchingItsTable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("worklist.db"));
        QList<QStringList> rowsBefore;
        QString ddlBefore;
        {
            ScopedSqlConnection pylantir(path);
            QString error;
            QVERIFY2(SqlFixture::runScript(pylantir.db(), QStringLiteral("pylantir_worklist.sql"), &error),
                     qPrintable(error));
            rowsBefore = SqlFixture::tableRows(pylantir.db(), QStringLiteral("worklist_items"));
            ddlBefore = SqlFixture::scalar(
                pylantir.db(), QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'worklist_items'"));
        }
        QCOMPARE(rowsBefore.size(), 6);

        WorklistStore store;
        const Result<void> opened = store.open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        QCOMPARE(SqlFixture::tableRows(store.database(), QStringLiteral("worklist_items")), rowsBefore);
        QCOMPARE(
            SqlFixture::scalar(store.database(),
                               QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'worklist_items'")),
            ddlBefore);
        QVERIFY(schemaObjects(store.database()).contains(QStringLiteral("table lantir_entry_keys")));
    }

    void reopeningWritesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("worklist.db"));
        {
            WorklistStore store;
            QVERIFY(store.open(path).ok());
        }
        const QByteArray before = SqlFixture::fileBytes(path);
        QVERIFY(!before.isEmpty());
        {
            WorklistStore store;
            QVERIFY(store.open(path).ok());
            QVERIFY(store.isOpen());
        }
        QCOMPARE(SqlFixture::fileBytes(path), before);
    }

    void refusesForeignSideTable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("worklist.db"));
        {
            ScopedSqlConnection other(path);
            QVERIFY(other.exec(QStringLiteral("CREATE TABLE lantir_entry_keys (something TEXT)")));
        }
        WorklistStore store;
        const Result<void> opened = store.open(path);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QLatin1String("lantir_entry_keys")),
                 qPrintable(opened.error().message));
        QVERIFY2(opened.error().message.contains(QLatin1String("record_id")),
                 qPrintable(opened.error().message));
    }

    void connectionNamesAndCleanup()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("worklist.db"));
        QString firstName;
        QString secondName;
        {
            WorklistStore first;
            WorklistStore second;
            QVERIFY(first.open(path).ok());
            QVERIFY(second.open(path).ok());
            firstName = first.database().connectionName();
            secondName = second.database().connectionName();
            QVERIFY(firstName != secondName);
            QVERIFY(QSqlDatabase::contains(firstName));
            QCOMPARE(first.path(), QFileInfo(path).absoluteFilePath());
            first.close();
            QVERIFY(!first.isOpen());
            QVERIFY(!QSqlDatabase::contains(firstName));
            QVERIFY(first.path().isEmpty());
            QVERIFY(second.isOpen());
        }
        QVERIFY(!QSqlDatabase::contains(secondName));

        {
            WorklistStore named(QStringLiteral("lantir-test-named"));
            QVERIFY(named.open(path).ok());
            QCOMPARE(named.database().connectionName(), QStringLiteral("lantir-test-named"));
        }
        QVERIFY(!QSqlDatabase::contains(QStringLiteral("lantir-test-named")));
    }
};

QTEST_GUILESS_MAIN(TestWorklistSchema)
#include "tst_worklistschema.moc"
