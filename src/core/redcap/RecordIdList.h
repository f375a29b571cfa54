#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Lantir {

// The record ids a cycle will export, stored compactly: one buffer holding each id's length (a
// base-128 varint, one byte for ids under 128 bytes) followed by its UTF-8 bytes, and the offset
// of every 64th id. About 6 bytes a record for ids like "12345" (a QStringList takes about 60),
// so even a full export of a 100,000-record project keeps its id list near half a megabyte.
// Ids are read in order, batch by batch; random access walks at most 63 ids.
class RecordIdList
{
public:
    RecordIdList() = default;
    RecordIdList(std::initializer_list<QString> ids);

    // Adds `id` unless it equals the last one added (REDCap lists a record's rows together).
    void append(const QByteArray& utf8Id);
    void append(const QString& id) { append(id.toUtf8()); }

    qsizetype size() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    QString at(qsizetype index) const;
    // Ids first .. first+count-1 (clamped to the list).
    QStringList mid(qsizetype first, qsizetype count) const;
    QStringList toStringList() const { return mid(0, size()); }
    qsizetype memoryBytes() const;
    // Gives back the growth room once the list is complete.
    void squeeze();
    void clear();

private:
    static constexpr qsizetype BlockSize = 64;

    qsizetype offsetOf(qsizetype index) const;
    // The id whose length prefix starts at `offset`; `next` gets the offset of the one after it.
    QByteArray idAt(qsizetype offset, qsizetype* next) const;

    QByteArray m_data;
    QList<quint32> m_blocks; // offset in m_data of ids 0, 64, 128, ...
    qsizetype m_count = 0;
    qsizetype m_lastOffset = -1; // of the id appended last, for the duplicate check
};

} // namespace Lantir
