// libFuzzer target: RecordIdScanner, the streaming reader of the `fields=record_id` export, against
// the full parser it stands in for. The first byte picks how the answer is cut into chunks.
//   - The result (ids or message) is the same however the answer arrives, and after reset().
//   - An answer the full parser (RedcapResponse::parseRecords + recordIds) accepts, the scanner
//     accepts too, with the same record ids in the same order (the scanner drops only repeats that
//     follow each other; the full parser all repeats): no record is left out of a cycle or named
//     differently in the id export and the batch export.
#include "redcap/RecordIdScanner.h"
#include "redcap/RedcapResponse.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Lantir;

namespace {
const QString Field = QStringLiteral("record_id");

bool same(const Result<RecordIdList>& a, const Result<RecordIdList>& b)
{
    if (a.ok() != b.ok())
        return false;
    if (!a.ok())
        return a.error().message == b.error().message;
    return a.value().toStringList() == b.value().toStringList();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype chunk = 1 + data[0] % 32;
    const QByteArray body(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));

    RecordIdScanner whole(Field);
    whole.feed(body);
    const Result<RecordIdList> scanned = whole.finish();

    RecordIdScanner pieces(Field);
    for (qsizetype at = 0; at < body.size(); at += chunk)
        pieces.feed(body.constData() + at, qMin(chunk, body.size() - at));
    if (!same(scanned, pieces.finish()))
        std::abort();

    whole.reset();
    whole.feed(body);
    if (!same(scanned, whole.finish()))
        std::abort();

    // Random access and batches read what reading in order reads (numbers, shared prefixes and
    // blocks of the compact list).
    if (scanned) {
        const RecordIdList& list = scanned.value();
        const QStringList inOrder = list.toStringList();
        for (qsizetype i = 0; i < inOrder.size(); i += 1 + i % 7) {
            if (list.at(i) != inOrder.at(i) || list.mid(i, chunk) != inOrder.mid(i, chunk))
                std::abort();
        }
    }

    const Result<QJsonArray> rows = RedcapResponse::parseRecords(body);
    if (!rows)
        return 0;
    const Result<QStringList> ids = RedcapResponse::recordIds(rows.value(), Field);
    if (!ids)
        return 0;
    if (!scanned)
        std::abort();
    QStringList distinct;
    QSet<QString> seen;
    for (const QString& id : scanned.value().toStringList()) {
        if (!seen.contains(id)) {
            seen.insert(id);
            distinct.append(id);
        }
    }
    if (distinct != ids.value())
        std::abort();
    return 0;
}
