#include "BenchOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Lantir::Bench {

namespace {
bool parseList(const QString& text, QList<int>* out)
{
    QList<int> values;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int v = part.trimmed().toInt(&ok);
        if (!ok || v < 1)
            return false;
        values.append(v);
    }
    if (values.isEmpty())
        return false;
    *out = values;
    return true;
}

bool parseCount(const QString& text, int minimum, int* out)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < minimum)
        return false;
    *out = v;
    return true;
}
} // namespace

bool BenchOptions::parse(const QStringList& arguments, QString* error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Measures lantir-sync against the REDCap simulator on 127.0.0.1: memory growth over "
                       "cycles, peak above idle,\n"
                       "idle RSS, and cycle times by phase, for a matrix of project and batch sizes."));
    parser.addHelpOption();
    const QCommandLineOption sizes(QStringLiteral("sizes"),
                                   QStringLiteral("Project sizes in records (default 10000,20000,100000)."),
                                   QStringLiteral("LIST"));
    const QCommandLineOption batches(QStringLiteral("batches"), QStringLiteral("Batch sizes (default 500)."),
                                     QStringLiteral("LIST"));
    const QCommandLineOption cyclesOpt(QStringLiteral("cycles"),
                                       QStringLiteral("Full-export cycles per cell (default 30)."),
                                       QStringLiteral("N"));
    const QCommandLineOption soak(
        QStringLiteral("soak"), QStringLiteral("Also run one soak of N cycles (20,000 records, batch 500)."),
        QStringLiteral("N"));
    const QCommandLineOption soakRecordsOpt(QStringLiteral("soak-records"),
                                            QStringLiteral("Records in the soak project (default 20000)."),
                                            QStringLiteral("N"));
    const QCommandLineOption sourcesOpt(
        QStringLiteral("sources"),
        QStringLiteral("Run every cell and the soak a second time with N REDCap projects (one simulator "
                       "each, N x the records) in one lantir.json, beside the one-project run (default 1)."),
        QStringLiteral("N"));
    const QCommandLineOption postgresOpt(
        QStringLiteral("postgresql"),
        QStringLiteral(
            "Run every cell a second time with the worklist in a PostgreSQL server this program starts "
            "on 127.0.0.1 (initdb, pg_ctl), beside the SQLite run."));
    const QCommandLineOption churnSoak(
        QStringLiteral("churn-soak"),
        QStringLiteral("Run only the churn soak: N back-to-back cycles while records change, then the "
                       "database is compared with the simulator's truth."),
        QStringLiteral("N"));
    const QCommandLineOption churnRecords(
        QStringLiteral("records"), QStringLiteral("Records at the start of the churn soak (default 2000)."),
        QStringLiteral("N"));
    const QCommandLineOption churnChanges(
        QStringLiteral("churn"), QStringLiteral("Changes before each churn-soak cycle (default 20)."),
        QStringLiteral("N"));
    const QCommandLineOption churnSeed(
        QStringLiteral("seed"), QStringLiteral("Seed of the churn-soak project and changes (default 1)."),
        QStringLiteral("N"));
    const QCommandLineOption churnOverlap(QStringLiteral("overlap"),
                                          QStringLiteral("schedule.overlap_s of the churn soak (default 0)."),
                                          QStringLiteral("S"));
    const QCommandLineOption desktop(
        QStringLiteral("desktop"),
        QStringLiteral("Run only the desktop soak: the app offscreen for N back-to-back full cycles, its RSS "
                       "per cycle."),
        QStringLiteral("N"));
    const QCommandLineOption desktopRecordsOpt(
        QStringLiteral("desktop-records"),
        QStringLiteral("Records in the desktop soak's project (default 2000)."), QStringLiteral("N"));
    const QCommandLineOption app(QStringLiteral("lantir"), QStringLiteral("Path of the desktop app lantir."),
                                 QStringLiteral("PATH"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("Folder for reports and the plot (default bench-results)."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption sync(QStringLiteral("lantir-sync"), QStringLiteral("Path of lantir-sync."),
                                  QStringLiteral("PATH"));
    const QCommandLineOption sim(QStringLiteral("simulator"), QStringLiteral("Path of lantir-redcap-sim."),
                                 QStringLiteral("PATH"));
    parser.addOptions({ sizes, batches, cyclesOpt, soak, soakRecordsOpt, sourcesOpt, postgresOpt, churnSoak,
                        churnRecords, churnChanges, churnSeed, churnOverlap, desktop, desktopRecordsOpt, app,
                        out, sync, sim });
    parser.process(arguments);

    if (parser.isSet(sizes) && !parseList(parser.value(sizes), &projectSizes)) {
        *error = QStringLiteral("--sizes takes a comma-separated list of positive numbers");
        return false;
    }
    if (parser.isSet(batches) && !parseList(parser.value(batches), &batchSizes)) {
        *error = QStringLiteral("--batches takes a comma-separated list of positive numbers");
        return false;
    }
    if (parser.isSet(cyclesOpt) && !parseCount(parser.value(cyclesOpt), 2, &cycles)) {
        *error = QStringLiteral("--cycles takes a number of at least 2");
        return false;
    }
    if (parser.isSet(soak) && !parseCount(parser.value(soak), 11, &soakCycles)) {
        *error = QStringLiteral("--soak takes a number of at least 11");
        return false;
    }
    if (parser.isSet(soakRecordsOpt) && !parseCount(parser.value(soakRecordsOpt), 1, &soakRecords)) {
        *error = QStringLiteral("--soak-records takes a positive number");
        return false;
    }
    if (parser.isSet(sourcesOpt) && (!parseCount(parser.value(sourcesOpt), 1, &sources) || sources > 9)) {
        *error = QStringLiteral("--sources takes a number from 1 to 9");
        return false;
    }
    postgres = parser.isSet(postgresOpt);
    if (parser.isSet(churnSoak) && !parseCount(parser.value(churnSoak), 2, &churnSoakCycles)) {
        *error = QStringLiteral("--churn-soak takes a number of at least 2");
        return false;
    }
    if (parser.isSet(churnRecords) && !parseCount(parser.value(churnRecords), 1, &this->churnRecords)) {
        *error = QStringLiteral("--records takes a positive number");
        return false;
    }
    if (parser.isSet(churnChanges) && !parseCount(parser.value(churnChanges), 1, &this->churnChanges)) {
        *error = QStringLiteral("--churn takes a positive number");
        return false;
    }
    int seed = 1;
    if (parser.isSet(churnSeed)) {
        if (!parseCount(parser.value(churnSeed), 0, &seed)) {
            *error = QStringLiteral("--seed takes a number of 0 or more");
            return false;
        }
        this->churnSeed = static_cast<quint32>(seed);
    }
    if (parser.isSet(churnOverlap) && !parseCount(parser.value(churnOverlap), 0, &churnOverlapSeconds)) {
        *error = QStringLiteral("--overlap takes a number of seconds, 0 or more");
        return false;
    }
    if (parser.isSet(desktop) && !parseCount(parser.value(desktop), 20, &desktopCycles)) {
        *error = QStringLiteral("--desktop takes a number of at least 20");
        return false;
    }
    if (parser.isSet(desktopRecordsOpt) && !parseCount(parser.value(desktopRecordsOpt), 1, &desktopRecords)) {
        *error = QStringLiteral("--desktop-records takes a positive number");
        return false;
    }
    if (parser.isSet(out))
        outputDir = parser.value(out);

    // Default binaries: this program lives in <build>/bench/.
    const QDir build(QCoreApplication::applicationDirPath() + QStringLiteral("/.."));
    syncBinary
        = parser.isSet(sync) ? parser.value(sync) : build.filePath(QStringLiteral("src/cli/lantir-sync"));
    simulatorBinary = parser.isSet(sim) ? parser.value(sim)
                                        : build.filePath(QStringLiteral("tests/support/lantir-redcap-sim"));
    desktopBinary = parser.isSet(app) ? parser.value(app) : build.filePath(QStringLiteral("src/app/lantir"));
    QStringList needed { syncBinary, simulatorBinary };
    if (desktopCycles > 0)
        needed.append(desktopBinary);
    for (const QString& binary : std::as_const(needed)) {
        if (!QFileInfo(binary).isExecutable()) {
            *error = QStringLiteral("%1 is not an executable; build the project first or pass its path")
                         .arg(binary);
            return false;
        }
    }
    return true;
}

} // namespace Lantir::Bench
