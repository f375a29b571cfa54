#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Lantir {

// The record ids a cycle will export, stored compactly: one UTF-8 buffer and one offset per id
// (about 8 bytes a record instead of about 60 for a QStringList), so even a full export of a
// large project keeps its id list small next to the batch being processed.
class RecordIdList
{
public:
    RecordIdList() = default;
    RecordIdList(std::initializer_list<QString> ids);

    // Adds `id` unless it equals the last one added (REDCap lists a record's rows together).
    void append(const QByteArray& utf8Id);
    void append(const QString& id) { append(id.toUtf8()); }

    qsizetype size() const { return m_offsets.size(); }
    bool isEmpty() const { return m_offsets.isEmpty(); }
    QString at(qsizetype index) const;
    // Ids first .. first+count-1 (clamped to the list).
    QStringList mid(qsizetype first, qsizetype count) const;
    QStringList toStringList() const { return mid(0, size()); }
    qsizetype memoryBytes() const;
    void clear();

private:
    QByteArray idBytes(qsizetype index) const;

    QByteArray m_data;
    QList<quint32> m_offsets; // start of each id in m_data; each id ends where the next begins
};

} // namespace Lantir
