#include "RedcapSimulator.h"
#include "TestEnvironment.h"
#include "base/Logging.h"
#include "memory/MemoryProbe.h"
#include "redcap/RedcapClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkReply>
#include <QSemaphore>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <QUrlQuery>

#include <atomic>
#include <functional>
#include <thread>

using Lantir::Test::TestEnvironment;

using namespace Lantir;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;
using Fault = Lantir::Test::RedcapSimulator::Fault;

Q_DECLARE_METATYPE(Lantir::Error::Kind)

namespace {

// Everything logged while installed, for leak checks; optionally calls `onMessage` per line.
class LogCapture
{
public:
    LogCapture()
    {
        s_instance = this;
        m_previous = qInstallMessageHandler(&LogCapture::handler);
    }
    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        s_instance = nullptr;
    }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    QStringList lines() const
    {
        QMutexLocker lock(&m_mutex);
        return m_lines;
    }
    void setCallback(std::function<void(const QString&)> callback)
    {
        QMutexLocker lock(&m_mutex);
        m_callback = std::move(callback);
    }

private:
    static void handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
    {
        LogCapture* self = s_instance;
        if (!self) {
            return;
        }
        std::function<void(const QString&)> callback;
        {
            QMutexLocker lock(&self->m_mutex);
            self->m_lines.append(QString::fromLatin1(context.category ? context.category : "default") + u' '
                                 + message);
            callback = self->m_callback;
        }
        if (callback) {
            callback(message);
        }
        if (self->m_previous && type != QtDebugMsg) {
            self->m_previous(type, context, message);
        }
    }

    static inline LogCapture* s_instance = nullptr;
    QtMessageHandler m_previous = nullptr;
    mutable QMutex m_mutex;
    QStringList m_lines;
    std::function<void(const QString&)> m_callback;
};

// A bare HTTP server on 127.0.0.1 for answers the simulator does not give (redirects, servers
// that echo what they were sent). Runs in the test thread: the client's local event loop serves it.
class RawServer : public QObject
{
public:
    // Gets the request body, returns the complete HTTP response bytes.
    using Responder = std::function<QByteArray(const QByteArray& body)>;

    explicit RawServer(Responder responder)
        : m_responder(std::move(responder))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    QUrl apiUrl() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/api/").arg(m_server.serverPort()));
    }

private:
    void onData(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return;
        }
        qsizetype length = 0;
        for (const QByteArray& line : buffer.left(headerEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:")) {
                length = line.mid(15).trimmed().toLongLong();
            }
        }
        if (buffer.size() < headerEnd + 4 + length) {
            return;
        }
        const QByteArray body = buffer.mid(headerEnd + 4, length);
        m_buffers.remove(socket);
        socket->write(m_responder(body));
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    Responder m_responder;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

QByteArray httpResponse(int status, const QByteArray& reason, const QByteArray& extraHeaders,
                        const QByteArray& body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n" + extraHeaders
        + "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body;
}

QString queryValue(const QUrlQuery& query, const QString& key)
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

QString otherToken()
{
    return QStringLiteral("0123456789abcdef0123456789ABCDEF");
}

} // namespace

class TestRedcapClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void validateUrl_data();
    void validateUrl();
    void validateToken_data();
    void validateToken();

    void versionAndFieldNames();
    void recordExportSendsTheDocumentedParameters();
    void specialCharactersArriveUnchanged();
    void recordIdsWithDateRangeInServerZone();
    void recordIdsDateRangeChecks();
    void batchesCoverTheProject();
    void recordIdExportMemoryIsBounded();
    void emptyBatchSendsNothing();

    void transientFaultIsRetried_data();
    void transientFaultIsRetried();
    void connectionResetEveryTimeGivesUp();
    void retriesBackOffExponentiallyAndGiveUp();
    void refusalIsNotRetried_data();
    void refusalIsNotRetried();
    void wrongTokenIsRefused();
    void timeoutCoversAStalledBody();
    void timeoutCoversADelayedAnswer();
    void slowButTimelyAnswerSucceeds();
    void malformedBody_data();
    void malformedBody();
    void connectionRefused();
    void redirectIsReportedNotFollowed();

    void cancelFromAnotherThreadStopsARequest();
    void cancelFromAnotherThreadStopsARetryPause();
    void callFromAForeignThreadIsRefused();

    void insecureHttpToRemoteHostIsRefusedBeforeSending();
    void caFileProblemsAreReported();

    void tokenNeverLeaks();
    void requestCounting();

private:
    RedcapClientOptions options(int timeoutMs = 5000, int maxTries = 4) const;

    QThread m_simThread;
    RedcapSimulator* m_sim = nullptr;
    SimulatorProject m_project;
};

RedcapClientOptions TestRedcapClient::options(int timeoutMs, int maxTries) const
{
    RedcapClientOptions o;
    o.apiUrl = m_sim->apiUrl();
    o.token = RedcapSimulator::defaultToken();
    o.timeoutMs = timeoutMs;
    o.maxTries = maxTries;
    o.retryBaseDelayMs = 10;
    return o;
}

void TestRedcapClient::initTestCase()
{
    qRegisterMetaType<Error::Kind>();
    m_sim = new RedcapSimulator;
    m_sim->moveToThread(&m_simThread);
    connect(&m_simThread, &QThread::finished, m_sim, &QObject::deleteLater);
    m_simThread.start();
    QVERIFY2(m_sim->listen(), qPrintable(m_sim->errorString()));
    m_project.records = 25;
    m_project.scansPerRecord = 2;
}

void TestRedcapClient::init()
{
    m_sim->clearFaults();
    m_sim->setToken(RedcapSimulator::defaultToken());
    m_sim->setServerTimeZone(QTimeZone::systemTimeZone());
    m_sim->generate(m_project);
    m_sim->resetRequestLog();
}

void TestRedcapClient::cleanupTestCase()
{
    m_sim->close();
    m_simThread.quit();
    QVERIFY(m_simThread.wait(TestEnvironment::scaledMs(10000)));
}

void TestRedcapClient::validateUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowInsecureHttp");
    QTest::addColumn<QString>("messagePart"); // empty: valid

    QTest::newRow("https") << QStringLiteral("https://redcap.example.org/api/") << false << QString();
    QTest::newRow("https sub path") << QStringLiteral("https://example.org/redcap/api/") << false
                                    << QString();
    QTest::newRow("https port") << QStringLiteral("https://example.org:8443/api/") << false << QString();
    QTest::newRow("http 127.0.0.1") << QStringLiteral("http://127.0.0.1:8080/api/") << false << QString();
    QTest::newRow("http 127.x") << QStringLiteral("http://127.8.9.10/api/") << false << QString();
    QTest::newRow("http ::1") << QStringLiteral("http://[::1]:99/api/") << false << QString();
    QTest::newRow("http localhost") << QStringLiteral("http://LocalHost/api/") << false << QString();
    QTest::newRow("http remote") << QStringLiteral("http://redcap.example.org/api/") << false
                                 << QStringLiteral("unencrypted to redcap.example.org. Use https://");
    QTest::newRow("http private address")
        << QStringLiteral("http://10.0.0.1/api/") << false << QStringLiteral("unencrypted");
    QTest::newRow("http 128.0.0.1") << QStringLiteral("http://128.0.0.1/api/") << false
                                    << QStringLiteral("unencrypted");
    QTest::newRow("http localhost look-alike")
        << QStringLiteral("http://localhost.example.org/api/") << false << QStringLiteral("unencrypted");
    QTest::newRow("http remote allowed")
        << QStringLiteral("http://redcap.example.org/api/") << true << QString();
    QTest::newRow("missing final slash")
        << QStringLiteral("https://redcap.example.org/api") << false
        << QStringLiteral("must end with /api/ (for example "
                          "https://redcap.example.org/api/); add the final '/'.");
    QTest::newRow("no api path") << QStringLiteral("https://redcap.example.org/redcap/") << false
                                 << QStringLiteral("must end with /api/");
    QTest::newRow("no path") << QStringLiteral("https://redcap.example.org") << false
                             << QStringLiteral("must end with /api/");
    QTest::newRow("empty") << QString() << false << QStringLiteral("is empty");
    QTest::newRow("no scheme") << QStringLiteral("redcap.example.org/api/") << false
                               << QStringLiteral("must start with https://");
    QTest::newRow("ftp") << QStringLiteral("ftp://redcap.example.org/api/") << false
                         << QStringLiteral("must start with https://");
    QTest::newRow("no host") << QStringLiteral("https:///api/") << false << QStringLiteral("REDCap API URL");
    QTest::newRow("user info") << QStringLiteral("https://me:secret@redcap.example.org/api/") << false
                               << QStringLiteral("user name or password");
    QTest::newRow("query") << QStringLiteral("https://redcap.example.org/api/?token=ABCDEF") << false
                           << QStringLiteral("must not contain a query");
    QTest::newRow("fragment") << QStringLiteral("https://redcap.example.org/api/#x") << false
                              << QStringLiteral("fragment");
}

void TestRedcapClient::validateUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, allowInsecureHttp);
    QFETCH(QString, messagePart);

    const Result<void> result = RedcapClient::validateUrl(QUrl(url), allowInsecureHttp);
    QCOMPARE(result.ok(), messagePart.isEmpty());
    if (!result.ok()) {
        QCOMPARE(result.error().kind, Error::Kind::Config);
        QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
        QVERIFY(!result.error().message.contains(QLatin1String("secret")));
        QVERIFY(!result.error().message.contains(QLatin1String("ABCDEF")));
    }
}

void TestRedcapClient::validateToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("messagePart"); // empty: valid

    QTest::newRow("upper") << RedcapSimulator::defaultToken() << QString();
    QTest::newRow("lower") << RedcapSimulator::defaultToken().toLower() << QString();
    QTest::newRow("empty") << QString() << QStringLiteral("is empty");
    QTest::newRow("31 chars") << RedcapSimulator::defaultToken().left(31)
                              << QStringLiteral("the one given has 31");
    QTest::newRow("33 chars") << RedcapSimulator::defaultToken() + u'A'
                              << QStringLiteral("the one given has 33");
    QTest::newRow("not hex") << QStringLiteral("5A1D0C3E9B7F42D6A8E1C4B7F0D3A6EG")
                             << QStringLiteral("only the characters 0-9 and A-F");
    QTest::newRow("plus and ampersand")
        << QStringLiteral("5A1D0C3E9B7F42D6A8E1C4B7F0D3A+&=") << QStringLiteral("0-9 and A-F");
    QTest::newRow("trailing newline")
        << RedcapSimulator::defaultToken() + u'\n' << QStringLiteral("line break");
    QTest::newRow("leading space") << u' ' + RedcapSimulator::defaultToken() << QStringLiteral("spaces");
}

void TestRedcapClient::validateToken()
{
    QFETCH(QString, token);
    QFETCH(QString, messagePart);

    const Result<void> result = RedcapClient::validateToken(token);
    QCOMPARE(result.ok(), messagePart.isEmpty());
    if (!result.ok()) {
        QCOMPARE(result.error().kind, Error::Kind::Config);
        QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
        if (token.trimmed().size() >= 8) {
            QVERIFY(!result.error().message.contains(token.trimmed().left(8), Qt::CaseInsensitive));
        }
    }
}

void TestRedcapClient::versionAndFieldNames()
{
    RedcapClient client(options());
    const Result<QString> version = client.exportVersion();
    QVERIFY2(version.ok(), qPrintable(version.error().message));
    QCOMPARE(version.value(), QString::fromLatin1(RedcapSimulator::redcapVersion));

    const Result<QStringList> names = client.exportFieldNames();
    QVERIFY2(names.ok(), qPrintable(names.error().message));
    QCOMPARE(names.value().value(0), QStringLiteral("record_id"));
    QVERIFY(names.value().contains(QStringLiteral("mri_date")));

    QCOMPARE(client.requestCount(), 2);
    QCOMPARE(m_sim->requestCount(QStringLiteral("version")), 1);
    QCOMPARE(m_sim->requestCount(QStringLiteral("metadata")), 1);
    const QUrlQuery metadata = m_sim->requestLog().value(1);
    QCOMPARE(queryValue(metadata, QStringLiteral("format")), QStringLiteral("json"));
    QCOMPARE(queryValue(metadata, QStringLiteral("returnFormat")), QStringLiteral("json"));
    QCOMPARE(queryValue(metadata, QStringLiteral("token")), RedcapSimulator::defaultToken());
    // No reply outlives its call.
    QVERIFY(client.findChildren<QNetworkReply*>().isEmpty());
}

void TestRedcapClient::recordExportSendsTheDocumentedParameters()
{
    RedcapClient client(options());
    const QStringList fields { QStringLiteral("record_id"), QStringLiteral("mri_date"),
                               QStringLiteral("mri_time") };
    const Result<QJsonArray> rows
        = client.exportRecords({ QStringLiteral("3"), QStringLiteral("12") }, fields);
    QVERIFY2(rows.ok(), qPrintable(rows.error().message));

    const QList<QUrlQuery> log = m_sim->requestLog();
    QCOMPARE(log.size(), 1);
    const QUrlQuery sent = log.first();
    const QList<QPair<QString, QString>> expected {
        { QStringLiteral("token"), RedcapSimulator::defaultToken() },
        { QStringLiteral("content"), QStringLiteral("record") },
        { QStringLiteral("format"), QStringLiteral("json") },
        { QStringLiteral("returnFormat"), QStringLiteral("json") },
        { QStringLiteral("type"), QStringLiteral("flat") },
        { QStringLiteral("rawOrLabel"), QStringLiteral("raw") },
        { QStringLiteral("fields[0]"), QStringLiteral("record_id") },
        { QStringLiteral("fields[1]"), QStringLiteral("mri_date") },
        { QStringLiteral("fields[2]"), QStringLiteral("mri_time") },
        { QStringLiteral("records[0]"), QStringLiteral("3") },
        { QStringLiteral("records[1]"), QStringLiteral("12") },
    };
    for (const auto& [key, value] : expected) {
        QCOMPARE(queryValue(sent, key), value);
    }
    QCOMPARE(sent.queryItems().size(), expected.size()); // nothing else, in particular no date range

    // Baseline row + 2 scans for each of the two records, and only those records and fields.
    QCOMPARE(rows.value().size(), 6);
    QSet<QString> ids;
    for (const QJsonValue& row : rows.value()) {
        const QJsonObject object = row.toObject();
        ids.insert(object.value(QLatin1String("record_id")).toString());
        QVERIFY(object.contains(QLatin1String("mri_date")));
        QVERIFY(!object.contains(QLatin1String("family_id")));
    }
    QCOMPARE(ids, (QSet<QString> { QStringLiteral("3"), QStringLiteral("12") }));
}

void TestRedcapClient::specialCharactersArriveUnchanged()
{
    RedcapClient client(options());
    const QString oddId = QStringLiteral("a+b&c=d %25 e/f?g#h [i] \u00fc");
    const Result<QJsonArray> rows
        = client.exportRecords({ QStringLiteral("1"), oddId }, { QStringLiteral("record_id") });
    QVERIFY2(rows.ok(), qPrintable(rows.error().message));
    QCOMPARE(queryValue(m_sim->requestLog().last(), QStringLiteral("records[1]")), oddId);
    QCOMPARE(rows.value().size(), 3); // record 1 only

    // An unknown field name comes back verbatim in REDCap's own 400 message.
    const QString oddField = QStringLiteral("x+y&z=w");
    const Result<QJsonArray> refused = client.exportRecords({ QStringLiteral("1") }, { oddField });
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, Error::Kind::Http);
    QCOMPARE(queryValue(m_sim->requestLog().last(), QStringLiteral("fields[0]")), oddField);
    QVERIFY2(refused.error().message.contains(QStringLiteral("(400: ")), qPrintable(refused.error().message));
    QVERIFY2(refused.error().message.contains(u'\'' + oddField + u'\''), qPrintable(refused.error().message));
}

void TestRedcapClient::recordIdsWithDateRangeInServerZone()
{
    // A server zone far from UTC (and from this computer's zone in CI).
    const QByteArray serverZone = QByteArrayLiteral("Pacific/Auckland");
    QVERIFY(QTimeZone::isTimeZoneIdAvailable(serverZone));
    m_sim->setServerTimeZone(QTimeZone(serverZone));

    const QDateTime base(QDate(2025, 6, 1), QTime(10, 0), Qt::UTC);
    m_sim->setModifiedAt(QStringLiteral("7"), base.addSecs(30 * 60));
    m_sim->setModifiedAt(QStringLiteral("3"), base.addSecs(45 * 60));
    m_sim->setModifiedAt(QStringLiteral("20"), base.addSecs(3 * 3600)); // after the window
    m_sim->setModifiedAt(QStringLiteral("9"), base.addSecs(-3600)); // before the window

    RedcapClientOptions o = options();
    o.serverTimeZone = serverZone;
    RedcapClient client(o);
    const QDateTime begin = base;
    const QDateTime end = base.addSecs(3600);
    const Result<RecordIdList> ids = client.exportRecordIds(QStringLiteral("record_id"), begin, end);
    QVERIFY2(ids.ok(), qPrintable(ids.error().message));
    // Distinct, in the server's (record) order, though each record has three rows.
    QCOMPARE(ids.value().toStringList(), (QStringList { QStringLiteral("3"), QStringLiteral("7") }));

    const QUrlQuery sent = m_sim->requestLog().last();
    QCOMPARE(queryValue(sent, QStringLiteral("fields[0]")), QStringLiteral("record_id"));
    QCOMPARE(queryValue(sent, QStringLiteral("type")), QStringLiteral("flat"));
    // 10:00 UTC is 22:00 in Auckland in June (NZST, UTC+12).
    QCOMPARE(queryValue(sent, QStringLiteral("dateRangeBegin")), QStringLiteral("2025-06-01 22:00:00"));
    QCOMPARE(queryValue(sent, QStringLiteral("dateRangeEnd")), QStringLiteral("2025-06-01 23:00:00"));

    // The same instants given in another zone select the same records.
    const QTimeZone berlin(QByteArrayLiteral("Europe/Berlin"));
    const Result<RecordIdList> again = client.exportRecordIds(
        QStringLiteral("record_id"), begin.toTimeZone(berlin), end.toTimeZone(berlin));
    QVERIFY(again.ok());
    QCOMPARE(again.value().toStringList(), ids.value().toStringList());

    // Sending the wall-clock times of another zone would miss them: the conversion matters.
    RedcapClientOptions wrong = o;
    wrong.serverTimeZone = QByteArrayLiteral("America/Chicago");
    RedcapClient wrongZone(wrong);
    const Result<RecordIdList> missed = wrongZone.exportRecordIds(QStringLiteral("record_id"), begin, end);
    QVERIFY(missed.ok());
    QVERIFY(missed.value().isEmpty());

    // Only a begin: everything modified since (the other records were modified a day ago).
    const Result<RecordIdList> since
        = client.exportRecordIds(QStringLiteral("record_id"), begin, QDateTime());
    QVERIFY(since.ok());
    QCOMPARE(since.value().size(), m_project.records - 1);
    QVERIFY(!since.value().toStringList().contains(QStringLiteral("9")));
    QVERIFY(m_sim->requestLog().last().hasQueryItem(QStringLiteral("dateRangeBegin")));
    QVERIFY(!m_sim->requestLog().last().hasQueryItem(QStringLiteral("dateRangeEnd")));

    // No dates: no filter, every record once.
    const Result<RecordIdList> all
        = client.exportRecordIds(QStringLiteral("record_id"), QDateTime(), QDateTime());
    QVERIFY(all.ok());
    QCOMPARE(all.value().size(), m_project.records);
    QCOMPARE(all.value().at(0), QStringLiteral("1"));
    QVERIFY(!m_sim->requestLog().last().hasQueryItem(QStringLiteral("dateRangeBegin")));
    QVERIFY(!m_sim->requestLog().last().hasQueryItem(QStringLiteral("dateRangeEnd")));
}

void TestRedcapClient::recordIdsDateRangeChecks()
{
    RedcapClientOptions o = options();
    o.serverTimeZone = QByteArrayLiteral("Mars/Olympus_Mons");
    RedcapClient badZone(o);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Result<RecordIdList> zoneError
        = badZone.exportRecordIds(QStringLiteral("record_id"), now.addSecs(-60), now);
    QVERIFY(!zoneError.ok());
    QCOMPARE(zoneError.error().kind, Error::Kind::Config);
    QVERIFY(zoneError.error().message.contains(QStringLiteral("Mars/Olympus_Mons")));
    QVERIFY(zoneError.error().message.contains(QStringLiteral("IANA")));

    RedcapClient client(options());
    const Result<RecordIdList> reversed
        = client.exportRecordIds(QStringLiteral("record_id"), now, now.addSecs(-60));
    QVERIFY(!reversed.ok());
    QCOMPARE(reversed.error().kind, Error::Kind::Config);

    const Result<RecordIdList> noField = client.exportRecordIds(QString(), QDateTime(), QDateTime());
    QVERIFY(!noField.ok());
    QCOMPARE(noField.error().kind, Error::Kind::Config);

    QCOMPARE(badZone.requestCount() + client.requestCount(), 0);
    QCOMPARE(m_sim->requestCount(), 0);
}

void TestRedcapClient::batchesCoverTheProject()
{
    RedcapClient client(options());
    const Result<RecordIdList> ids
        = client.exportRecordIds(QStringLiteral("record_id"), QDateTime(), QDateTime());
    QVERIFY(ids.ok());
    QCOMPARE(ids.value().size(), m_project.records);

    const QStringList fields { QStringLiteral("record_id"), QStringLiteral("study_id"),
                               QStringLiteral("mri_date"), QStringLiteral("mri_time") };
    for (const QString& field : fields) {
        QVERIFY(m_sim->exportColumnNames().contains(field));
    }
    const qsizetype batchSize = 10;
    qint64 rows = 0;
    QSet<QString> seen;
    for (qsizetype start = 0; start < ids.value().size(); start += batchSize) {
        const QStringList batch = ids.value().mid(start, batchSize);
        const Result<QJsonArray> part = client.exportRecords(batch, fields);
        QVERIFY2(part.ok(), qPrintable(part.error().message));
        for (const QJsonValue& row : part.value()) {
            const QString id = row.toObject().value(QLatin1String("record_id")).toString();
            QVERIFY(batch.contains(id));
            seen.insert(id);
        }
        rows += part.value().size();
    }
    QCOMPARE(rows, qint64(m_sim->exportAll().size()));
    QCOMPARE(seen.size(), m_project.records);
    QCOMPARE(m_sim->requestCount(QStringLiteral("record")), 1 + 3);
    QCOMPARE(client.requestCount(), 4);
    const QList<QUrlQuery> log = m_sim->requestLog();
    QCOMPARE(queryValue(log.last(), QStringLiteral("records[4]")), QStringLiteral("25"));
    QVERIFY(!log.last().hasQueryItem(QStringLiteral("records[5]")));
}

void TestRedcapClient::recordIdExportMemoryIsBounded()
{
    // The id export of a full sync lists every row of the project: 100,000 records x 3 rows is a
    // 24 MB answer. Read through QNetworkAccessManager it cost 49 MB of peak RSS (its HTTP thread
    // buffers the whole answer ahead of the reader); read through the bounded socket it costs the
    // id list and a few buffers.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    QSKIP("RSS under a sanitizer counts its shadow memory and quarantine, not the program's own use");
#endif
    SimulatorProject big = m_project;
    big.records = 100000;
    m_sim->generate(big);
    RedcapClient client(options(60000));
    // Warm up: TLS-free sockets, the scanner's code paths, the first heap arenas.
    QVERIFY(client.exportVersion().ok());
    MemoryProbe::releaseFreeMemoryKb();
    if (!MemoryProbe::resetPeak()) {
        QSKIP("This platform cannot reset the peak RSS (/proc/self/clear_refs)");
    }
    const qint64 before = MemoryProbe::currentRssKb();
    const Result<RecordIdList> ids
        = client.exportRecordIds(QStringLiteral("record_id"), QDateTime(), QDateTime());
    const qint64 peak = MemoryProbe::peakRssKb();
    QVERIFY2(ids.ok(), qPrintable(ids.ok() ? QString() : ids.error().message));
    QCOMPARE(ids.value().size(), qsizetype(100000));
    const qint64 grewKb = peak - before;
    qInfo("id export of 100,000 records (300,000 rows): peak RSS %lld KB above the start", grewKb);
    QVERIFY2(grewKb < 16 * 1024, qPrintable(QStringLiteral("peak RSS grew by %1 KB").arg(grewKb)));
}

void TestRedcapClient::emptyBatchSendsNothing()
{
    RedcapClient client(options());
    const Result<QJsonArray> rows = client.exportRecords({}, { QStringLiteral("record_id") });
    QVERIFY(rows.ok());
    QVERIFY(rows.value().isEmpty());
    QCOMPARE(client.requestCount(), 0);
    QCOMPARE(m_sim->requestCount(), 0);
}

void TestRedcapClient::transientFaultIsRetried_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<int>("param");
    QTest::addColumn<int>("count");

    // Qt itself sends a request once more when a connection closes before any answer, so a reset
    // may be absorbed below the client: the simulator still sees every request.
    QTest::newRow("503") << Fault::Status << 503 << 1;
    QTest::newRow("503 twice") << Fault::Status << 503 << 2;
    QTest::newRow("500") << Fault::Status << 500 << 1;
    QTest::newRow("502 proxy page") << Fault::Status << 502 << 1;
    QTest::newRow("504 proxy page") << Fault::Status << 504 << 1;
    QTest::newRow("408") << Fault::Status << 408 << 1;
    QTest::newRow("429") << Fault::Status << 429 << 1;
    QTest::newRow("connection reset") << Fault::ResetConnection << 0 << 1;
    QTest::newRow("connection reset three times") << Fault::ResetConnection << 0 << 3;
    QTest::newRow("truncated transfer") << Fault::TruncatedBody << 0 << 1;
    QTest::newRow("stalled body") << Fault::Stall << 3000 << 1;
    QTest::newRow("late answer") << Fault::Delay << 2000 << 1;
}

void TestRedcapClient::transientFaultIsRetried()
{
    QFETCH(Fault, fault);
    QFETCH(int, param);
    QFETCH(int, count);

    m_sim->injectFault(fault, count, QStringLiteral("record"), param);
    RedcapClient client(options(400));
    const Result<QJsonArray> rows
        = client.exportRecords({ QStringLiteral("1"), QStringLiteral("2") },
                               { QStringLiteral("record_id"), QStringLiteral("mri_date") });
    QVERIFY2(rows.ok(), qPrintable(rows.error().message));
    QCOMPARE(rows.value().size(), 6);
    QCOMPARE(m_sim->requestCount(QStringLiteral("record")), count + 1);
    if (fault == Fault::ResetConnection) {
        QVERIFY(client.requestCount() >= 1 && client.requestCount() <= count + 1);
    } else {
        QCOMPARE(client.requestCount(), count + 1);
    }
    QVERIFY(client.findChildren<QNetworkReply*>().isEmpty());
}

void TestRedcapClient::connectionResetEveryTimeGivesUp()
{
    m_sim->injectFault(Fault::ResetConnection, 100, QStringLiteral("version"));
    RedcapClient client(options(5000, 3));
    const Result<QString> version = client.exportVersion();
    QVERIFY(!version.ok());
    QCOMPARE(version.error().kind, Error::Kind::Network);
    QVERIFY2(version.error().message.contains(QStringLiteral("closed the connection without answering")),
             qPrintable(version.error().message));
    QVERIFY(version.error().message.endsWith(QStringLiteral("Gave up after 3 tries.")));
    QCOMPARE(client.requestCount(), 3);
    QVERIFY(m_sim->requestCount(QStringLiteral("version")) >= 3);
}

void TestRedcapClient::retriesBackOffExponentiallyAndGiveUp()
{
    m_sim->injectFault(Fault::Status, 10, QStringLiteral("metadata"), 503);
    RedcapClientOptions o = options(5000, 3);
    o.retryBaseDelayMs = 100;
    RedcapClient client(o);
    QElapsedTimer timer;
    timer.start();
    const Result<QStringList> names = client.exportFieldNames();
    const qint64 elapsed = timer.elapsed();
    QVERIFY(!names.ok());
    QCOMPARE(names.error().kind, Error::Kind::Http);
    QVERIFY2(names.error().message.contains(
                 QStringLiteral("(503: a web page titled \"503 Service Unavailable\")")),
             qPrintable(names.error().message));
    QVERIFY2(names.error().message.endsWith(QStringLiteral("Gave up after 3 tries.")),
             qPrintable(names.error().message));
    QCOMPARE(client.requestCount(), 3);
    QCOMPARE(m_sim->requestCount(QStringLiteral("metadata")), 3);
    // Pauses of 100 ms, then 200 ms (timers may fire a few per cent early).
    QVERIFY2(elapsed >= 280, qPrintable(QString::number(elapsed)));
}

void TestRedcapClient::refusalIsNotRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("403") << 403 << Error::Kind::Auth
                         << QStringLiteral(
                                "REDCap refused the API token (403: You do not have permissions to use the "
                                "API). Check the token and that this user has API export rights.");
    QTest::newRow("401") << 401 << Error::Kind::Auth
                         << QStringLiteral(
                                "REDCap refused the API token (401: API token was missing or incorrect).");
    QTest::newRow("400") << 400 << Error::Kind::Http << QStringLiteral("(400: The request was invalid)");
    QTest::newRow("404") << 404 << Error::Kind::Http << QStringLiteral("check the API URL ends with /api/");
}

void TestRedcapClient::refusalIsNotRetried()
{
    QFETCH(int, status);
    QFETCH(Error::Kind, kind);
    QFETCH(QString, messagePart);

    m_sim->injectFault(Fault::Status, 5, {}, status);
    RedcapClient client(options());
    const Result<QString> version = client.exportVersion();
    QVERIFY(!version.ok());
    QCOMPARE(version.error().kind, kind);
    QVERIFY2(version.error().message.contains(messagePart), qPrintable(version.error().message));
    QVERIFY(!version.error().message.contains(QStringLiteral("Gave up")));
    QCOMPARE(client.requestCount(), 1);
    QCOMPARE(m_sim->requestCount(), 1);
}

void TestRedcapClient::wrongTokenIsRefused()
{
    m_sim->setToken(otherToken());
    RedcapClient client(options());
    const Result<QStringList> names = client.exportFieldNames();
    QVERIFY(!names.ok());
    QCOMPARE(names.error().kind, Error::Kind::Auth);
    QCOMPARE(names.error().message,
             QStringLiteral(
                 "REDCap refused the API token (403: You do not have permissions to use the API). Check "
                 "the token and that this user has API export rights."));
    QCOMPARE(client.requestCount(), 1);
}

void TestRedcapClient::timeoutCoversAStalledBody()
{
    // Headers and half the body arrive, then nothing for 3 s: the 300 ms limit covers the body too.
    m_sim->injectFault(Fault::Stall, 2, QStringLiteral("record"), 3000);
    RedcapClient client(options(300, 2));
    QElapsedTimer timer;
    timer.start();
    const Result<QJsonArray> rows
        = client.exportRecords({ QStringLiteral("1") }, { QStringLiteral("record_id") });
    const qint64 elapsed = timer.elapsed();
    QVERIFY(!rows.ok());
    QCOMPARE(rows.error().kind, Error::Kind::Timeout);
    QVERIFY2(rows.error().message.contains(QStringLiteral("within 0.3 seconds (gave up after 2 tries)")),
             qPrintable(rows.error().message));
    QCOMPARE(client.requestCount(), 2);
    // Two tries of 300 ms (timers may fire a few per cent early).
    QVERIFY2(elapsed >= 550 && elapsed < TestEnvironment::scaledMs(2500),
             qPrintable(QString::number(elapsed)));
    QVERIFY(client.findChildren<QNetworkReply*>().isEmpty());
}

void TestRedcapClient::timeoutCoversADelayedAnswer()
{
    m_sim->injectFault(Fault::Delay, 1, QStringLiteral("version"), 2000);
    RedcapClient client(options(300, 1));
    QElapsedTimer timer;
    timer.start();
    const Result<QString> version = client.exportVersion();
    QVERIFY(!version.ok());
    QCOMPARE(version.error().kind, Error::Kind::Timeout);
    QVERIFY2(version.error().message.contains(QStringLiteral("within 0.3 seconds (gave up after 1 try)")),
             qPrintable(version.error().message));
    QVERIFY(timer.elapsed() < TestEnvironment::scaledMs(1500));
}

void TestRedcapClient::slowButTimelyAnswerSucceeds()
{
    m_sim->injectFault(Fault::Delay, 1, QStringLiteral("version"), 150);
    RedcapClient client(options(3000, 1));
    const Result<QString> version = client.exportVersion();
    QVERIFY2(version.ok(), qPrintable(version.error().message));
    QCOMPARE(client.requestCount(), 1);
}

void TestRedcapClient::malformedBody_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<QString>("content");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("expectedRequests");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("html page (records)")
        << Fault::HtmlPage << QStringLiteral("record") << 1 << 1
        << QStringLiteral("The server answered with a web page (titled \"REDCap\")");
    QTest::newRow("html page (metadata)")
        << Fault::HtmlPage << QStringLiteral("metadata") << 1 << 1 << QStringLiteral("web page");
    QTest::newRow("malformed json") << Fault::MalformedJson << QStringLiteral("record") << 1 << 1
                                    << QStringLiteral("ends before the JSON data is complete");
    QTest::newRow("object instead of list (records)")
        << Fault::ObjectInsteadOfList << QStringLiteral("record") << 1 << 1
        << QStringLiteral("single JSON object where a list of records (a JSON list) was expected");
    QTest::newRow("object instead of list (metadata)")
        << Fault::ObjectInsteadOfList << QStringLiteral("metadata") << 1 << 1
        << QStringLiteral("where the data dictionary (a JSON list) was expected");
    QTest::newRow("empty body") << Fault::EmptyBody << QStringLiteral("record") << 1 << 1
                                << QStringLiteral("empty answer where a list of records was expected");
    QTest::newRow("wrong types (records)") << Fault::WrongTypes << QStringLiteral("record") << 1 << 1
                                           << QStringLiteral("of REDCap's answer holds a list");
    QTest::newRow("wrong types (metadata)") << Fault::WrongTypes << QStringLiteral("metadata") << 1 << 1
                                            << QStringLiteral("has no field_name text");
    // A transfer that breaks off is worth retrying; when it keeps breaking it is reported.
    QTest::newRow("truncated every time")
        << Fault::TruncatedBody << QStringLiteral("record") << 10 << 4
        << QStringLiteral("REDCap's answer was cut off: the connection closed after");
}

void TestRedcapClient::malformedBody()
{
    QFETCH(Fault, fault);
    QFETCH(QString, content);
    QFETCH(int, count);
    QFETCH(int, expectedRequests);
    QFETCH(QString, messagePart);

    m_sim->injectFault(fault, count, content);
    RedcapClient client(options(2000));
    Error error;
    if (content == QLatin1String("record")) {
        const Result<QJsonArray> rows
            = client.exportRecords({ QStringLiteral("1") }, { QStringLiteral("record_id") });
        QVERIFY(!rows.ok());
        error = rows.error();
    } else {
        const Result<QStringList> names = client.exportFieldNames();
        QVERIFY(!names.ok());
        error = names.error();
    }
    QCOMPARE(error.kind, Error::Kind::Response);
    QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
    QVERIFY(!error.message.contains(u'\n'));
    QCOMPARE(client.requestCount(), expectedRequests);
}

void TestRedcapClient::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    RedcapClientOptions o = options(2000, 2);
    o.apiUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/api/").arg(port));
    RedcapClient client(o);
    const Result<QString> version = client.exportVersion();
    QVERIFY(!version.ok());
    QCOMPARE(version.error().kind, Error::Kind::Network);
    QVERIFY2(
        version.error().message.contains(QStringLiteral("Could not connect to REDCap at 127.0.0.1:%1: the "
                                                        "connection was refused")
                                             .arg(port)),
        qPrintable(version.error().message));
    QVERIFY(version.error().message.endsWith(QStringLiteral("Gave up after 2 tries.")));
    QCOMPARE(client.requestCount(), 2);
}

void TestRedcapClient::redirectIsReportedNotFollowed()
{
    int served = 0;
    RawServer server([&served](const QByteArray&) {
        ++served;
        return httpResponse(301, "Moved Permanently",
                            "Location: https://redcap.example.org/redcap/api/?x=1\r\n", {});
    });
    RedcapClientOptions o = options();
    o.apiUrl = server.apiUrl();
    RedcapClient client(o);
    const Result<QString> version = client.exportVersion();
    QVERIFY(!version.ok());
    QCOMPARE(version.error().kind, Error::Kind::Http);
    QVERIFY2(version.error().message.contains(QStringLiteral("redirected the API request (301) to "
                                                             "https://redcap.example.org/redcap/api/.")),
             qPrintable(version.error().message));
    QCOMPARE(served, 1);
    QCOMPARE(client.requestCount(), 1);
}

void TestRedcapClient::cancelFromAnotherThreadStopsARequest()
{
    m_sim->injectFault(Fault::Stall, 1, QStringLiteral("record"), 5000);
    RedcapClient client(options(20000));
    // requestServed is emitted in the simulator's thread once the stalled answer has started. The
    // client reaches that thread through an atomic, not only through the HTTP request that
    // precedes the signal: an ordering through a socket is one ThreadSanitizer cannot see.
    std::atomic<RedcapClient*> target { nullptr };
    target.store(&client, std::memory_order_release);
    const QMetaObject::Connection connection = connect(
        m_sim, &RedcapSimulator::requestServed, m_sim,
        [&target](const QString&) { target.load(std::memory_order_acquire)->cancel(); },
        Qt::DirectConnection);
    QElapsedTimer timer;
    timer.start();
    const Result<QJsonArray> rows
        = client.exportRecords({ QStringLiteral("1") }, { QStringLiteral("record_id") });
    disconnect(connection);
    QVERIFY(!rows.ok());
    QCOMPARE(rows.error().kind, Error::Kind::Cancelled);
    QVERIFY2(timer.elapsed() < TestEnvironment::scaledMs(4000), qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(client.requestCount(), 1);
    QVERIFY(client.isCancelled());
    QVERIFY(client.findChildren<QNetworkReply*>().isEmpty());

    // Cancelled stays cancelled: nothing more is sent until reset.
    const Result<QString> later = client.exportVersion();
    QCOMPARE(later.error().kind, Error::Kind::Cancelled);
    QCOMPARE(client.requestCount(), 1);

    client.resetCancel();
    const Result<QString> version = client.exportVersion();
    QVERIFY2(version.ok(), qPrintable(version.error().message));
}

void TestRedcapClient::cancelFromAnotherThreadStopsARetryPause()
{
    m_sim->injectFault(Fault::Status, 1, QStringLiteral("version"), 503);
    RedcapClientOptions o = options();
    o.retryBaseDelayMs = 20000;
    RedcapClient client(o);

    // The retry warning is logged just before the pause starts; another thread then cancels.
    LogCapture capture;
    QSemaphore retrying;
    capture.setCallback([&retrying](const QString& message) {
        if (message.contains(QLatin1String("Trying again in 20000 ms"))) {
            retrying.release();
        }
    });
    std::thread canceller([&] {
        if (retrying.tryAcquire(1, TestEnvironment::scaledMs(10000))) {
            client.cancel();
        }
    });
    QElapsedTimer timer;
    timer.start();
    const Result<QString> version = client.exportVersion();
    const qint64 elapsed = timer.elapsed();
    canceller.join();
    capture.setCallback({});
    QVERIFY(!version.ok());
    QCOMPARE(version.error().kind, Error::Kind::Cancelled);
    QVERIFY2(elapsed < TestEnvironment::scaledMs(5000), qPrintable(QString::number(elapsed)));
    QCOMPARE(client.requestCount(), 1);
}

void TestRedcapClient::callFromAForeignThreadIsRefused()
{
    RedcapClient client(options());
    Result<QString> version = makeError(Error::Kind::None, {});
    std::thread other([&] { version = client.exportVersion(); });
    other.join();
    QVERIFY(!version.ok());
    QCOMPARE(version.error().kind, Error::Kind::Config);
    QVERIFY(version.error().message.contains(QStringLiteral("thread")));
    QCOMPARE(client.requestCount(), 0);
}

void TestRedcapClient::insecureHttpToRemoteHostIsRefusedBeforeSending()
{
    RedcapClientOptions o = options();
    o.apiUrl = QUrl(QStringLiteral("http://redcap.example.org/api/"));
    RedcapClient client(o);
    const Result<QStringList> names = client.exportFieldNames();
    QVERIFY(!names.ok());
    QCOMPARE(names.error().kind, Error::Kind::Config);
    QVERIFY(names.error().message.contains(QStringLiteral("unencrypted")));
    QCOMPARE(client.requestCount(), 0);

    o.apiUrl = m_sim->apiUrl();
    o.token = QStringLiteral("not-a-token");
    RedcapClient badToken(o);
    const Result<QString> version = badToken.exportVersion();
    QCOMPARE(version.error().kind, Error::Kind::Config);
    QCOMPARE(badToken.requestCount(), 0);
    QCOMPARE(m_sim->requestCount(), 0);
}

void TestRedcapClient::caFileProblemsAreReported()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A closed local port: once the CA file is accepted the request is refused, never sent elsewhere.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QUrl closedHttps(QStringLiteral("https://127.0.0.1:%1/api/").arg(probe.serverPort()));
    probe.close();

    RedcapClientOptions o = options(2000, 1);
    o.apiUrl = closedHttps;
    o.caFile = dir.filePath(QStringLiteral("missing.pem"));
    {
        RedcapClient client(o);
        const Result<QString> version = client.exportVersion();
        QCOMPARE(version.error().kind, Error::Kind::Config);
        QVERIFY2(version.error().message.contains(QStringLiteral("does not exist")),
                 qPrintable(version.error().message));
        QCOMPARE(client.requestCount(), 0);
    }

    const QString garbage = dir.filePath(QStringLiteral("garbage.pem"));
    {
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a certificate\n");
    }
    o.caFile = garbage;
    {
        RedcapClient client(o);
        const Result<QString> version = client.exportVersion();
        QCOMPARE(version.error().kind, Error::Kind::Config);
        QVERIFY2(version.error().message.contains(QStringLiteral("holds no PEM certificate")),
                 qPrintable(version.error().message));
        QCOMPARE(client.requestCount(), 0);
    }

    const QString systemBundle = QStringLiteral("/etc/ssl/certs/ca-certificates.crt");
    if (!QFile::exists(systemBundle)) {
        QSKIP("No system CA bundle to use as a readable PEM file");
    }
    o.caFile = systemBundle;
    RedcapClient client(o);
    const Result<QString> version = client.exportVersion();
    QCOMPARE(version.error().kind, Error::Kind::Network);
    QVERIFY2(version.error().message.contains(QStringLiteral("refused")),
             qPrintable(version.error().message));
    QCOMPARE(client.requestCount(), 1);
}

void TestRedcapClient::tokenNeverLeaks()
{
    const QString token = RedcapSimulator::defaultToken();
    QLoggingCategory::setFilterRules(QStringLiteral("lantir.redcap.debug=true"));
    QStringList messages;
    QStringList captured;
    {
        LogCapture capture;

        // A failed-auth run: the simulator knows another token.
        m_sim->setToken(otherToken());
        {
            RedcapClient client(options());
            messages << client.exportVersion().error().message << client.exportFieldNames().error().message;
        }
        m_sim->setToken(token);

        // A fault run: retries, timeouts, broken bodies, and a server that quotes the token back.
        m_sim->injectFault(Fault::Status, 1, QStringLiteral("record"), 503);
        m_sim->injectFault(Fault::ResetConnection, 1, QStringLiteral("record"));
        m_sim->injectFault(Fault::Stall, 10, QStringLiteral("record"), 2000);
        m_sim->injectFault(Fault::HtmlPage, 1, QStringLiteral("metadata"));
        m_sim->injectFault(Fault::MalformedJson, 1, QStringLiteral("metadata"));
        {
            RedcapClient client(options(300));
            messages << client.exportRecords({ QStringLiteral("1") }, { QStringLiteral("record_id") })
                            .error()
                            .message
                     << client.exportFieldNames().error().message
                     << client.exportFieldNames().error().message;
        }
        RawServer echo([](const QByteArray& body) {
            const QByteArray sent
                = QUrlQuery(QString::fromUtf8(body)).queryItemValue(QStringLiteral("token")).toUtf8();
            return httpResponse(400, "Bad Request", {},
                                "{\"error\":\"The token " + sent.toLower() + " is not valid\"}");
        });
        RedcapClientOptions o = options();
        o.apiUrl = echo.apiUrl();
        RedcapClient client(o);
        const Error echoed = client.exportVersion().error();
        QCOMPARE(echoed.kind, Error::Kind::Http);
        QVERIFY2(echoed.message.contains(QStringLiteral("The token [token] is not valid")),
                 qPrintable(echoed.message));
        messages << echoed.message;
        captured = capture.lines();
    }
    QLoggingCategory::setFilterRules(QString());

    QCOMPARE(messages.size(), 6);
    for (const QString& message : std::as_const(messages)) {
        QVERIFY(!message.isEmpty());
        QVERIFY2(!message.contains(token, Qt::CaseInsensitive), qPrintable(message));
    }
    // The capture did see the client's request lines (and its retry warnings).
    QVERIFY(captured.filter(QStringLiteral("lantir.redcap content=record")).size() >= 4);
    QVERIFY(!captured.filter(QStringLiteral("Trying again")).isEmpty());
    for (const QString& line : std::as_const(captured)) {
        QVERIFY2(!line.contains(token, Qt::CaseInsensitive), qPrintable(line));
    }
}

void TestRedcapClient::requestCounting()
{
    m_sim->injectFault(Fault::Status, 1, QStringLiteral("version"), 503);
    RedcapClient client(options());
    QVERIFY(client.exportVersion().ok());
    QCOMPARE(client.requestCount(), 2);
    client.resetRequestCount();
    QCOMPARE(client.requestCount(), 0);
    QVERIFY(client.exportVersion().ok());
    QCOMPARE(client.requestCount(), 1);
}

QTEST_GUILESS_MAIN(TestRedcapClient)
#include "tst_redcapclient.moc"
