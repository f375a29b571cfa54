#include "worklist/StudyUid.h"

#include <QByteArray>

#include <array>
#include <cstdint>

namespace Lantir {

QString StudyUid::generate()
{
    return fromUuid(QUuid::createUuid());
}

QString StudyUid::fromUuid(const QUuid& uuid)
{
    return QLatin1String("2.25.") + uuidToDecimal(uuid);
}

QString StudyUid::uuidToDecimal(const QUuid& uuid)
{
    // The 16 bytes in network order (most significant first) as four 32-bit limbs.
    const QByteArray bytes = uuid.toRfc4122();
    std::array<std::uint32_t, 4> limbs {};
    for (int i = 0; i < 16; ++i) {
        const auto byte = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes.at(i)));
        limbs[static_cast<std::size_t>(i / 4)] = (limbs[static_cast<std::size_t>(i / 4)] << 8) | byte;
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

    // Most significant chunk without padding, the others as exactly nine digits; written by hand,
    // since a first sync makes tens of thousands of these.
    std::array<char, 5 * 9> digits {};
    std::size_t length = 0;
    const auto put = [&digits, &length](std::uint32_t value, std::size_t width) {
        std::array<char, 10> reversed {};
        std::size_t n = 0;
        do {
            reversed[n++] = static_cast<char>('0' + value % 10);
            value /= 10;
        } while (value != 0);
        while (n < width)
            reversed[n++] = '0';
        while (n > 0)
            digits[length++] = reversed[--n];
    };
    put(chunks[chunkCount - 1], 1);
    for (std::size_t i = chunkCount - 1; i-- > 0;)
        put(chunks[i], 9);
    return QString::fromLatin1(digits.data(), qsizetype(length));
}

} // namespace Lantir
