#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <QUrl>

// The rules every configuration field follows, in one place: the configuration loader refuses a
// value, the settings dialog marks it next to the field, and the REDCap client refuses to send it,
// all by these functions. Each use words the problem for its reader (a key in a file, a field in a
// dialog, an error of a sync), so a rule returns what is wrong, not a sentence.
namespace Lantir::FieldRules {

enum class Problem
{
    None,
    Empty,
    TooLong,
    NotRedcapName, // REDCap variable and instrument names: a-z first, then a-z, 0-9, _
    BadCharacters, // control characters in a name
    UrlInvalid,
    UrlNotHttp,
    UrlNoHost,
    UrlUserInfo,
    UrlQueryOrFragment,
    UrlNotApiPath,
    UrlInsecureHttp, // http:// to a host other than this computer, not allowed by the settings
    TokenSpaces,
    TokenLength,
    TokenNotHex,
    UnknownPlaceholder,
    UnknownTimeZone,
};

// The longest source name data_source holds.
constexpr int MaxSourceNameLength = 255;

// A REDCap variable or instrument name (record id, date, time, session fields, instrument, field
// mapping sources, extra fields).
Problem redcapName(QStringView name);
// A source's name: written to data_source, part of every row's identity.
Problem sourceName(QStringView name);
// The REDCap API URL: http(s), a host, no user info, no query or fragment, ending with /api/;
// plain http:// only to this computer unless allowInsecureHttp.
Problem apiUrl(const QUrl& url, bool allowInsecureHttp);
// The URL as typed or as the file holds it (parsed strictly).
Problem apiUrlText(const QString& text, bool allowInsecureHttp);
// A REDCap API token: 32 hexadecimal digits, nothing around them.
Problem token(QStringView token);
// A patient name or id pattern: its {placeholders} are {study} {family} {session} {site} {record};
// `unknown` receives the first other one.
Problem pattern(QStringView pattern, QString* unknown = nullptr);
// An IANA time zone id this system knows, or empty for the local zone.
Problem timeZone(const QByteArray& zone);

// English, for files and logs: a phrase that follows the name of the key ("must be ...").
QString describe(Problem problem);

} // namespace Lantir::FieldRules
