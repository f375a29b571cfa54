#include "config/FieldRules.h"

#include "base/Loopback.h"

#include <QTimeZone>

namespace Lantir::FieldRules {

namespace {

bool isLower(QChar c)
{
    return c >= QLatin1Char('a') && c <= QLatin1Char('z');
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isHex(QChar c)
{
    return isDigit(c) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

const QLatin1String Placeholders[]
    = { QLatin1String("study"), QLatin1String("family"), QLatin1String("session"), QLatin1String("site"),
        QLatin1String("record") };

} // namespace

Problem redcapName(QStringView name)
{
    if (name.isEmpty())
        return Problem::Empty;
    if (!isLower(name.front()))
        return Problem::NotRedcapName;
    for (QChar c : name) {
        if (!isLower(c) && !isDigit(c) && c != QLatin1Char('_'))
            return Problem::NotRedcapName;
    }
    return Problem::None;
}

Problem sourceName(QStringView name)
{
    if (name.trimmed().isEmpty())
        return Problem::Empty;
    if (name.size() > MaxSourceNameLength)
        return Problem::TooLong;
    for (QChar c : name) {
        if (c.category() == QChar::Other_Control)
            return Problem::BadCharacters;
    }
    return Problem::None;
}

Problem apiUrl(const QUrl& url, bool allowInsecureHttp)
{
    if (url.isEmpty())
        return Problem::Empty;
    if (!url.isValid())
        return Problem::UrlInvalid;
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return Problem::UrlNotHttp;
    if (url.host().isEmpty())
        return Problem::UrlNoHost;
    if (!url.userInfo().isEmpty())
        return Problem::UrlUserInfo;
    if (url.hasQuery() || url.hasFragment())
        return Problem::UrlQueryOrFragment;
    if (!url.path().endsWith(QLatin1String("/api/")))
        return Problem::UrlNotApiPath;
    if (scheme == QLatin1String("http") && !allowInsecureHttp && !isLoopbackHost(url.host()))
        return Problem::UrlInsecureHttp;
    return Problem::None;
}

Problem apiUrlText(const QString& text, bool allowInsecureHttp)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return Problem::Empty;
    return apiUrl(QUrl(trimmed, QUrl::StrictMode), allowInsecureHttp);
}

Problem token(QStringView token)
{
    if (token.isEmpty())
        return Problem::Empty;
    if (token.trimmed().size() != token.size())
        return Problem::TokenSpaces;
    if (token.size() != 32)
        return Problem::TokenLength;
    for (QChar c : token) {
        if (!isHex(c))
            return Problem::TokenNotHex;
    }
    return Problem::None;
}

Problem pattern(QStringView pattern, QString* unknown)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype open = pattern.indexOf(QLatin1Char('{'), from);
        if (open < 0)
            return Problem::None;
        const qsizetype close = pattern.indexOf(QLatin1Char('}'), open);
        if (close < 0)
            return Problem::None;
        const QStringView name = pattern.sliced(open + 1, close - open - 1);
        bool known = false;
        for (QLatin1String p : Placeholders)
            known = known || name == p;
        if (!known) {
            if (unknown)
                *unknown = name.toString();
            return Problem::UnknownPlaceholder;
        }
        from = close + 1;
    }
}

Problem timeZone(const QByteArray& zone)
{
    if (zone.isEmpty() || QTimeZone(zone).isValid())
        return Problem::None;
    return Problem::UnknownTimeZone;
}

QString describe(Problem problem)
{
    switch (problem) {
    case Problem::None:
        return QString();
    case Problem::Empty:
        return QStringLiteral("must not be empty");
    case Problem::TooLong:
        return QStringLiteral("is longer than the %1 characters data_source holds").arg(MaxSourceNameLength);
    case Problem::NotRedcapName:
        return QStringLiteral("must be a REDCap variable name: lower-case letters, digits and underscores, "
                              "starting with a letter");
    case Problem::BadCharacters:
        return QStringLiteral("must not contain control characters (line breaks, tabs)");
    case Problem::UrlInvalid:
        return QStringLiteral("is not a valid web address; it looks like https://redcap.example.org/api/");
    case Problem::UrlNotHttp:
    case Problem::UrlNoHost:
        return QStringLiteral(
            "is not an http(s) URL with a host; it looks like https://redcap.example.org/api/");
    case Problem::UrlUserInfo:
        return QStringLiteral("must not carry a user name or password; REDCap uses the API token");
    case Problem::UrlQueryOrFragment:
        return QStringLiteral("must not contain a query ('?...') or fragment ('#...'); end it with /api/");
    case Problem::UrlNotApiPath:
        return QStringLiteral("must end with /api/, as REDCap's API address does (https://<host>/<redcap "
                              "folder>/api/)");
    case Problem::UrlInsecureHttp:
        return QStringLiteral("uses plain http:// to another computer, which would send the API token "
                              "unencrypted; use https:// or, on a trusted network only, set "
                              "allow_insecure_http to true");
    case Problem::TokenSpaces:
        return QStringLiteral("must not start or end with spaces or a line break");
    case Problem::TokenLength:
        return QStringLiteral("must be 32 characters long, as REDCap API tokens are");
    case Problem::TokenNotHex:
        return QStringLiteral("may contain only the characters 0-9 and A-F");
    case Problem::UnknownPlaceholder:
        return QStringLiteral("uses an unknown placeholder; the placeholders are {study} {family} {session} "
                              "{site} {record}");
    case Problem::UnknownTimeZone:
        return QStringLiteral("is not a time zone this system knows; use an IANA name such as "
                              "America/Edmonton, or leave it empty for the local zone");
    }
    return QString();
}

} // namespace Lantir::FieldRules
