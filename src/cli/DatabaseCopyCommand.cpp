#include "DatabaseCopyCommand.h"

#include "HeadlessRunner.h"
#include "config/DatabaseLocation.h"
#include "store/DatabaseCopier.h"

#include <QElapsedTimer>
#include <QTextStream>

namespace Lantir {

namespace {
// A long copy says how far it is, every few seconds, on stderr.
constexpr qint64 ProgressEveryMs = 5000;

int fail(const Error& error)
{
    QTextStream(stderr) << "lantir-sync: " << error.message << '\n';
    return error.kind == Error::Kind::Config ? HeadlessRunner::UsageError : HeadlessRunner::CycleFailed;
}

void printSummary(const DatabaseTarget& from, const DatabaseTarget& to, const CopySummary& summary)
{
    QTextStream out(stdout);
    out << "Copied " << from.describe() << " into " << to.describe() << " in "
        << QString::number(double(summary.elapsedMs) / 1000.0, 'f', 1) << " s:\n";
    for (const CopiedTableCount& table : summary.tables)
        out << "  " << table.table.leftJustified(20) << ' ' << QString::number(table.rows).rightJustified(10)
            << " rows\n";
    out << "  " << QStringLiteral("total").leftJustified(20) << ' '
        << QString::number(summary.totalRows()).rightJustified(10) << " rows\n";
}
} // namespace

int runDatabaseCopy(const QString& from, const QString& to)
{
    const Result<DatabaseTarget> source = DatabaseLocation::parse(from);
    if (!source)
        return fail(source.error());
    const Result<DatabaseTarget> target = DatabaseLocation::parse(to);
    if (!target)
        return fail(target.error());
    DatabaseCopier copier(source.value(), target.value());
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    copier.setProgress([&sinceProgress](const QString& table, qint64 rows) {
        if (sinceProgress.elapsed() < ProgressEveryMs)
            return;
        sinceProgress.restart();
        QTextStream(stderr) << "lantir-sync: copying " << table << ", " << rows << " rows so far\n";
    });
    const Result<CopySummary> copied = copier.run();
    if (!copied)
        return fail(copied.error());
    printSummary(source.value(), target.value(), copied.value());
    return HeadlessRunner::Success;
}

} // namespace Lantir
