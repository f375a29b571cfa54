#include "PostgresTestServer.h"

#include "TestEnvironment.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QVersionNumber>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <pwd.h>
#include <unistd.h>

namespace Lantir::Test {

namespace {

constexpr int kStartAttempts = 5; // a port picked as free may be taken before the server binds it
constexpr int kPgCtlWaitSeconds = 60; // pg_ctl -t: how long start and stop wait for the server
QAtomicInteger<quint64> s_adminConnections;

// /usr/lib/postgresql/<version>/bin, highest version first (Debian installs each major there).
QStringList versionedBinDirs()
{
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString& a, const QString& b) {
        return QVersionNumber::fromString(a) > QVersionNumber::fromString(b);
    });
    QStringList dirs;
    for (const QString& version : versions)
        dirs << root.filePath(version + QStringLiteral("/bin"));
    return dirs;
}

// initdb and pg_ctl from PATH when both are there, else from the newest version folder holding both.
void findPostgresPrograms(PostgresTestServer::Tools& tools)
{
    tools.initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    tools.pgCtl = QStandardPaths::findExecutable(QStringLiteral("pg_ctl"));
    if (!tools.initdb.isEmpty() && !tools.pgCtl.isEmpty())
        return;
    tools.initdb.clear();
    tools.pgCtl.clear();
    for (const QString& dir : versionedBinDirs()) {
        const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"), { dir });
        const QString pgCtl = QStandardPaths::findExecutable(QStringLiteral("pg_ctl"), { dir });
        if (!initdb.isEmpty() && !pgCtl.isEmpty()) {
            tools.initdb = initdb;
            tools.pgCtl = pgCtl;
            return;
        }
    }
}

QString missingMessage(const PostgresTestServer::Tools& tools)
{
    QStringList missing;
    if (tools.initdb.isEmpty() || tools.pgCtl.isEmpty())
        missing << QStringLiteral("PostgreSQL (initdb and pg_ctl, on PATH or in /usr/lib/postgresql/*/bin; "
                                  "package postgresql)");
    if (!tools.driver)
        missing << QStringLiteral("Qt's PostgreSQL driver QPSQL (package libqt6sql6-psql)");
    const bool both = missing.size() > 1;
    return QStringLiteral("%1 %2 not installed, and this test needs %3: run scripts/setup-deps.sh, which "
                          "installs every tool the tests use%4")
        .arg(missing.join(QStringLiteral(" and ")), both ? QStringLiteral("are") : QStringLiteral("is"),
             both ? QStringLiteral("them") : QStringLiteral("it"),
             tools.mustFail ? QStringLiteral(" (CI=true: a missing tool fails the test)") : QString());
}

// Under root: the user initdb and the server run as (postgres, else nobody); false if neither exists.
bool unprivilegedUser(uid_t* uid, gid_t* gid, QString* name)
{
    for (const char* candidate : { "postgres", "nobody" }) {
        if (const passwd* entry = ::getpwnam(candidate)) {
            *uid = entry->pw_uid;
            *gid = entry->pw_gid;
            *name = QString::fromLatin1(candidate);
            return true;
        }
    }
    return false;
}

// setpriv (util-linux) or runuser, whichever is there, to run `program` as another user.
QStringList asUser(uid_t uid, gid_t gid, const QString& name, const QString& program)
{
    const QStringList sbin { QStringLiteral("/usr/sbin"), QStringLiteral("/sbin") };
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    if (!setpriv.isEmpty())
        return { setpriv,
                 QStringLiteral("--reuid=%1").arg(uid),
                 QStringLiteral("--regid=%1").arg(gid),
                 QStringLiteral("--clear-groups"),
                 QStringLiteral("--"),
                 program };
    QString runuser = QStandardPaths::findExecutable(QStringLiteral("runuser"));
    if (runuser.isEmpty())
        runuser = QStandardPaths::findExecutable(QStringLiteral("runuser"), sbin);
    return { runuser.isEmpty() ? QStringLiteral("runuser") : runuser, QStringLiteral("-u"), name,
             QStringLiteral("--"), program };
}

// Where the temporary folder goes: the system's temporary folder, unless its path is so long that
// the server's Unix socket path (folder + "/.s.PGSQL.<port>") would pass the 107-byte limit.
QString tempRoot()
{
    const QString root = QDir::tempPath();
    return root.size() <= 64 ? root : QStringLiteral("/tmp");
}

QString randomPassword()
{
    QByteArray bytes(18, Qt::Uninitialized);
    QRandomGenerator* random = QRandomGenerator::system();
    for (char& byte : bytes)
        byte = static_cast<char>(random->bounded(256));
    return QString::fromLatin1(bytes.toHex());
}

bool writePrivateFile(const QString& path, const QByteArray& content, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(content) != content.size()) {
        *error = QStringLiteral("could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QByteArray readFrom(const QString& path, qint64 offset)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return {};
    return file.readAll();
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

PostgresTestServer::Tools PostgresTestServer::findTools()
{
    Tools tools;
    findPostgresPrograms(tools);
    tools.driver = QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"));
    if (!tools.found()) {
        tools.mustFail = TestEnvironment::isCi();
        tools.message = missingMessage(tools);
    }
    return tools;
}

PostgresTestServer::PostgresTestServer() = default;

PostgresTestServer::~PostgresTestServer()
{
    if (m_running)
        stop();
    if (m_initialized && QFile::exists(dataDir() + QStringLiteral("/postmaster.pid")))
        forceKill();
}

bool PostgresTestServer::start()
{
    if (m_running)
        return true;
    m_error.clear();
    if (!m_initialized && !prepare())
        return false;
    for (int attempt = 1; attempt <= kStartAttempts; ++attempt) {
        // A restart keeps its port while that is free; a first start, or a retry, takes a new one.
        if (m_port == 0 || attempt > 1)
            m_port = freeLoopbackPort();
        if (m_port == 0)
            return fail(QStringLiteral("no free TCP port on 127.0.0.1"));
        bool portTaken = false;
        if (startOnce(&portTaken))
            return true;
        if (!portTaken)
            return false;
    }
    return false;
}

bool PostgresTestServer::stop()
{
    if (!m_running)
        return true;
    QString output;
    if (!pgCtl({ QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("fast"),
                 QStringLiteral("-w"), QStringLiteral("-t"), QString::number(kPgCtlWaitSeconds),
                 QStringLiteral("stop") },
               TestEnvironment::scaledMs(90'000), &output))
        return fail(QStringLiteral("pg_ctl stop failed: %1\n--- server log ---\n%2").arg(output, logTail()));
    m_running = false;
    return true;
}

bool PostgresTestServer::restart()
{
    return stop() && start();
}

bool PostgresTestServer::kill()
{
    if (!m_running)
        return true;
    QString output;
    if (!pgCtl({ QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("immediate"),
                 QStringLiteral("-w"), QStringLiteral("-t"), QString::number(kPgCtlWaitSeconds),
                 QStringLiteral("stop") },
               TestEnvironment::scaledMs(90'000), &output))
        return fail(QStringLiteral("pg_ctl stop -m immediate failed: %1").arg(output));
    m_running = false;
    return true;
}

bool PostgresTestServer::isRunning() const
{
    return m_running;
}

QString PostgresTestServer::errorString() const
{
    return m_error;
}

QString PostgresTestServer::host() const
{
    return QStringLiteral("127.0.0.1");
}

quint16 PostgresTestServer::port() const
{
    return m_port;
}

QString PostgresTestServer::superuser() const
{
    return QStringLiteral("lantir");
}

QString PostgresTestServer::password() const
{
    return m_password;
}

QString PostgresTestServer::passFile() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("pgpass")) : QString();
}

QString PostgresTestServer::dataDir() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("data")) : QString();
}

QString PostgresTestServer::logTail(int lines) const
{
    if (!m_dir)
        return {};
    QFile file(m_dir->filePath(QStringLiteral("server.log")));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("(no server log: %1)").arg(file.errorString());
    const QStringList all = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return all.mid(std::max(0, static_cast<int>(all.size()) - lines)).join(QLatin1Char('\n'));
}

DatabaseTarget PostgresTestServer::newDatabase(const QString& name, int busyTimeoutMs)
{
    if (!createDatabase(name))
        qWarning("creating %s: %s", qPrintable(name), qPrintable(errorString()));
    DatabaseTarget target;
    target.driver = DatabaseDriver::Postgresql;
    target.busyTimeoutMs = busyTimeoutMs;
    target.postgres.host = host();
    target.postgres.port = port();
    target.postgres.name = name;
    target.postgres.user = superuser();
    return target;
}

bool PostgresTestServer::createDatabase(const QString& name)
{
    const QString connection
        = QStringLiteral("lantir-pg-admin-%1").arg(s_adminConnections.fetchAndAddRelaxed(1));
    QString error;
    {
        QSqlDatabase db = openDatabase(QStringLiteral("postgres"), connection);
        if (!db.isOpen()) {
            error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("CREATE DATABASE ")
                            + db.driver()->escapeIdentifier(name, QSqlDriver::TableName)))
                error = query.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return error.isEmpty() || fail(QStringLiteral("CREATE DATABASE %1 failed: %2").arg(name, error));
}

QSqlDatabase PostgresTestServer::openDatabase(const QString& database, const QString& connectionName) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(host());
    db.setPort(m_port);
    db.setUserName(superuser());
    db.setPassword(m_password);
    db.setDatabaseName(database);
    db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    db.open();
    return db;
}

// The temporary folder (owned by the user the server runs as), the password files and the cluster.
bool PostgresTestServer::prepare()
{
    m_tools = findTools();
    if (!m_tools.found())
        return fail(m_tools.message);
    if (::geteuid() == 0 && !unprivilegedUser(&m_runAs.uid, &m_runAs.gid, &m_runAs.name))
        return fail(QStringLiteral("running as root, and neither the user postgres nor nobody exists to "
                                   "run initdb and the server as (both refuse to run as root)"));
    m_dir = std::make_unique<QTemporaryDir>(tempRoot() + QStringLiteral("/lantir-pg-XXXXXX"));
    if (!m_dir->isValid())
        return fail(QStringLiteral("could not create a temporary folder: %1").arg(m_dir->errorString()));
    if (!m_runAs.name.isEmpty()
        && ::chown(QFile::encodeName(m_dir->path()).constData(), m_runAs.uid, m_runAs.gid) != 0)
        return fail(QStringLiteral("could not give %1 to the user %2: %3")
                        .arg(m_dir->path(), m_runAs.name, QString::fromLocal8Bit(std::strerror(errno))));
    m_password = randomPassword();
    return writePasswordFiles() && initCluster();
}

// The libpq password file for clients, and the one initdb reads the superuser's password from.
bool PostgresTestServer::writePasswordFiles()
{
    QString error;
    const QByteArray line = QStringLiteral("%1:*:*:%2:%3\n").arg(host(), superuser(), m_password).toUtf8();
    if (!writePrivateFile(passFile(), line, &error)
        || !writePrivateFile(m_dir->filePath(QStringLiteral("initdb-password")), m_password.toUtf8() + '\n',
                             &error))
        return fail(error);
    const QByteArray initdbFile = QFile::encodeName(m_dir->filePath(QStringLiteral("initdb-password")));
    if (!m_runAs.name.isEmpty() && ::chown(initdbFile.constData(), m_runAs.uid, m_runAs.gid) != 0)
        return fail(QStringLiteral("could not give the initdb password file to %1").arg(m_runAs.name));
    return true;
}

bool PostgresTestServer::initCluster()
{
    const QString pwfile = m_dir->filePath(QStringLiteral("initdb-password"));
    QString output;
    const bool ok = run(m_tools.initdb,
                        { QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), superuser(),
                          QStringLiteral("--auth=scram-sha-256"), QStringLiteral("--pwfile=") + pwfile,
                          QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C"),
                          QStringLiteral("--no-sync") },
                        TestEnvironment::scaledMs(120'000), &output);
    QFile::remove(pwfile);
    if (!ok)
        return fail(QStringLiteral("initdb failed: %1").arg(output.trimmed()));
    m_initialized = true;
    return true;
}

// One pg_ctl start on m_port; *portTaken when the server could not bind it (another program won it).
bool PostgresTestServer::startOnce(bool* portTaken)
{
    const QString log = m_dir->filePath(QStringLiteral("server.log"));
    const qint64 logBefore = QFileInfo(log).size(); // the log of every start, one after the other
    QString output;
    if (pgCtl({ QStringLiteral("-D"), dataDir(), QStringLiteral("-o"), serverOptions().join(QLatin1Char(' ')),
                QStringLiteral("-l"), log, QStringLiteral("-w"), QStringLiteral("-t"),
                QString::number(kPgCtlWaitSeconds), QStringLiteral("start") },
              TestEnvironment::scaledMs(90'000), &output)) {
        m_running = true;
        return true;
    }
    const QString tail = logTail();
    forceKill(); // a server that came up after pg_ctl gave up must not outlive the test
    const QByteArray thisStart = readFrom(log, logBefore);
    *portTaken = thisStart.contains("could not bind") || thisStart.contains("already in use");
    return fail(QStringLiteral("PostgreSQL did not start on 127.0.0.1:%1: %2\n--- server log ---\n%3")
                    .arg(QString::number(m_port), output.trimmed(), tail));
}

// The server's settings: loopback only, the socket in the private folder, no fsync. Commits stay
// synchronous (see the class comment).
QStringList PostgresTestServer::serverOptions() const
{
    return { QStringLiteral("-c listen_addresses=127.0.0.1"), QStringLiteral("-p %1").arg(m_port),
             QStringLiteral("-c unix_socket_directories='%1'").arg(m_dir->path()),
             QStringLiteral("-c fsync=off"), QStringLiteral("-c full_page_writes=off") };
}

bool PostgresTestServer::pgCtl(const QStringList& arguments, int timeoutMs, QString* output)
{
    return run(m_tools.pgCtl, arguments, timeoutMs, output);
}

// Runs a PostgreSQL program to its end (as m_runAs under root), its output in *output.
bool PostgresTestServer::run(const QString& program, const QStringList& arguments, int timeoutMs,
                             QString* output) const
{
    QStringList command = m_runAs.name.isEmpty() ? QStringList { program }
                                                 : asUser(m_runAs.uid, m_runAs.gid, m_runAs.name, program);
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    const QString executable = command.takeFirst();
    process.start(executable, command + arguments);
    if (!process.waitForStarted(10'000)) {
        *output = QStringLiteral("%1 did not start: %2").arg(program, process.errorString());
        return false;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5'000);
        *output = QStringLiteral("%1 did not finish within %2 s").arg(program).arg(timeoutMs / 1000);
        return false;
    }
    *output = QString::fromLocal8Bit(process.readAll());
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

// Ends the server however it can: pg_ctl's immediate stop, then SIGKILL to the postmaster named in
// postmaster.pid, once its command line shows it is this cluster's (not a reused process id).
void PostgresTestServer::forceKill()
{
    QString output;
    pgCtl({ QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("immediate"),
            QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("10"), QStringLiteral("stop") },
          TestEnvironment::scaledMs(30'000), &output);
    m_running = false;
    QFile pidFile(dataDir() + QStringLiteral("/postmaster.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return;
    const qint64 pid = pidFile.readLine().trimmed().toLongLong();
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (pid > 0 && cmdline.open(QIODevice::ReadOnly)
        && cmdline.readAll().contains(QFile::encodeName(dataDir())))
        ::kill(static_cast<pid_t>(pid), SIGKILL);
}

bool PostgresTestServer::fail(const QString& message)
{
    m_error = message;
    return false;
}

} // namespace Lantir::Test
