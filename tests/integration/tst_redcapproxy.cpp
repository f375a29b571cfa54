#include "RecordingProxy.h"
#include "SimulatorThread.h"
#include "redcap/RedcapClient.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTest>

using namespace Lantir;
using Lantir::Test::RecordingProxy;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;

namespace {

// Sets the proxy variables for the length of a test and restores them after.
class ProxyEnvironment
{
public:
    explicit ProxyEnvironment(const QByteArray& proxyUrl)
    {
        for (const char* name : Names) {
            m_saved.append({ name, qgetenv(name), qEnvironmentVariableIsSet(name) });
            qunsetenv(name);
        }
        if (!proxyUrl.isEmpty()) {
            qputenv("http_proxy", proxyUrl);
            qputenv("https_proxy", proxyUrl);
        }
    }
    ~ProxyEnvironment()
    {
        for (const Saved& saved : std::as_const(m_saved)) {
            if (saved.set) {
                qputenv(saved.name, saved.value);
            } else {
                qunsetenv(saved.name);
            }
        }
    }
    ProxyEnvironment(const ProxyEnvironment&) = delete;
    ProxyEnvironment& operator=(const ProxyEnvironment&) = delete;

private:
    static constexpr const char* Names[] = { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                                             "all_proxy",  "ALL_PROXY",   "no_proxy",   "NO_PROXY" };
    struct Saved
    {
        const char* name;
        QByteArray value;
        bool set;
    };
    QList<Saved> m_saved;
};

SimulatorProject smallProject()
{
    SimulatorProject project;
    project.records = 6;
    project.scansPerRecord = 1;
    return project;
}

RedcapClientOptions optionsFor(const QUrl& url)
{
    RedcapClientOptions options;
    options.apiUrl = url;
    options.token = RedcapSimulator::defaultToken();
    options.allowInsecureHttp = true; // a non-loopback name over http, which stays on 127.0.0.1
    options.timeoutMs = 20000;
    options.maxTries = 1;
    return options;
}

quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost)) {
        return 0;
    }
    return probe.serverPort(); // nothing listens there once the probe is gone
}

} // namespace

class TestRedcapProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // With https_proxy / http_proxy set, the streamed record id export (a CONNECT tunnel from its
    // own socket) and the batch export (QNetworkAccessManager, forwarding the request) both reach
    // REDCap through the proxy, and nothing reaches it another way.
    void bothExportsGoThroughTheProxy()
    {
        SimulatorThread sim(smallProject());
        QVERIFY(sim.isListening());
        RecordingProxy proxy;
        const quint16 proxyPort = proxy.start();
        QVERIFY(proxyPort != 0);
        const ProxyEnvironment environment("http://127.0.0.1:" + QByteArray::number(proxyPort));
        const QString authority = QStringLiteral("redcap.lantir.test:%1").arg(sim->port());

        RedcapClient client(optionsFor(QUrl(QStringLiteral("http://%1/api/").arg(authority))));
        const Result<RecordIdList> ids = client.exportRecordIds(QStringLiteral("record_id"), {}, {});
        QVERIFY2(ids.ok(), qPrintable(ids.error().message));
        QCOMPARE(ids.value().size(), 6);
        const Result<QJsonArray> rows = client.exportRecords(ids.value().mid(0, 3), {});
        QVERIFY2(rows.ok(), qPrintable(rows.error().message));
        QVERIFY(!rows.value().isEmpty());

        QCOMPARE(proxy.tunnels(), QStringList { authority });
        QCOMPARE(proxy.forwarded(),
                 QStringList { QStringLiteral("POST http://%1/api/ HTTP/1.1").arg(authority) });
        QCOMPARE(sim->requestCount(QStringLiteral("record")), 2);
    }

    // Qt never sends a request for a loopback host through a proxy: the tests that talk to the
    // simulator on 127.0.0.1 stay direct whatever proxy variables the environment holds.
    void loopbackHostsGoDirect()
    {
        SimulatorThread sim(smallProject());
        QVERIFY(sim.isListening());
        RecordingProxy proxy;
        const quint16 proxyPort = proxy.start();
        QVERIFY(proxyPort != 0);
        const ProxyEnvironment environment("http://127.0.0.1:" + QByteArray::number(proxyPort));

        for (const QString& host : { QStringLiteral("127.0.0.1"), QStringLiteral("localhost") }) {
            RedcapClient client(
                optionsFor(QUrl(QStringLiteral("http://%1:%2/api/").arg(host).arg(sim->port()))));
            const Result<RecordIdList> ids = client.exportRecordIds(QStringLiteral("record_id"), {}, {});
            QVERIFY2(ids.ok(), qPrintable(ids.error().message));
            const Result<QString> version = client.exportVersion();
            QVERIFY2(version.ok(), qPrintable(version.error().message));
        }
        QVERIFY(proxy.tunnels().isEmpty());
        QVERIFY(proxy.forwarded().isEmpty());
    }

    // A proxy that is down is named in the message, for either transport; a direct connection that
    // fails says nothing of a proxy.
    void messagesNameAProxyOnlyWhenOneIsUsed()
    {
        const quint16 deadProxy = closedPort();
        QVERIFY(deadProxy != 0);
        {
            const ProxyEnvironment environment("http://127.0.0.1:" + QByteArray::number(deadProxy));
            RedcapClient client(
                optionsFor(QUrl(QStringLiteral("http://redcap.lantir.test:%1/api/").arg(deadProxy))));
            const QString proxyName = QStringLiteral("proxy 127.0.0.1:%1").arg(deadProxy);
            const Result<QString> version = client.exportVersion();
            QVERIFY(!version.ok());
            QVERIFY2(version.error().message.contains(proxyName), qPrintable(version.error().message));
            const Result<RecordIdList> ids = client.exportRecordIds(QStringLiteral("record_id"), {}, {});
            QVERIFY(!ids.ok());
            QVERIFY2(ids.error().message.contains(proxyName), qPrintable(ids.error().message));
        }
        const ProxyEnvironment none(QByteArray {});
        const quint16 deadServer = closedPort();
        RedcapClient client(optionsFor(QUrl(QStringLiteral("http://127.0.0.1:%1/api/").arg(deadServer))));
        const Result<RecordIdList> ids = client.exportRecordIds(QStringLiteral("record_id"), {}, {});
        QVERIFY(!ids.ok());
        QVERIFY2(!ids.error().message.contains(QStringLiteral("proxy"), Qt::CaseInsensitive),
                 qPrintable(ids.error().message));
        const Result<QString> version = client.exportVersion();
        QVERIFY(!version.ok());
        QVERIFY2(!version.error().message.contains(QStringLiteral("proxy"), Qt::CaseInsensitive),
                 qPrintable(version.error().message));
    }
};

QTEST_GUILESS_MAIN(TestRedcapProxy)
#include "tst_redcapproxy.moc"
