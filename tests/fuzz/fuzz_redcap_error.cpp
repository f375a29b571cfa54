// libFuzzer target: REDCap's error answers and the other answer shapes: RedcapErrorParser on an
// arbitrary body with each kind of status, RedcapResponse's version and data dictionary parsers.
#include "redcap/RedcapErrorParser.h"
#include "redcap/RedcapResponse.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

using namespace Lantir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    static const int statuses[]
        = { 0, 200, 400, 401, 403, 404, 405, 407, 408, 413, 429, 500, 502, 503, 504, 599 };
    const int status = statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))];
    const QByteArray body(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    const QByteArray contentType
        = (data[0] & 0x80) ? QByteArrayLiteral("text/html") : QByteArrayLiteral("application/json");
    (void)RedcapErrorParser::parse(status, body, contentType);
    (void)RedcapErrorParser::redcapMessage(body, (data[0] & 0x40) != 0);
    (void)RedcapErrorParser::htmlTitle(body);
    (void)RedcapErrorParser::webPageMessage(body);
    (void)RedcapErrorParser::shorten(QString::fromUtf8(body), 40);
    (void)RedcapResponse::parseVersion(body);
    (void)RedcapResponse::parseFieldNames(body);
    return 0;
}
