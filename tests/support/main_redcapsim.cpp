// lantir-redcap-sim: the REDCap simulator as a program, for the README's run command,
// manual testing and benchmarks. Serves until SIGINT or SIGTERM.

#include "QuitOnSignal.h"
#include "RedcapSimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextStream>
#include <QTimeZone>

#include <optional>

using Lantir::Test::RedcapSimulator;
using Lantir::Test::SimulatorProject;

namespace {

int fail(const QString& message)
{
    QTextStream(stderr) << "lantir-redcap-sim: " << message << '\n';
    return 2;
}

std::optional<int> intOption(const QCommandLineParser& parser, const QString& name, int min, int max)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lantir-redcap-sim"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A REDCap API simulator on 127.0.0.1 with a seeded synthetic project: N records, each "
                       "with a baseline row and K repeating `mri` rows. Stops on Ctrl-C or SIGTERM."));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("port"), QStringLiteral("TCP port on 127.0.0.1 (0: any free port)."),
          QStringLiteral("N"), QStringLiteral("0") },
        { QStringLiteral("records"), QStringLiteral("Number of records."), QStringLiteral("N"),
          QStringLiteral("100") },
        { QStringLiteral("scans"), QStringLiteral("Repeating mri rows per record."), QStringLiteral("K"),
          QStringLiteral("2") },
        { QStringLiteral("seed"), QStringLiteral("Seed of the synthetic values."), QStringLiteral("N"),
          QStringLiteral("1") },
        { QStringLiteral("token"),
          QStringLiteral(
              "API token to accept (32 hexadecimal characters); default: the built-in test token."),
          QStringLiteral("T") },
        { QStringLiteral("longitudinal"),
          QStringLiteral("Add redcap_event_name (baseline_arm_1) to every row.") },
        { QStringLiteral("churn"),
          QStringLiteral(
              "After every record export served, give N random records a new mri_time (soak tests)."),
          QStringLiteral("N"), QStringLiteral("0") },
        { QStringLiteral("cycle-churn"),
          QStringLiteral(
              "When each sync cycle starts (its record-id export; not the first one), make N changes: "
              "new records and visits, edits, unscheduled and deleted visits and records (soak tests)."),
          QStringLiteral("N"), QStringLiteral("0") },
        { QStringLiteral("churn-seed"), QStringLiteral("Seed of the --cycle-churn changes."),
          QStringLiteral("N"), QStringLiteral("1") },
        { QStringLiteral("time-zone"),
          QStringLiteral("IANA time zone of the simulated server, for dateRangeBegin/End (default: local)."),
          QStringLiteral("ZONE") },
        { QStringLiteral("ready-file"), QStringLiteral("Write the API URL to this file once listening."),
          QStringLiteral("PATH") },
        { QStringLiteral("verbose"),
          QStringLiteral("Print one line per request (content, status, bytes, time).") },
        { QStringLiteral("print-default-token"),
          QStringLiteral("Print the built-in test token (for demo and test configs) and exit.") },
    });
    parser.process(app);
    if (parser.isSet(QStringLiteral("print-default-token"))) {
        QTextStream(stdout) << RedcapSimulator::defaultToken() << '\n';
        return 0;
    }

    const auto port = intOption(parser, QStringLiteral("port"), 0, 65535);
    if (!port)
        return fail(QStringLiteral("--port must be a number from 0 to 65535"));
    const auto records = intOption(parser, QStringLiteral("records"), 0, 10'000'000);
    if (!records)
        return fail(QStringLiteral("--records must be a number from 0 to 10000000"));
    const auto scans = intOption(parser, QStringLiteral("scans"), 0, 1000);
    if (!scans)
        return fail(QStringLiteral("--scans must be a number from 0 to 1000"));
    const auto churn = intOption(parser, QStringLiteral("churn"), 0, 10'000'000);
    if (!churn)
        return fail(QStringLiteral("--churn must be a number from 0 to 10000000"));
    const auto cycleChurn = intOption(parser, QStringLiteral("cycle-churn"), 0, 1'000'000);
    if (!cycleChurn)
        return fail(QStringLiteral("--cycle-churn must be a number from 0 to 1000000"));
    bool seedOk = false;
    const quint32 seed = parser.value(QStringLiteral("seed")).toUInt(&seedOk);
    if (!seedOk)
        return fail(QStringLiteral("--seed must be a number from 0 to 4294967295"));
    const quint32 churnSeed = parser.value(QStringLiteral("churn-seed")).toUInt(&seedOk);
    if (!seedOk)
        return fail(QStringLiteral("--churn-seed must be a number from 0 to 4294967295"));

    RedcapSimulator simulator;
    const bool customToken = parser.isSet(QStringLiteral("token"));
    if (customToken) {
        const QString token = parser.value(QStringLiteral("token")).trimmed();
        static const QRegularExpression hex32(QStringLiteral("^[0-9A-Fa-f]{32}$"));
        if (!hex32.match(token).hasMatch())
            return fail(QStringLiteral("--token must be 32 hexadecimal characters, like a REDCap API token"));
        simulator.setToken(token);
    }
    if (parser.isSet(QStringLiteral("time-zone"))) {
        const QTimeZone zone(parser.value(QStringLiteral("time-zone")).toUtf8());
        if (!zone.isValid())
            return fail(
                QStringLiteral("--time-zone: unknown time zone '%1' (use an IANA name like Europe/Berlin)")
                    .arg(parser.value(QStringLiteral("time-zone"))));
        simulator.setServerTimeZone(zone);
    }

    SimulatorProject project;
    project.records = *records;
    project.scansPerRecord = *scans;
    project.seed = seed;
    project.longitudinal = parser.isSet(QStringLiteral("longitudinal"));
    QElapsedTimer timer;
    timer.start();
    simulator.generate(project);
    const qint64 generateMs = timer.elapsed();
    simulator.setChurn(*churn);
    simulator.setCycleChurn(*cycleChurn, churnSeed);
    simulator.setRequestLogLimit(0); // a long soak would otherwise keep every request body

    if (parser.isSet(QStringLiteral("verbose"))) {
        QObject::connect(&simulator, &RedcapSimulator::requestServed, &app,
                         [](const QString& content, int status, qint64 bytes, qint64 elapsedUs) {
                             QTextStream(stderr)
                                 << "content=" << (content.isEmpty() ? QStringLiteral("-") : content)
                                 << " status=" << status << " bytes=" << bytes
                                 << " ms=" << QString::number(elapsedUs / 1000.0, 'f', 1) << '\n';
                         });
    }

    if (!Lantir::Test::quitOnSignal(app))
        return fail(QStringLiteral("could not install the SIGINT/SIGTERM handlers"));

    if (!simulator.listen(static_cast<quint16>(*port)))
        return fail(
            QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(*port).arg(simulator.errorString()));

    const QString url = simulator.apiUrl().toString();
    if (parser.isSet(QStringLiteral("ready-file"))) {
        QSaveFile file(parser.value(QStringLiteral("ready-file")));
        if (!file.open(QIODevice::WriteOnly) || file.write(url.toUtf8() + '\n') < 0 || !file.commit())
            return fail(QStringLiteral("cannot write the ready file %1: %2")
                            .arg(file.fileName(), file.errorString()));
    }
    QTextStream out(stdout);
    out << "REDCap simulator listening on " << url << " (" << *records << " records, "
        << (customToken ? QStringLiteral("token from --token") : QStringLiteral("default test token"))
        << ")\n";
    out << "Generated " << *records << " records x (1 + " << *scans << ") rows in " << generateMs
        << " ms; stop with Ctrl-C\n";
    out.flush();

    const int rc = QCoreApplication::exec();
    simulator.close();
    QTextStream(stdout) << "REDCap simulator stopped after " << simulator.requestCount() << " requests\n";
    if (*cycleChurn > 0)
        QTextStream(stdout) << "Churn: " << simulator.cycleChurnStats().summary() << '\n';
    return rc;
}
