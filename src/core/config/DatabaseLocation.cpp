#include "config/DatabaseLocation.h"

#include <QByteArray>
#include <QStringDecoder>
#include <QStringList>

#include <algorithm>
#include <iterator>

namespace Lantir {

namespace {
constexpr QLatin1StringView Schemes[]
    = { QLatin1StringView("postgresql://"), QLatin1StringView("postgres://") };

Error uriError(const QString& why)
{
    return makeError(Error::Kind::Config,
                     QStringLiteral("The PostgreSQL URI %1. Write it as "
                                    "postgresql://user@host:port/database"
                                    "?sslmode=MODE&sslrootcert=FILE.")
                         .arg(why));
}

Error passwordError()
{
    return makeError(Error::Kind::Config,
                     QStringLiteral("The PostgreSQL URI holds a password, which would end up in the shell's "
                                    "history and the process list. Leave it out: libpq reads it from "
                                    "~/.pgpass (or the file PGPASSFILE names), or from PGPASSWORD."));
}

bool isHex(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
        || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

bool hasControlCharacter(const QString& text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

// `part` percent-decoded as UTF-8; `what` names it in the error.
Result<QString> decode(const QString& part, const QString& what)
{
    for (int i = 0; i < part.size(); ++i) {
        if (part.at(i) == QLatin1Char('%')
            && (i + 2 >= part.size() || !isHex(part.at(i + 1)) || !isHex(part.at(i + 2))))
            return uriError(
                QStringLiteral("has a '%' in its %1 that is not followed by two hex digits").arg(what));
    }
    const QByteArray bytes = QByteArray::fromPercentEncoding(part.toUtf8());
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = utf8(bytes);
    if (utf8.hasError())
        return uriError(QStringLiteral("has a %1 that is not UTF-8 once decoded").arg(what));
    if (hasControlCharacter(decoded))
        return uriError(QStringLiteral("has a control character in its %1").arg(what));
    return decoded;
}

Result<int> parsePort(const QString& text)
{
    bool ok = false;
    const int port = text.toInt(&ok);
    const bool digitsOnly = !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit() && c.unicode() < 0x80; });
    if (!digitsOnly || !ok || port < 1 || port > 65535)
        return uriError(QStringLiteral("has the port '%1'; a port is a number from 1 to 65535").arg(text));
    return port;
}

bool isIpv6Character(QChar c)
{
    return isHex(c) || c == QLatin1Char(':') || c == QLatin1Char('.');
}

// [IPv6] or [IPv6]:port: the address into `host`, what follows ']' into `rest`.
Result<void> splitBracketedHost(const QString& text, QString* host, QString* rest)
{
    const qsizetype close = text.indexOf(QLatin1Char(']'));
    if (close < 0)
        return uriError(QStringLiteral("opens an IPv6 address with '[' and never closes it"));
    *host = text.mid(1, close - 1);
    *rest = text.mid(close + 1);
    if (host->isEmpty() || !std::all_of(host->begin(), host->end(), isIpv6Character))
        return uriError(QStringLiteral("has an IPv6 address in brackets that is not one"));
    if (!rest->isEmpty() && !rest->startsWith(QLatin1Char(':')))
        return uriError(QStringLiteral("has text after the IPv6 address's ']'"));
    return {};
}

// host[:port] or [IPv6][:port] into `settings`.
Result<void> parseHostPort(const QString& text, PostgresSettings& settings)
{
    QString host = text;
    QString portPart; // ":port" or empty
    if (text.startsWith(QLatin1Char('['))) {
        if (Result<void> split = splitBracketedHost(text, &host, &portPart); !split)
            return split;
    } else {
        if (text.count(QLatin1Char(':')) > 1)
            return uriError(QStringLiteral("has a host with several ':'; put an IPv6 address in brackets"));
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        host = colon < 0 ? text : text.left(colon);
        portPart = colon < 0 ? QString() : text.mid(colon);
        Result<QString> decoded = decode(host, QStringLiteral("host"));
        if (!decoded)
            return decoded.error();
        host = decoded.value();
    }
    if (host.isEmpty())
        return uriError(QStringLiteral("names no host"));
    settings.host = host;
    if (!portPart.isEmpty()) {
        const Result<int> number = parsePort(portPart.mid(1));
        if (!number)
            return number.error();
        settings.port = number.value();
    }
    return {};
}

// [user@]host[:port] into `settings`.
Result<void> parseAuthority(const QString& authority, PostgresSettings& settings)
{
    const qsizetype at = authority.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        const QString userInfo = authority.left(at);
        if (userInfo.contains(QLatin1Char(':')))
            return passwordError();
        Result<QString> user = decode(userInfo, QStringLiteral("user name"));
        if (!user)
            return user.error();
        settings.user = user.value();
    }
    return parseHostPort(authority.mid(at + 1), settings);
}

// One name=value parameter of the query into `settings`; `seen` refuses repeats.
Result<void> parseParameter(const QString& pair, PostgresSettings& settings, QStringList& seen)
{
    const qsizetype equals = pair.indexOf(QLatin1Char('='));
    Result<QString> name = decode(pair.left(equals < 0 ? pair.size() : equals), QStringLiteral("parameters"));
    if (!name)
        return name.error();
    if (name.value() == QLatin1String("password"))
        return passwordError();
    if (name.value() != QLatin1String("sslmode") && name.value() != QLatin1String("sslrootcert"))
        return uriError(QStringLiteral("has the parameter '%1'; only sslmode and sslrootcert are "
                                       "understood")
                            .arg(name.value()));
    if (equals < 0)
        return uriError(QStringLiteral("has the parameter %1 without '=value'").arg(name.value()));
    if (seen.contains(name.value()))
        return uriError(QStringLiteral("gives the parameter %1 twice").arg(name.value()));
    seen.append(name.value());
    Result<QString> value = decode(pair.mid(equals + 1), name.value());
    if (!value)
        return value.error();
    if (name.value() == QLatin1String("sslrootcert")) {
        settings.caFile = value.value();
        return {};
    }
    if (!isValidSslMode(value.value()))
        return uriError(QStringLiteral("has sslmode=%1; libpq knows disable, allow, prefer, require, "
                                       "verify-ca and verify-full")
                            .arg(value.value()));
    settings.sslmode = value.value();
    return {};
}

Result<void> parseQuery(const QString& query, PostgresSettings& settings)
{
    QStringList seen;
    for (const QString& pair : query.split(QLatin1Char('&'))) {
        if (pair.isEmpty())
            return uriError(QStringLiteral("has an empty parameter (a stray '&' or '?')"));
        if (Result<void> parsed = parseParameter(pair, settings, seen); !parsed)
            return parsed;
    }
    return {};
}

// What follows the scheme: authority/database[?query].
Result<DatabaseTarget> parseUri(const QString& rest)
{
    if (rest.contains(QLatin1Char('#')))
        return uriError(QStringLiteral("has a '#' fragment; percent-encode a '#' as %23"));
    const qsizetype questionMark = rest.indexOf(QLatin1Char('?'));
    const QString beforeQuery = questionMark < 0 ? rest : rest.left(questionMark);
    const qsizetype slash = beforeQuery.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return uriError(QStringLiteral("names no database (the /database after the host)"));
    DatabaseTarget target;
    target.driver = DatabaseDriver::Postgresql;
    if (Result<void> parsed = parseAuthority(beforeQuery.left(slash), target.postgres); !parsed)
        return parsed.error();
    const QString path = beforeQuery.mid(slash + 1);
    if (path.contains(QLatin1Char('/')))
        return uriError(QStringLiteral("has a '/' in its database name; percent-encode it as %2F"));
    Result<QString> name = decode(path, QStringLiteral("database name"));
    if (!name)
        return name.error();
    if (name.value().isEmpty())
        return uriError(QStringLiteral("names no database (the /database after the host)"));
    target.postgres.name = name.value();
    if (questionMark >= 0) {
        if (Result<void> parsed = parseQuery(rest.mid(questionMark + 1), target.postgres); !parsed)
            return parsed.error();
    }
    return target;
}
} // namespace

bool DatabaseLocation::isPostgresUri(const QString& text)
{
    return std::any_of(std::begin(Schemes), std::end(Schemes), [&text](QLatin1StringView scheme) {
        return text.startsWith(scheme, Qt::CaseInsensitive);
    });
}

Result<DatabaseTarget> DatabaseLocation::parse(const QString& text)
{
    if (text.trimmed().isEmpty())
        return makeError(Error::Kind::Config, QStringLiteral("A database was given as an empty name."));
    for (const QLatin1StringView scheme : Schemes) {
        if (text.startsWith(scheme, Qt::CaseInsensitive)) {
            if (std::any_of(text.begin(), text.end(),
                            [](QChar c) { return c.isSpace() || c.unicode() < 0x20; }))
                return uriError(QStringLiteral("has a space or control character; percent-encode it"));
            return parseUri(text.mid(scheme.size()));
        }
    }
    if (const qsizetype scheme = text.indexOf(QLatin1String("://")); scheme > 0)
        return makeError(Error::Kind::Config,
                         QStringLiteral("'%1' is neither a SQLite file nor a postgresql:// URI.")
                             .arg(text.left(scheme + 3)));
    DatabaseTarget target;
    target.driver = DatabaseDriver::Sqlite;
    target.path = text;
    return target;
}

} // namespace Lantir
