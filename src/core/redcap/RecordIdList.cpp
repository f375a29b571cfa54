#include "redcap/RecordIdList.h"

#include <QStringDecoder>

#include <cstring>

namespace Lantir {

namespace {
enum Kind : quint64
{
    Raw = 0,
    Number = 1,
    Suffix = 2,
};
constexpr int KindBits = 2;
constexpr quint64 KindMask = 3;
constexpr qsizetype MaxNumberDigits = 18; // below 10^18: differences fit a qint64
constexpr qsizetype MinSharedPrefix = 2; // a shorter one saves nothing

// Not QString::fromUtf8(), which drops a leading U+FEFF: every id comes back as it was added.
// ASCII, the usual case, skips the decoder.
QString decodeId(const QByteArray& utf8)
{
    for (const char c : utf8) {
        if (static_cast<uchar>(c) >= 0x80) {
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
            return decoder.decode(utf8);
        }
    }
    return QString::fromLatin1(utf8);
}

// The value of an id that is a number written the one way QByteArray::number() writes it, so that
// it reads back byte for byte; false for anything else ("007", "+1", "1.0", "").
bool canonicalNumber(const QByteArray& id, qint64* value)
{
    if (id.isEmpty() || id.size() > MaxNumberDigits || (id.size() > 1 && id.front() == '0'))
        return false;
    qint64 n = 0;
    for (const char c : id) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + (c - '0');
    }
    *value = n;
    return true;
}

// `value` (0 to 10^18 - 1) in decimal into `out`, reusing its buffer (QByteArray::setNum goes
// through the locale-aware formatter).
void writeDecimal(qint64 value, QByteArray& out)
{
    char digits[MaxNumberDigits];
    qsizetype first = MaxNumberDigits;
    auto rest = static_cast<quint64>(value);
    do {
        digits[--first] = static_cast<char>('0' + rest % 10);
        rest /= 10;
    } while (rest && first > 0);
    out.resize(MaxNumberDigits - first);
    std::memcpy(out.data(), digits + first, static_cast<std::size_t>(MaxNumberDigits - first));
}

quint64 zigzag(qint64 value)
{
    return (static_cast<quint64>(value) << 1) ^ static_cast<quint64>(value >> 63);
}

qint64 unzigzag(quint64 value)
{
    return static_cast<qint64>(value >> 1) ^ -static_cast<qint64>(value & 1);
}

qsizetype sharedPrefix(const QByteArray& a, const QByteArray& b)
{
    const qsizetype end = qMin(a.size(), b.size());
    qsizetype i = 0;
    while (i < end && a.at(i) == b.at(i))
        ++i;
    return i;
}
} // namespace

RecordIdList::RecordIdList(std::initializer_list<QString> ids)
{
    for (const QString& id : ids)
        append(id);
}

void RecordIdList::append(const QByteArray& utf8Id)
{
    if (m_count > 0 && utf8Id == m_last)
        return;
    const bool blockStart = m_count % BlockSize == 0;
    if (blockStart) {
        m_blocks.append(static_cast<quint32>(m_data.size()));
        m_lastNumber = 0;
    }
    qint64 number = 0;
    if (canonicalNumber(utf8Id, &number))
        appendNumber(number);
    else
        appendText(utf8Id, blockStart);
    // A copy in m_last's own buffer: sharing utf8Id's would make the caller's next id, written
    // into the same array, allocate anew.
    m_last.resize(utf8Id.size());
    std::memcpy(m_last.data(), utf8Id.constData(), static_cast<std::size_t>(utf8Id.size()));
    ++m_count;
}

void RecordIdList::appendNumber(qint64 number)
{
    appendVarint((zigzag(number - m_lastNumber) << KindBits) | Number);
    m_lastNumber = number;
}

void RecordIdList::appendText(const QByteArray& utf8Id, bool blockStart)
{
    const qsizetype shared = blockStart ? 0 : sharedPrefix(m_last, utf8Id);
    if (shared < MinSharedPrefix) {
        appendVarint((static_cast<quint64>(utf8Id.size()) << KindBits) | Raw);
        m_data.append(utf8Id);
        return;
    }
    appendVarint((static_cast<quint64>(shared) << KindBits) | Suffix);
    appendVarint(static_cast<quint64>(utf8Id.size() - shared));
    m_data.append(utf8Id.constData() + shared, utf8Id.size() - shared);
}

void RecordIdList::appendVarint(quint64 value)
{
    do {
        const auto low = static_cast<char>(value & 0x7f);
        value >>= 7;
        m_data.append(value ? static_cast<char>(low | 0x80) : low);
    } while (value);
}

quint64 RecordIdList::readVarint(qsizetype& offset) const
{
    const auto* bytes = reinterpret_cast<const uchar*>(m_data.constData());
    quint64 value = 0;
    int shift = 0;
    uchar byte = 0;
    do {
        byte = bytes[offset++];
        value |= static_cast<quint64>(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    return value;
}

void RecordIdList::readNext(Cursor& c) const
{
    const quint64 header = readVarint(c.offset);
    const quint64 rest = header >> KindBits;
    qsizetype length = 0;
    switch (header & KindMask) {
    case Number:
        c.number += unzigzag(rest);
        writeDecimal(c.number, c.id);
        return;
    case Suffix:
        length = static_cast<qsizetype>(readVarint(c.offset));
        c.id.truncate(static_cast<qsizetype>(rest));
        break;
    default:
        length = static_cast<qsizetype>(rest);
        c.id.truncate(0);
    }
    c.id.append(m_data.constData() + c.offset, length);
    c.offset += length;
}

RecordIdList::Cursor RecordIdList::cursorAt(qsizetype index) const
{
    Cursor c;
    c.offset = m_blocks.at(index / BlockSize);
    for (qsizetype skip = index % BlockSize; skip > 0; --skip)
        readNext(c);
    return c;
}

QString RecordIdList::at(qsizetype index) const
{
    Cursor c = cursorAt(index);
    readNext(c);
    return decodeId(c.id);
}

QStringList RecordIdList::mid(qsizetype first, qsizetype count) const
{
    QStringList ids;
    const qsizetype end = qMin(size(), first + qMax<qsizetype>(0, count));
    if (first < 0 || first >= end)
        return ids;
    ids.reserve(end - first);
    Cursor c = cursorAt(first);
    for (qsizetype i = first; i < end; ++i) {
        if (i % BlockSize == 0)
            c.number = 0; // a block's numbers count from zero
        readNext(c);
        ids.append(decodeId(c.id));
    }
    return ids;
}

qsizetype RecordIdList::memoryBytes() const
{
    return m_data.capacity() + m_blocks.capacity() * qsizetype(sizeof(quint32)) + m_last.capacity();
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
    m_last = QByteArray();
    m_lastNumber = 0;
}

} // namespace Lantir
