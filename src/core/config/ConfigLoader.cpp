#include "config/ConfigLoader.h"

#include "base/Logging.h"
#include "config/ConfigChecks.h"
#include "config/ConfigJsonReader.h"
#include "config/LantirConfigFormat.h"
#include "config/PylantirConfigFormat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Lantir {

namespace {

using namespace ConfigParsing;

constexpr qint64 MaxConfigBytes = 4 * 1024 * 1024;
constexpr qint64 MaxTokenBytes = 4096;

// One configuration object, in either format, into a SyncConfig.
Result<SyncConfig> parseObject(const QJsonObject& root, const QString& origin, const QString& baseDir)
{
    const bool lantir = hasAny(root, lantirTopLevelKeys());
    const bool pylantir = hasAny(root, pylantirTopLevelKeys()) || hasAny(root, pylantirIgnoredKeys());
    if (lantir && pylantir) {
        return makeError(
            Error::Kind::Config,
            QStringLiteral("%1 mixes Lantir sections (source, database, schedule, mapping, memory) with "
                           "pylantir keys (db_path, data_sources, site, redcap2wl, ...). Use one format: "
                           "either Lantir's (see docs/CONFIGURATION.md) or pylantir's mwl_config.json "
                           "unchanged.")
                .arg(origin));
    }
    Reader reader(origin, baseDir);
    const bool ok = (pylantir ? readPylantirFormat(reader, root) : readLantirFormat(reader, root))
        && checkParsedConfig(reader);
    if (!ok)
        return reader.error();
    // The caller shows the warnings (lantir-sync on stderr, the desktop app in its log view).
    SyncConfig config = reader.config();
    config.warnings = reader.warnings();
    for (const QString& warning : std::as_const(config.warnings))
        qCDebug(lcConfig).noquote() << warning;
    return config;
}

Result<SyncConfig> parseDocument(const QByteArray& json, const QString& origin, const QString& baseDir)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
        return makeError(Error::Kind::Config,
                         QStringLiteral("%1 is not valid JSON: %2 at line %3, column %4")
                             .arg(origin, parseError.errorString())
                             .arg(line)
                             .arg(column));
    }
    if (!document.isObject()) {
        return makeError(Error::Kind::Config,
                         QStringLiteral("%1 must hold one JSON object { ... } at the top level").arg(origin));
    }
    return parseObject(document.object(), origin, baseDir);
}

} // namespace

QString ConfigLoader::expandHome(const QString& path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() % QStringView(path).sliced(1);
    return path;
}

Result<SyncConfig> ConfigLoader::loadFile(const QString& path)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists()) {
        return makeError(
            Error::Kind::Config,
            QStringLiteral("Configuration file %1 does not exist; check the path given with --config")
                .arg(shown));
    }
    if (!info.isFile())
        return makeError(Error::Kind::Config,
                         QStringLiteral("Configuration path %1 is not a file").arg(shown));
    if (info.size() > MaxConfigBytes) {
        return makeError(
            Error::Kind::Config,
            QStringLiteral("Configuration file %1 is %2 bytes, too large to be a configuration file")
                .arg(shown)
                .arg(info.size()));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(Error::Kind::Config,
                         QStringLiteral("Configuration file %1 cannot be read: %2; check its permissions")
                             .arg(shown, file.errorString()));
    }
    const QByteArray json = file.readAll();
    qCDebug(lcConfig).noquote() << "reading configuration" << shown;
    Result<SyncConfig> loaded = parseDocument(json, shown, info.absolutePath());
#ifdef Q_OS_UNIX
    // It names the REDCap server and the worklist file; other users have no business reading it.
    // A log warning rather than an entry in `warnings`: those list problems of the file's content.
    if (loaded && (info.permissions() & (QFile::ReadGroup | QFile::ReadOther))) {
        qCWarning(lcConfig).noquote()
            << QStringLiteral("configuration file %1 can be read by other users; restrict it with chmod 600")
                   .arg(shown);
    }
#endif
    return loaded;
}

Result<SyncConfig> ConfigLoader::loadJson(const QByteArray& json, const QString& origin)
{
    return parseDocument(json, origin.isEmpty() ? QStringLiteral("the configuration") : origin, QString());
}

QJsonObject ConfigLoader::toJson(const SyncConfig& c)
{
    return writeLantirFormat(c);
}

namespace {

// The token as a file or a variable gives it: one line of printable ASCII, nothing else.
Result<QString> checkedToken(const QString& token, const QString& from)
{
    if (token.isEmpty())
        return makeError(Error::Kind::Config,
                         QStringLiteral("%1 is empty; put the REDCap API token in it").arg(from));
    for (QChar ch : token) {
        if (ch.isSpace() || ch.unicode() < 0x21 || ch.unicode() > 0x7e) {
            return makeError(
                Error::Kind::Config,
                QStringLiteral(
                    "%1 holds more than the token (spaces, line breaks or non-ASCII characters); it "
                    "must hold only the REDCap API token")
                    .arg(from));
        }
    }
    return token;
}

Result<QString> tokenFromFile(const QString& tokenFile, const QString& givenBy)
{
    const QString shown = QDir::toNativeSeparators(tokenFile);
    const QString from = QStringLiteral("The token file %1").arg(shown);
    const QFileInfo info(tokenFile);
    if (!info.exists()) {
        return makeError(
            Error::Kind::Config,
            QStringLiteral("%1 does not exist; check the path given with %2").arg(from, givenBy));
    }
    if (!info.isFile())
        return makeError(Error::Kind::Config, QStringLiteral("%1 is not a file").arg(from));
    if (info.size() > MaxTokenBytes) {
        return makeError(
            Error::Kind::Config,
            QStringLiteral("%1 is %2 bytes, too large to hold only an API token").arg(from).arg(info.size()));
    }
    QFile file(tokenFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(Error::Kind::Config,
                         QStringLiteral("%1 cannot be read: %2; check its owner and permissions")
                             .arg(from, file.errorString()));
    }
#ifdef Q_OS_UNIX
    if (info.permissions() & (QFile::ReadGroup | QFile::ReadOther)) {
        qCWarning(lcConfig).noquote()
            << QStringLiteral("token file %1 can be read by other users; restrict it with chmod 600")
                   .arg(shown);
    }
#endif
    return checkedToken(QString::fromUtf8(file.readAll()).trimmed(), from);
}

} // namespace

Result<QString> ConfigLoader::loadToken(const QString& tokenFile)
{
    if (!tokenFile.isEmpty())
        return tokenFromFile(tokenFile, QStringLiteral("--token-file"));
    const QString token = qEnvironmentVariable("REDCAP_API_TOKEN").trimmed();
    if (token.isEmpty()) {
        return makeError(
            Error::Kind::Config,
            QStringLiteral("No REDCap API token: pass --token-file FILE (a file holding only the "
                           "token) or set REDCAP_API_TOKEN"));
    }
    return checkedToken(token, QStringLiteral("REDCAP_API_TOKEN"));
}

Result<QString> ConfigLoader::loadSourceToken(const SourceConfig& source, bool onlySource,
                                              const QString& tokenFileOverride)
{
    if (onlySource && !tokenFileOverride.isEmpty())
        return tokenFromFile(tokenFileOverride, QStringLiteral("--token-file"));
    if (!source.tokenFile.isEmpty())
        return tokenFromFile(source.tokenFile, QStringLiteral("token_file of source '%1'").arg(source.name));
    const QString variable = source.tokenVariable();
    if (const QString token = qEnvironmentVariable(variable.toLatin1().constData()).trimmed();
        !token.isEmpty())
        return checkedToken(token, variable);
    if (onlySource) {
        if (const QString token = qEnvironmentVariable("REDCAP_API_TOKEN").trimmed(); !token.isEmpty())
            return checkedToken(token, QStringLiteral("REDCAP_API_TOKEN"));
    }
    const QString oneSource
        = onlySource ? QStringLiteral(", pass --token-file FILE or set REDCAP_API_TOKEN") : QString();
    return makeError(
        Error::Kind::Config,
        QStringLiteral("No REDCap API token for source '%1': give it a token_file (a file holding only "
                       "the token), set %2%3")
            .arg(source.name, variable, oneSource));
}

} // namespace Lantir
