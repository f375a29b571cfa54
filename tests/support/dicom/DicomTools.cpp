#include "DicomTools.h"

#include "TestEnvironment.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

namespace Lantir::Test {

QString DicomTools::path(const QString& name)
{
    return QStandardPaths::findExecutable(name);
}

QString DicomTools::missing()
{
    QStringList absent;
    for (const QString& tool : { QStringLiteral("echoscu"), QStringLiteral("findscu") }) {
        if (path(tool).isEmpty())
            absent << tool;
    }
    if (absent.isEmpty())
        return {};
    return absent.join(QStringLiteral(", "))
        + QStringLiteral(" not installed (Debian/Ubuntu: apt-get install dcmtk; scripts/setup-deps.sh does)");
}

DicomTools::Run DicomTools::run(const QString& tool, const QStringList& arguments)
{
    Run result;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(path(tool), arguments);
    if (!process.waitForFinished(int(TestEnvironment::scaledMs(30000)))) {
        process.kill();
        process.waitForFinished();
        result.output = QStringLiteral("%1 did not finish").arg(tool);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromLocal8Bit(process.readAll());
    return result;
}

DicomTools::Run DicomTools::echo(quint16 port, const QString& callingAet, const QString& calledAet)
{
    return run(QStringLiteral("echoscu"),
               { QStringLiteral("-aet"), callingAet, QStringLiteral("-aec"), calledAet,
                 QStringLiteral("127.0.0.1"), QString::number(port) });
}

std::vector<std::unique_ptr<DcmDataset>> DicomTools::find(quint16 port, const QStringList& keys,
                                                          const QString& folder, Run* run,
                                                          const QString& callingAet, const QString& calledAet)
{
    QDir dir(folder);
    dir.mkpath(QStringLiteral("."));
    for (const QString& old : dir.entryList({ QStringLiteral("rsp*.dcm") }))
        dir.remove(old);
    QStringList arguments { QStringLiteral("-v"),
                            QStringLiteral("-W"),
                            QStringLiteral("-aet"),
                            callingAet,
                            QStringLiteral("-aec"),
                            calledAet,
                            QStringLiteral("-X"),
                            QStringLiteral("-od"),
                            folder,
                            QStringLiteral("127.0.0.1"),
                            QString::number(port) };
    for (const QString& key : keys)
        arguments << QStringLiteral("-k") << key;
    const Run done = DicomTools::run(QStringLiteral("findscu"), arguments);
    if (run)
        *run = done;
    std::vector<std::unique_ptr<DcmDataset>> answers;
    for (const QString& file : dir.entryList({ QStringLiteral("rsp*.dcm") }, QDir::Files, QDir::Name)) {
        DcmFileFormat format;
        if (format.loadFile(dir.filePath(file).toLocal8Bit().constData()).good())
            answers.emplace_back(format.getAndRemoveDataset());
    }
    return answers;
}

QString DicomTools::value(DcmItem& item, const DcmTagKey& tag)
{
    OFString text;
    item.findAndGetOFStringArray(tag, text);
    return QString::fromUtf8(text.c_str());
}

QString DicomTools::stepValue(DcmItem& item, const DcmTagKey& tag)
{
    DcmItem* step = nullptr;
    if (item.findAndGetSequenceItem(DCM_ScheduledProcedureStepSequence, step, 0).bad() || !step)
        return QStringLiteral("<no step>");
    return value(*step, tag);
}

} // namespace Lantir::Test
