#pragma once

#include "base/Result.h"

#include <QByteArray>
#include <QString>

namespace Lantir {

// Turns what a REDCap server (or a proxy in front of it) answered into an Error a site
// coordinator can act on. REDCap puts its own words in the body in the requested returnFormat:
// JSON {"error": "..."}, XML <hash><error>...</error></hash> or CSV "ERROR: ...". Proxies and
// login portals answer with HTML pages. All functions are pure and safe on any input.
class RedcapErrorParser
{
public:
    // Longest piece of server text quoted in a message.
    static constexpr int maxQuotedChars = 300;

    // The Error for one HTTP exchange. For a status outside 2xx: Kind::Auth for 401/403,
    // Kind::Http otherwise, quoting REDCap's text and naming the fix. For a 2xx status: an
    // Error only when the body is an error document or an HTML page (Kind::Response);
    // Kind::None means the body is data for the caller to check.
    static Error parse(int httpStatus, const QByteArray& body, const QByteArray& contentType = {});

    // REDCap's own error text in `body`, on one line and shortened; empty when there is none.
    // Plain text bodies (not HTML) count as the text when `acceptPlainText` is set.
    static QString redcapMessage(const QByteArray& body, bool acceptPlainText = true);

    // True when the body is a web page (by Content-Type or by its first tag).
    static bool isHtml(const QByteArray& body, const QByteArray& contentType = {});

    // The <title> (else first <h1>) of an HTML page, on one line and shortened; empty if none.
    static QString htmlTitle(const QByteArray& body);

    // Statuses worth trying again after a pause: 408, 429 and 5xx.
    static bool isRetryableStatus(int httpStatus);

    // `text` on one line, without control characters, at most `maxChars` long ("..." appended).
    static QString shorten(const QString& text, int maxChars = maxQuotedChars);

    // "The server answered with a web page ..." sentence used wherever JSON was expected.
    static QString webPageMessage(const QByteArray& body);
};

} // namespace Lantir
