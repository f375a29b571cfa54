#include "redcap/RedcapErrorParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QXmlStreamReader>

#include <utility>

namespace Lantir {

namespace {

// Only the start of a body is needed to recognise its kind or find its title.
constexpr qsizetype sniffBytes = 1024;
constexpr qsizetype titleSearchBytes = 64 * 1024;

// The body without a UTF-8 byte order mark and leading/trailing white space.
QByteArray stripped(const QByteArray& body)
{
    QByteArray view = body;
    if (view.startsWith("\xEF\xBB\xBF")) {
        view = view.mid(3);
    }
    return view.trimmed();
}

QByteArray lowerHead(const QByteArray& body)
{
    return stripped(body.left(sniffBytes + 3)).left(sniffBytes).toLower();
}

QString decodeEntities(QString text)
{
    text.replace(QStringLiteral("&lt;"), QStringLiteral("<"));
    text.replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    text.replace(QStringLiteral("&quot;"), QStringLiteral("\""));
    text.replace(QStringLiteral("&#39;"), QStringLiteral("'"));
    text.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    text.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    return text;
}

// Text between <tag ...> and </tag>, with inner tags removed; empty if the element is absent.
QString elementText(const QString& html, const QString& tag)
{
    const QString open = u'<' + tag;
    qsizetype from = 0;
    while (true) {
        const qsizetype start = html.indexOf(open, from, Qt::CaseInsensitive);
        if (start < 0) {
            return {};
        }
        const qsizetype after = start + open.size();
        // "<title" must not match "<titlebar": the name ends at '>' or white space.
        if (after < html.size() && html.at(after) != u'>' && !html.at(after).isSpace()) {
            from = after;
            continue;
        }
        const qsizetype contentStart = html.indexOf(u'>', after);
        if (contentStart < 0) {
            return {};
        }
        const qsizetype end = html.indexOf(QStringLiteral("</") + tag, contentStart, Qt::CaseInsensitive);
        QString inner = html.mid(contentStart + 1, end < 0 ? -1 : end - contentStart - 1);
        // Remove nested tags such as <b> or <span>.
        QString plain;
        plain.reserve(inner.size());
        bool inTag = false;
        for (const QChar c : std::as_const(inner)) {
            if (c == u'<') {
                inTag = true;
            } else if (c == u'>') {
                inTag = false;
            } else if (!inTag) {
                plain.append(c);
            }
        }
        return decodeEntities(plain);
    }
}

// REDCap's CSV error format: a first line "ERROR: <text>", sometimes quoted.
QString csvErrorText(const QByteArray& body)
{
    QByteArray text = body;
    if (text.startsWith('"')) {
        text = text.mid(1);
        if (text.endsWith('"')) {
            text.chop(1);
        }
    }
    if (!text.left(6).toUpper().startsWith("ERROR:")) {
        return {};
    }
    return QString::fromUtf8(text.mid(6)).trimmed();
}

QString xmlErrorText(const QByteArray& body)
{
    QXmlStreamReader xml(body);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name().compare(QLatin1String("error"), Qt::CaseInsensitive) == 0) {
            return xml.readElementText(QXmlStreamReader::IncludeChildElements);
        }
    }
    return {};
}

QString jsonErrorText(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject()) {
        return {};
    }
    const QJsonValue error = document.object().value(QLatin1String("error"));
    if (error.isString()) {
        return error.toString();
    }
    if (error.isUndefined() || error.isNull()) {
        return {};
    }
    if (error.isObject()) {
        return QString::fromUtf8(QJsonDocument(error.toObject()).toJson(QJsonDocument::Compact));
    }
    if (error.isArray()) {
        return QString::fromUtf8(QJsonDocument(error.toArray()).toJson(QJsonDocument::Compact));
    }
    return error.toVariant().toString();
}

// An error document in one of REDCap's returnFormats; empty for data and plain text.
QString errorDocumentText(const QByteArray& body)
{
    if (body.startsWith('{')) {
        return jsonErrorText(body);
    }
    if (body.startsWith('<')) {
        return xmlErrorText(body);
    }
    return csvErrorText(body);
}

// Something safe to quote: valid UTF-8 and mostly printable.
bool isPrintableText(const QString& text)
{
    if (text.contains(QChar::ReplacementCharacter)) {
        return false;
    }
    qsizetype control = 0;
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control && c != u'\n' && c != u'\r' && c != u'\t') {
            ++control;
        }
    }
    return control == 0;
}

// "403: REDCap's text", "502: a web page titled "Bad Gateway"" or just "403".
QString statusDetail(int httpStatus, const QByteArray& body, const QByteArray& contentType)
{
    QString detail;
    if (RedcapErrorParser::isHtml(body, contentType)) {
        const QString title = RedcapErrorParser::htmlTitle(body);
        detail = title.isEmpty() ? QStringLiteral("a web page")
                                 : QStringLiteral("a web page titled \"") + title + u'"';
    } else {
        detail = RedcapErrorParser::redcapMessage(body);
    }
    return detail.isEmpty() ? QString::number(httpStatus)
                            : QString::number(httpStatus) + QStringLiteral(": ") + detail;
}

} // namespace

QString RedcapErrorParser::shorten(const QString& text, int maxChars)
{
    QString oneLine;
    oneLine.reserve(qMin<qsizetype>(text.size(), qsizetype(maxChars) * 4));
    for (const QChar c : text) {
        const bool control = c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
            || c == QChar::LineSeparator || c == QChar::ParagraphSeparator;
        oneLine.append(control ? QChar(u' ') : c);
        if (oneLine.size() > qsizetype(maxChars) * 4) {
            break; // Plenty for the limit even after white space is folded.
        }
    }
    oneLine = oneLine.simplified();
    if (oneLine.size() > maxChars) {
        const int keep = qMax(0, maxChars - 3);
        oneLine.truncate(keep);
        // Never cut a surrogate pair in half.
        if (!oneLine.isEmpty() && oneLine.back().isHighSurrogate()) {
            oneLine.chop(1);
        }
        oneLine = oneLine.trimmed() + QStringLiteral("...");
    }
    return oneLine;
}

bool RedcapErrorParser::isHtml(const QByteArray& body, const QByteArray& contentType)
{
    const QByteArray head = lowerHead(body);
    if (head.startsWith("<!doctype html") || head.startsWith("<html")) {
        return true;
    }
    if (!head.startsWith('<')) {
        return false;
    }
    // XHTML prologs, comments before <html>, or fragments such as <body> / <title> / <h1>.
    if (head.contains("<html") || head.startsWith("<head") || head.startsWith("<body")
        || head.startsWith("<title") || head.startsWith("<h1")) {
        return true;
    }
    const QByteArray type = contentType.toLower();
    const bool htmlType = type.contains("text/html") || type.contains("application/xhtml");
    // REDCap's XML error document is <hash><error>...</error></hash>, whatever the Content-Type.
    return htmlType && !head.contains("<error") && !head.contains("<hash");
}

QString RedcapErrorParser::htmlTitle(const QByteArray& body)
{
    const QString html = QString::fromUtf8(body.left(titleSearchBytes));
    QString title = shorten(elementText(html, QStringLiteral("title")), 120);
    if (title.isEmpty()) {
        title = shorten(elementText(html, QStringLiteral("h1")), 120);
    }
    return title;
}

QString RedcapErrorParser::redcapMessage(const QByteArray& body, bool acceptPlainText)
{
    const QByteArray text = stripped(body);
    if (text.isEmpty() || isHtml(text)) {
        return {};
    }
    const QString documentText = shorten(errorDocumentText(text));
    if (!documentText.isEmpty()) {
        return documentText;
    }
    if (!acceptPlainText) {
        return {};
    }
    const QString plain = QString::fromUtf8(text.left(qsizetype(maxQuotedChars) * 8));
    return isPrintableText(plain) ? shorten(plain) : QString();
}

bool RedcapErrorParser::isRetryableStatus(int httpStatus)
{
    return httpStatus == 408 || httpStatus == 429 || (httpStatus >= 500 && httpStatus <= 599);
}

QString RedcapErrorParser::webPageMessage(const QByteArray& body)
{
    const QString title = htmlTitle(body);
    const QString titled
        = title.isEmpty() ? QString() : QStringLiteral(" (titled \"") + title + QStringLiteral("\")");
    return QStringLiteral("The server answered with a web page") + titled
        + QStringLiteral(" instead of REDCap data: a proxy, firewall or login page may be in the way. "
                         "Check the API URL (it must end with /api/) and any proxy settings.");
}

Error RedcapErrorParser::parse(int httpStatus, const QByteArray& body, const QByteArray& contentType)
{
    if (httpStatus >= 200 && httpStatus <= 299) {
        const QByteArray text = stripped(body);
        if (isHtml(text, contentType)) {
            return makeError(Error::Kind::Response, webPageMessage(text));
        }
        const QString redcapText = shorten(errorDocumentText(text));
        if (!redcapText.isEmpty()) {
            return makeError(Error::Kind::Response,
                             QStringLiteral("REDCap reported an error: \"") + redcapText
                                 + QStringLiteral("\". Check the settings REDCap's message names "
                                                  "(field names, record IDs, API rights)."));
        }
        return {};
    }

    if (httpStatus <= 0) {
        return makeError(
            Error::Kind::Network,
            QStringLiteral("No HTTP answer was received from the server. Check the API URL and the "
                           "network connection."));
    }

    const QString detail = u'(' + statusDetail(httpStatus, body, contentType) + u')';
    auto http = [](const QString& message) { return makeError(Error::Kind::Http, message); };

    switch (httpStatus) {
    case 400:
        return http(QStringLiteral("REDCap rejected the request as invalid ") + detail
                    + QStringLiteral(". Check the field names and settings REDCap's message names."));
    case 401:
    case 403:
        return makeError(Error::Kind::Auth,
                         QStringLiteral("REDCap refused the API token ") + detail
                             + QStringLiteral(". Check the token and that this user has API export rights."));
    case 404:
        return http(QStringLiteral("REDCap's API was not found at this address ") + detail
                    + QStringLiteral("; check the API URL ends with /api/ (for example "
                                     "https://redcap.example.org/api/)."));
    case 405:
    case 501:
        return http(QStringLiteral("The server does not accept REDCap API requests at this address ") + detail
                    + QStringLiteral("; check the API URL ends with /api/."));
    case 407:
        return http(QStringLiteral("A proxy between this computer and REDCap requires a login ") + detail
                    + QStringLiteral(". Configure the proxy or ask the IT department to allow REDCap API "
                                     "traffic."));
    case 408:
        return http(QStringLiteral("The server stopped waiting for the request ") + detail
                    + QStringLiteral(". Check the network connection and try again later."));
    case 413:
    case 414:
        return http(QStringLiteral("The request was too large for the server ") + detail
                    + QStringLiteral(". Use a smaller batch size."));
    case 429:
        return http(QStringLiteral("REDCap is limiting how often the API may be called ") + detail
                    + QStringLiteral(". Sync less often or wait a few minutes."));
    case 500:
        return http(
            QStringLiteral("REDCap reported an internal error ") + detail
            + QStringLiteral(". If it mentions memory, use a smaller batch size; otherwise ask the REDCap "
                             "administrators to check the server log."));
    case 502:
    case 503:
    case 504:
        return http(
            QStringLiteral("The REDCap server, or a proxy in front of it, is unavailable or too slow ")
            + detail
            + QStringLiteral(". Try again later; if it happens on large exports, use a smaller batch "
                             "size."));
    default:
        break;
    }
    if (httpStatus >= 500) {
        return http(QStringLiteral("The REDCap server failed ") + detail
                    + QStringLiteral(". Try again later or ask the REDCap administrators."));
    }
    if (httpStatus >= 400) {
        return http(QStringLiteral("REDCap refused the request ") + detail
                    + QStringLiteral(". Check the API URL and the token."));
    }
    if (httpStatus >= 300) {
        return http(
            QStringLiteral("The server redirected the API request elsewhere ") + detail
            + QStringLiteral(". Use the final address of the REDCap API (it ends with /api/) as the API "
                             "URL."));
    }
    return http(QStringLiteral("The server gave an unexpected HTTP answer ") + detail
                + QStringLiteral(". Check the API URL."));
}

} // namespace Lantir
