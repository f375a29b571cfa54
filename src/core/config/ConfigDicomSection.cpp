#include "config/ConfigSections.h"
#include "config/DicomSectionParser.h"

namespace Lantir::ConfigParsing {

bool readDicomSection(Reader& r, const QJsonObject& dicom, const QString& me)
{
    QStringList warnings;
    const Result<DicomConfig> parsed
        = DicomSectionParser::parse(QJsonObject { { me, dicom } }, false, r.origin(), &warnings);
    for (const QString& warning : std::as_const(warnings))
        r.warn(warning);
    if (!parsed) {
        // "<origin>: dicom.<key> <reason>", told again through the reader.
        const QString text = parsed.error().message.mid(r.origin().size() + 2);
        const qsizetype space = text.indexOf(QLatin1Char(' '));
        return r.fail(text.left(space), text.mid(space + 1));
    }
    r.config().dicom = parsed.value();
    return true;
}

QJsonObject writeDicomSection(const SyncConfig& c)
{
    return DicomSectionParser::toJson(c.dicom);
}

} // namespace Lantir::ConfigParsing
