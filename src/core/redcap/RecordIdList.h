#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Lantir {

// The record ids a cycle will export, stored compactly in one buffer, each id as a varint header
// whose two low bits say how the rest reads:
//  - a number: REDCap's auto-numbered ids ("1", "2", ... in decimal, no leading zero), stored as
//    the difference from the number before it, so consecutive ids take one byte each;
//  - a suffix: the id shares its first bytes with the id before it ("site-0041" after
//    "site-0040"), stored as that length and the remaining UTF-8 bytes;
//  - raw: the id's UTF-8 bytes.
// Every 64th id starts afresh (raw or a number from zero), and its offset is kept: random access
// decodes at most 64 ids, and reading in order, batch by batch, decodes each once. A 100,000-record
// project's list takes 109 KB with auto-numbered ids (a QStringList takes about 6 MB).
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

    // Where the decoder stands: the offset of the next id, the id read last and the last number.
    struct Cursor
    {
        qsizetype offset = 0;
        QByteArray id;
        qint64 number = 0;
    };

    // A cursor whose next id is the `index`th.
    Cursor cursorAt(qsizetype index) const;
    // Reads the id at c.offset into c.id and moves past it.
    void readNext(Cursor& c) const;
    quint64 readVarint(qsizetype& offset) const;
    void appendVarint(quint64 value);
    void appendNumber(qint64 number);
    void appendText(const QByteArray& utf8Id, bool blockStart);

    QByteArray m_data;
    QList<quint32> m_blocks; // offset in m_data of ids 0, 64, 128, ...
    qsizetype m_count = 0;
    QByteArray m_last; // the id appended last: the duplicate check and the suffix's base
    qint64 m_lastNumber = 0; // the number appended last in the current block
};

} // namespace Lantir
