// lantir-pg-testserver: a private PostgreSQL server (PostgresTestServer) as a program, for the
// scripts that try Lantir on PostgreSQL as its users would: the packaging test's service command
// line and the screenshots of the desktop app. Serves until SIGINT or SIGTERM, then stops the
// server and removes its folder.

#include "PostgresTestServer.h"
#include "QuitOnSignal.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSaveFile>
#include <QTextStream>

using Lantir::Test::PostgresTestServer;

namespace {

int fail(const QString& message)
{
    QTextStream(stderr) << "lantir-pg-testserver: " << message << '\n';
    return 1;
}

// libpq's variables for the new database, one KEY=value line each, so a script can `source` the
// file or read single values from it. The password is only in the file PGPASSFILE names.
QByteArray readyText(const PostgresTestServer& server, const QString& database)
{
    QString text;
    QTextStream out(&text);
    out << "PGHOST=" << server.host() << '\n'
        << "PGPORT=" << server.port() << '\n'
        << "PGUSER=" << server.superuser() << '\n'
        << "PGDATABASE=" << database << '\n'
        << "PGPASSFILE=" << server.passFile() << '\n';
    return text.toUtf8();
}

bool writeReadyFile(const QString& path, const QByteArray& text)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size() && file.commit();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lantir-pg-testserver"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A private PostgreSQL server on 127.0.0.1 and a free port, in a temporary folder, with "
        "one empty database; its superuser signs in with a random password kept in a libpq "
        "password file. Stops (and removes everything) on Ctrl-C or SIGTERM."));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("database"), QStringLiteral("Name of the database to create (default: lantir)."),
          QStringLiteral("NAME"), QStringLiteral("lantir") },
        { QStringLiteral("ready-file"),
          QStringLiteral("Once the server runs, write PGHOST, PGPORT, PGUSER, PGDATABASE and PGPASSFILE "
                         "to this file, one KEY=value line each."),
          QStringLiteral("PATH") },
    });
    parser.process(app);

    if (!Lantir::Test::quitOnSignal(app))
        return fail(QStringLiteral("could not install the SIGINT/SIGTERM handlers"));

    PostgresTestServer server;
    if (!server.start())
        return fail(server.errorString());
    const QString database = parser.value(QStringLiteral("database"));
    if (!server.createDatabase(database))
        return fail(server.errorString());

    const QByteArray ready = readyText(server, database);
    QTextStream(stdout) << ready;
    QTextStream(stdout).flush();
    if (parser.isSet(QStringLiteral("ready-file"))
        && !writeReadyFile(parser.value(QStringLiteral("ready-file")), ready))
        return fail(QStringLiteral("cannot write %1").arg(parser.value(QStringLiteral("ready-file"))));

    const int status = QCoreApplication::exec();
    if (!server.stop())
        return fail(server.errorString());
    return status;
}
