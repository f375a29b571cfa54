#include "redcap/RecordIdList.h"

#include <QStringDecoder>

namespace Lantir {

namespace {
// Not QString::fromUtf8(), which drops a leading U+FEFF: every id comes back as it was added.
QString decodeId(const QByteArray& utf8)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(utf8);
}
} // namespace

RecordIdList::RecordIdList(std::initializer_list<QString> ids)
{
    for (const QString& id : ids)
        append(id);
}

void RecordIdList::append(const QByteArray& utf8Id)
{
    if (m_lastOffset >= 0) {
        qsizetype next = 0;
        if (idAt(m_lastOffset, &next) == utf8Id)
            return;
    }
    if (m_count % BlockSize == 0)
        m_blocks.append(static_cast<quint32>(m_data.size()));
    m_lastOffset = m_data.size();
    quint64 length = static_cast<quint64>(utf8Id.size());
    do {
        const auto low = static_cast<char>(length & 0x7f);
        length >>= 7;
        m_data.append(length ? static_cast<char>(low | 0x80) : low);
    } while (length);
    m_data.append(utf8Id);
    ++m_count;
}

QByteArray RecordIdList::idAt(qsizetype offset, qsizetype* next) const
{
    const auto* bytes = reinterpret_cast<const uchar*>(m_data.constData());
    qsizetype length = 0;
    int shift = 0;
    uchar byte = 0;
    do {
        byte = bytes[offset++];
        length |= static_cast<qsizetype>(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    *next = offset + length;
    return QByteArray::fromRawData(m_data.constData() + offset, length);
}

qsizetype RecordIdList::offsetOf(qsizetype index) const
{
    qsizetype offset = m_blocks.at(index / BlockSize);
    for (qsizetype skip = index % BlockSize; skip > 0; --skip)
        idAt(offset, &offset);
    return offset;
}

QString RecordIdList::at(qsizetype index) const
{
    qsizetype next = 0;
    return decodeId(idAt(offsetOf(index), &next));
}

QStringList RecordIdList::mid(qsizetype first, qsizetype count) const
{
    QStringList ids;
    const qsizetype end = qMin(size(), first + qMax<qsizetype>(0, count));
    if (first < 0 || first >= end)
        return ids;
    ids.reserve(end - first);
    qsizetype offset = offsetOf(first);
    for (qsizetype i = first; i < end; ++i)
        ids.append(decodeId(idAt(offset, &offset)));
    return ids;
}

qsizetype RecordIdList::memoryBytes() const
{
    return m_data.capacity() + m_blocks.capacity() * qsizetype(sizeof(quint32));
}

void RecordIdList::squeeze()
{
    m_data.squeeze();
    m_blocks.squeeze();
}

void RecordIdList::clear()
{
    m_data = QByteArray();
    m_blocks = QList<quint32>();
    m_count = 0;
    m_lastOffset = -1;
}

} // namespace Lantir
