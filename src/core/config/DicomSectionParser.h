#pragma once

#include "base/Result.h"
#include "config/DicomConfig.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Lantir {

// The `dicom` section of lantir.json (docs/CONFIGURATION.md), or, from pylantir's mwl_config.json,
// its `allowed_aet` list (pylantir's only server setting in that file) with every other setting at
// its default and the server off.
class DicomSectionParser
{
public:
    // `root` is the whole configuration object; unknown keys of the section are added to
    // `warnings`; a wrong value is a Config error "<origin>: dicom.<key> <reason>".
    static Result<DicomConfig> parse(const QJsonObject& root, bool pylantirFormat, const QString& origin,
                                     QStringList* warnings);
    static QJsonObject toJson(const DicomConfig& config);
    // An AE title as DICOM allows it: 1 to 16 characters of the default repertoire, no backslash,
    // not only spaces. Empty when valid, else the reason.
    static QString aeTitleProblem(const QString& title);
};

} // namespace Lantir
