#pragma once

#include <QByteArray>
#include <QSet>
#include <QString>

namespace Lantir::Merge {

class MergePass;

// Reads an Export Records answer, parsed by simdjson, into `pass` without a QJsonValue per field:
// keys are looked up by their UTF-8 bytes and only the kept values become QStrings. True when the
// answer is a well-formed flat export whose rows are all of `batch` records; on anything else
// (not JSON, not a list of flat rows, a row without its record id or of another record, a key given
// twice) false, and the pass is to be thrown away: the QJsonDocument path words the error.
bool readWellFormedExport(const QByteArray& body, const QSet<QString>& batch, MergePass& pass,
                          qsizetype& rows);

} // namespace Lantir::Merge
