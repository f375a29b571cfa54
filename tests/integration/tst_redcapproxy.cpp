#include "RecordingProxy.h"
#include "SimulatorThread.h"
#include "redcap/RedcapClient.h"

#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
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

// Runs openssl in `dir`; false (with its output as a warning) when it fails.
bool openssl(const QString& dir, const QStringList& args)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStandardPaths::findExecutable(QStringLiteral("openssl")), args);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(args.join(u' ')), process.readAll().constData());
        return false;
    }
    return true;
}

// A private CA (ca.pem) and a server certificate for `host` signed by it (server.pem, server.key).
bool makeCertificates(const QString& dir, const QString& host)
{
    const QStringList ec { QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                           QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes") };
    QFile ext(dir + QStringLiteral("/server.ext"));
    if (!ext.open(QIODevice::WriteOnly)) {
        return false;
    }
    ext.write("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:" + host.toLatin1()
              + '\n');
    ext.close();
    return openssl(dir,
                   QStringList { QStringLiteral("req"), QStringLiteral("-x509") } + ec
                       + QStringList { QStringLiteral("-keyout"), QStringLiteral("ca.key"),
                                       QStringLiteral("-out"), QStringLiteral("ca.pem"),
                                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                                       QStringLiteral("/CN=Lantir Proxy Test CA"), QStringLiteral("-addext"),
                                       QStringLiteral("basicConstraints=critical,CA:TRUE"),
                                       QStringLiteral("-addext"),
                                       QStringLiteral("keyUsage=critical,keyCertSign,cRLSign") })
        && openssl(dir,
                   QStringList { QStringLiteral("req") } + ec
                       + QStringList { QStringLiteral("-keyout"), QStringLiteral("server.key"),
                                       QStringLiteral("-out"), QStringLiteral("server.csr"),
                                       QStringLiteral("-subj"), QStringLiteral("/CN=") + host })
        && openssl(dir,
                   { QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                     QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                     QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
                     QStringLiteral("-out"), QStringLiteral("server.pem"), QStringLiteral("-days"),
                     QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server.ext") });
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

    // https with only https_proxy set: both transports ask the proxy for a CONNECT tunnel and speak
    // TLS through it with the REDCap server, whose certificate (for redcap.lantir.test, from a
    // private CA given as the CA file) is checked as on a direct connection. The streamed export
    // used to pick its proxy by the socket's own lookup, which does not read https_proxy.
    void httpsGoesThroughHttpsProxy()
    {
        if (!QSslSocket::supportsSsl()
            || QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            QSKIP("needs TLS support and the openssl program");
        }
        const QString host = QStringLiteral("redcap.lantir.test");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(makeCertificates(dir.path(), host));
        QFile certificate(dir.filePath(QStringLiteral("server.pem")));
        QFile key(dir.filePath(QStringLiteral("server.key")));
        QVERIFY(certificate.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
        SimulatorThread sim(smallProject());
        sim->setTls(QSslCertificate(certificate.readAll(), QSsl::Pem),
                    QSslKey(key.readAll(), QSsl::Ec, QSsl::Pem));
        QVERIFY(sim->listen());
        RecordingProxy proxy;
        const quint16 proxyPort = proxy.start();
        QVERIFY(proxyPort != 0);
        const ProxyEnvironment environment(QByteArray {});
        qputenv("https_proxy", "http://127.0.0.1:" + QByteArray::number(proxyPort));
        const QString authority = host + u':' + QString::number(sim->port());

        RedcapClientOptions options = optionsFor(QUrl(QStringLiteral("https://%1/api/").arg(authority)));
        options.caFile = dir.filePath(QStringLiteral("ca.pem"));
        RedcapClient client(options);
        const Result<RecordIdList> ids = client.exportRecordIds(QStringLiteral("record_id"), {}, {});
        QVERIFY2(ids.ok(), qPrintable(ids.error().message));
        QCOMPARE(ids.value().size(), 6);
        const Result<QJsonArray> rows = client.exportRecords(ids.value().mid(0, 2), {});
        QVERIFY2(rows.ok(), qPrintable(rows.error().message));
        QCOMPARE(proxy.tunnels(), (QStringList { authority, authority }));
        QVERIFY(proxy.forwarded().isEmpty());
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
