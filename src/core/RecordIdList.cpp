#include "RecordIdList.h"

#include <QStringDecoder>

namespace Lantir {

RecordIdList::RecordIdList(std::initializer_list<QString> ids)
{
    for (const QString& id : ids)
        append(id);
}

void RecordIdList::append(const QByteArray& utf8Id)
{
    if (!m_offsets.isEmpty() && idBytes(m_offsets.size() - 1) == utf8Id)
        return;
    m_offsets.append(static_cast<quint32>(m_data.size()));
    m_data.append(utf8Id);
}

QByteArray RecordIdList::idBytes(qsizetype index) const
{
    const qsizetype begin = m_offsets.at(index);
    const qsizetype end = index + 1 < m_offsets.size() ? qsizetype(m_offsets.at(index + 1)) : m_data.size();
    return QByteArray::fromRawData(m_data.constData() + begin, end - begin);
}

QString RecordIdList::at(qsizetype index) const
{
    // Not QString::fromUtf8(), which drops a leading U+FEFF: every id comes back as it was added.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(idBytes(index));
}

QStringList RecordIdList::mid(qsizetype first, qsizetype count) const
{
    QStringList ids;
    const qsizetype end = qMin(size(), first + qMax<qsizetype>(0, count));
    if (first < 0 || first >= end)
        return ids;
    ids.reserve(end - first);
    for (qsizetype i = first; i < end; ++i)
        ids.append(at(i));
    return ids;
}

qsizetype RecordIdList::memoryBytes() const
{
    return m_data.capacity() + m_offsets.capacity() * qsizetype(sizeof(quint32));
}

void RecordIdList::clear()
{
    m_data = QByteArray();
    m_offsets = QList<quint32>();
}

} // namespace Lantir
