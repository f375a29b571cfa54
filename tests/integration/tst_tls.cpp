#include "RedcapSimulator.h"
#include "ScopedSqlConnection.h"
#include "SimulatorThread.h"
#include "TestEnvironment.h"
#include "sync/SyncEngine.h"

#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using Lantir::Test::TestEnvironment;

using namespace Lantir;
using Lantir::Test::RedcapSimulator;
using Lantir::Test::ScopedSqlConnection;
using Lantir::Test::SimulatorProject;
using Lantir::Test::SimulatorThread;

namespace {

int rowCount(const QString& path)
{
    if (!QFile::exists(path))
        return 0;
    ScopedSqlConnection connection(path);
    QSqlQuery query(connection.db());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM worklist_items")) || !query.next())
        return 0;
    return query.value(0).toInt();
}

} // namespace

// HTTPS against a simulator whose certificate comes from a private CA made at test time with
// openssl: refused with a clear message until source.ca_file names that CA, accepted with it, and
// never accepted when the certificate is wrong for the host or signed by another CA.
class TestTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_openssl;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    bool openssl(const QStringList& args)
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(m_openssl, args);
        if (!process.waitForFinished(TestEnvironment::scaledMs(30000))
            || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            qWarning("openssl %s failed: %s", qPrintable(args.join(QLatin1Char(' '))),
                     process.readAll().constData());
            return false;
        }
        return true;
    }

    bool makeCa(const QString& name)
    {
        return openssl(
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
              QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
              QStringLiteral("-nodes"), QStringLiteral("-keyout"), name + QStringLiteral(".key"),
              QStringLiteral("-out"), name + QStringLiteral(".pem"), QStringLiteral("-days"),
              QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=Lantir Test ") + name,
              QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
              QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign") });
    }

    bool makeServer(const QString& name, const QString& ca, const QString& commonName,
                    const QString& subjectAltName)
    {
        QFile ext(path(name + QStringLiteral(".ext")));
        if (!ext.open(QIODevice::WriteOnly))
            return false;
        ext.write("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage="
                  "serverAuth\nsubjectAltName="
                  + subjectAltName.toLatin1() + '\n');
        ext.close();
        return openssl({ QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                         QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                         QStringLiteral("-nodes"), QStringLiteral("-keyout"), name + QStringLiteral(".key"),
                         QStringLiteral("-out"), name + QStringLiteral(".csr"), QStringLiteral("-subj"),
                         QStringLiteral("/CN=") + commonName })
            && openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                         name + QStringLiteral(".csr"), QStringLiteral("-CA"), ca + QStringLiteral(".pem"),
                         QStringLiteral("-CAkey"), ca + QStringLiteral(".key"),
                         QStringLiteral("-CAcreateserial"), QStringLiteral("-out"),
                         name + QStringLiteral(".pem"), QStringLiteral("-days"), QStringLiteral("2"),
                         QStringLiteral("-extfile"), name + QStringLiteral(".ext") });
    }

    bool serve(SimulatorThread& sim, const QString& name)
    {
        QFile cert(path(name + QStringLiteral(".pem")));
        QFile key(path(name + QStringLiteral(".key")));
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
            return false;
        const QSslCertificate certificate(cert.readAll(), QSsl::Pem);
        const QSslKey privateKey(key.readAll(), QSsl::Ec, QSsl::Pem);
        if (certificate.isNull() || privateKey.isNull())
            return false;
        sim->setTls(certificate, privateKey);
        return sim->listen();
    }

    static SyncConfig configFor(const QUrl& url, const QString& db, const QString& caFile)
    {
        SyncConfig config;
        config.sources.first().apiUrl = url;
        config.databasePath = db;
        config.sources.first().caFile = caFile;
        config.sources.first().batchSize = 5;
        config.sources.first().requestTimeoutMs = 5000;
        config.sources.first().maxTries = 1;
        config.sources.first().mapping.site = QStringLiteral("792");
        return config;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // openssl makes the certificates.
        LANTIR_REQUIRE_TOOL(m_openssl, QStringLiteral("openssl"));
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here");
        QVERIFY(makeCa(QStringLiteral("ca")));
        QVERIFY(makeCa(QStringLiteral("otherca")));
        QVERIFY(makeServer(QStringLiteral("server"), QStringLiteral("ca"), QStringLiteral("127.0.0.1"),
                           QStringLiteral("IP:127.0.0.1")));
        QVERIFY(makeServer(QStringLiteral("wronghost"), QStringLiteral("ca"),
                           QStringLiteral("redcap.example.org"), QStringLiteral("DNS:redcap.example.org")));
    }

    void aPrivateCaIsRefusedUntilConfiguredThenAccepted()
    {
        SimulatorThread sim(SimulatorProject { 6, 2, 3, false });
        QVERIFY(serve(sim, QStringLiteral("server")));
        QCOMPARE(sim->apiUrl().scheme(), QStringLiteral("https"));
        const QString db = path(QStringLiteral("worklist.db"));

        {
            SyncEngine engine(configFor(sim->apiUrl(), db, {}), RedcapSimulator::defaultToken());
            const CycleReport refused = engine.runCycle({});
            QVERIFY(!refused.ok);
            QVERIFY2(refused.error.contains(QLatin1String("certificate"), Qt::CaseInsensitive),
                     qPrintable(refused.error));
            QVERIFY2(refused.error.contains(QLatin1String("CA file")), qPrintable(refused.error));
            QCOMPARE(rowCount(db), 0);
        }
        SyncEngine engine(configFor(sim->apiUrl(), db, path(QStringLiteral("ca.pem"))),
                          RedcapSimulator::defaultToken());
        const CycleReport accepted = engine.runCycle({});
        QVERIFY2(accepted.ok, qPrintable(accepted.error));
        QCOMPARE(accepted.inserted, 12);
        QCOMPARE(rowCount(db), 12);
    }

    void anotherCaOrAWrongHostIsNeverAccepted_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("ca");
        QTest::newRow("signed by another CA") << QStringLiteral("server") << QStringLiteral("otherca.pem");
        QTest::newRow("certificate for another host")
            << QStringLiteral("wronghost") << QStringLiteral("ca.pem");
    }

    void anotherCaOrAWrongHostIsNeverAccepted()
    {
        QFETCH(QString, server);
        QFETCH(QString, ca);
        SimulatorThread sim(SimulatorProject { 3, 1, 3, false });
        QVERIFY(serve(sim, server));
        const QString db = path(server + QStringLiteral("-refused.db"));
        SyncEngine engine(configFor(sim->apiUrl(), db, path(ca)), RedcapSimulator::defaultToken());
        const CycleReport refused = engine.runCycle({});
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.contains(QLatin1String("certificate"), Qt::CaseInsensitive)
                     || refused.error.contains(QLatin1String("TLS"), Qt::CaseInsensitive),
                 qPrintable(refused.error));
        QCOMPARE(sim->requestCount(), 0); // no request got through the handshake
        QCOMPARE(rowCount(db), 0);
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
