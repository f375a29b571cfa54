#include "BenchDatabase.h"

#include <QDir>
#include <QFile>
#include <QStringList>
#include <QThread>

#include <unistd.h>

namespace Lantir::Bench {

QJsonObject BenchDatabase::json() const
{
    if (!isPostgres())
        return QJsonObject { { QStringLiteral("path"), sqlitePath } };
    return QJsonObject { { QStringLiteral("driver"), QStringLiteral("postgresql") },
                         { QStringLiteral("host"), host },
                         { QStringLiteral("port"), int(port) },
                         { QStringLiteral("name"), name },
                         { QStringLiteral("user"), user },
                         { QStringLiteral("sslmode"), QStringLiteral("disable") } };
}

void BenchDatabase::addTo(QProcessEnvironment* environment) const
{
    if (!isPostgres())
        return;
    environment->insert(QStringLiteral("PGPASSFILE"), passFile);
    environment->remove(QStringLiteral("PGPASSWORD"));
}

double BenchDatabase::serverCpuMs() const
{
    // A session's CPU reaches the server's count once the server has reaped its process, a moment
    // after the client went: read until the figure holds still.
    double last = postmasterCpuMs();
    for (int attempt = 0; attempt < 30 && last >= 0; ++attempt) {
        QThread::msleep(100);
        const double now = postmasterCpuMs();
        if (now == last)
            break;
        last = now;
    }
    return last;
}

double BenchDatabase::postmasterCpuMs() const
{
    if (!isPostgres())
        return -1;
    QFile pidFile(QDir(dataDir).filePath(QStringLiteral("postmaster.pid")));
    if (!pidFile.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray pid = pidFile.readLine().trimmed();
    QFile stat(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    // Fields after the command's closing parenthesis: state is field 3; utime, stime, cutime and
    // cstime are fields 14 to 17, in clock ticks.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 15)
        return -1;
    double ticks = 0;
    for (int field = 14; field <= 17; ++field)
        ticks += fields.at(field - 3).toDouble();
    return ticks * 1000.0 / double(::sysconf(_SC_CLK_TCK));
}

} // namespace Lantir::Bench
