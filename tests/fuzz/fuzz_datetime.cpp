// libFuzzer target: the date and time normalisers, with their documented guarantees checked.
#include "mapping/DateTimeNormalizer.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Lantir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString date = DateTimeNormalizer::normalizeDate(text);
    const QString time = DateTimeNormalizer::normalizeTime(text);
    // Idempotent: a normalised value normalises to itself.
    if (DateTimeNormalizer::normalizeDate(date) != date || DateTimeNormalizer::normalizeTime(time) != time)
        std::abort();
    (void)DateTimeNormalizer::isNormalizedDate(date);
    return 0;
}
