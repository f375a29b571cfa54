#include "worklist/StudyUid.h"

#include <array>
#include <cstdint>

namespace Lantir {

QString StudyUid::generate()
{
    return fromUuid(QUuid::createUuid());
}

namespace {
constexpr char Root[] = "2.25.";
constexpr qsizetype RootLength = qsizetype(sizeof(Root)) - 1;

// The UUID's 128 bits as decimal digits, most significant first, into `digits` (room for 39);
// returns how many.
qsizetype writeDecimal(const QUuid& uuid, char16_t* digits)
{
    // The 16 bytes in network order (most significant first) as four 32-bit limbs.
    std::array<std::uint32_t, 4> limbs { uuid.data1, (std::uint32_t(uuid.data2) << 16) | uuid.data3, 0, 0 };
    for (std::size_t i = 0; i < 8; ++i) {
        std::uint32_t& limb = limbs[2 + i / 4];
        limb = (limb << 8) | uuid.data4[i];
    }

    // Long division by 10^9: each pass yields the next nine least significant digits. 2^128 has
    // 39 digits, so at most five passes.
    constexpr std::uint64_t Chunk = 1000000000u;
    std::array<std::uint32_t, 5> chunks {};
    std::size_t chunkCount = 0;
    bool nonZero = true;
    while (nonZero) {
        std::uint64_t remainder = 0;
        nonZero = false;
        for (auto& limb : limbs) {
            const std::uint64_t current = (remainder << 32) | limb;
            limb = static_cast<std::uint32_t>(current / Chunk);
            remainder = current % Chunk;
            nonZero = nonZero || limb != 0;
        }
        chunks[chunkCount++] = static_cast<std::uint32_t>(remainder);
    }

    // The most significant chunk without padding, the others as exactly nine digits.
    std::array<char16_t, 10> top {};
    qsizetype topLength = 0;
    for (std::uint32_t value = chunks[chunkCount - 1]; topLength == 0 || value != 0; value /= 10)
        top[std::size_t(topLength++)] = char16_t(u'0' + value % 10);
    qsizetype length = 0;
    while (topLength > 0)
        digits[length++] = top[std::size_t(--topLength)];
    for (std::size_t i = chunkCount - 1; i-- > 0;) {
        std::uint32_t value = chunks[i];
        for (qsizetype d = 8; d >= 0; --d) {
            digits[length + d] = char16_t(u'0' + value % 10);
            value /= 10;
        }
        length += 9;
    }
    return length;
}
} // namespace

// Written by hand into one string, since a first sync makes tens of thousands of these.
QString StudyUid::fromUuid(const QUuid& uuid)
{
    std::array<char16_t, RootLength + 39> text {};
    for (qsizetype i = 0; i < RootLength; ++i)
        text[std::size_t(i)] = char16_t(Root[i]);
    const qsizetype length = RootLength + writeDecimal(uuid, text.data() + RootLength);
    return QString(reinterpret_cast<const QChar*>(text.data()), length);
}

QString StudyUid::uuidToDecimal(const QUuid& uuid)
{
    std::array<char16_t, 39> digits {};
    const qsizetype length = writeDecimal(uuid, digits.data());
    return QString(reinterpret_cast<const QChar*>(digits.data()), length);
}

} // namespace Lantir
