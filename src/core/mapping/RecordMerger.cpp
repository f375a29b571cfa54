#include "mapping/RecordMerger.h"

#include "mapping/FastRecordReader.h"
#include "mapping/MergePass.h"

#include <QJsonValue>

namespace Lantir {

using Merge::MergePass;

RecordMerger::RecordMerger(const MappingConfig& mapping)
    : m_mapping(mapping)
    , m_requested(mapping.requestedFields())
{
}

Result<MergeResult> RecordMerger::merge(const QJsonArray& rows) const
{
    const qsizetype rowCount = rows.size();
    MergePass pass(m_mapping, m_requested, rowCount);
    for (qsizetype i = 0; i < rowCount; ++i) {
        if (Result<void> read = pass.readRow(i, rows.at(i)); !read)
            return read.error();
    }

    return pass.result(rowCount);
}

std::optional<MergeResult> RecordMerger::mergeWellFormed(const QByteArray& body,
                                                         const QStringList& batch) const
{
    const QSet<QString> asked(batch.cbegin(), batch.cend());
    MergePass pass(m_mapping, m_requested, batch.size() * 3);
    qsizetype rows = 0;
    if (!Merge::readWellFormedExport(body, asked, pass, rows))
        return std::nullopt;
    return pass.result(rows);
}

} // namespace Lantir
