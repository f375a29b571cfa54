#pragma once

#include <QString>
#include <QUuid>

namespace Lantir {

// Study Instance UIDs under the UUID-derived root `2.25` (DICOM PS3.5 §B.2): "2.25." followed by
// the 128-bit UUID as an unsigned decimal integer without leading zeros. At most 44 characters,
// well within the 64 a DICOM UI value may hold, and unique without any registered org root.
class StudyUid
{
public:
    // A UID made from a fresh random (version 4) UUID.
    static QString generate();
    // The UID for a given UUID, e.g. f81d4fae-7dec-11d0-a765-00a0c91e6bf6 ->
    // 2.25.329800735698586629295641978511506172918.
    static QString fromUuid(const QUuid& uuid);
    // The UUID's 128 bits as a decimal integer ("0" for the null UUID).
    static QString uuidToDecimal(const QUuid& uuid);
};

} // namespace Lantir
