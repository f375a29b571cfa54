#pragma once

#include "base/Result.h"
#include "config/SyncConfig.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringList>

// What every part of the configuration parser shares: key names, the typed readers of JSON values
// with their error messages, and the state of one parse. Internal to ConfigLoader.
namespace Lantir::ConfigParsing {

using Keys = QList<QLatin1String>;

bool contains(const Keys& keys, QStringView key);
bool hasAny(const QJsonObject& object, const Keys& keys);
QString joinKey(const QString& prefix, const QString& name);
QString joinKey(const QString& prefix, QLatin1String name);
// How a JSON value reads in a message: numbers and short strings as they are, else the type.
QString describe(const QJsonValue& value);
// REDCap variable and instrument names: a lower-case letter, then lower-case letters, digits and
// underscores.
bool isRedcapName(QStringView name);

// Where the settings that are checked once both formats are read came from: the messages name the
// key as the file spells it.
struct KeyNames
{
    QString url = QStringLiteral("source.api_url");
    QString urlText; // the URL as the file gives it (checked at the end)
    QString caFile = QStringLiteral("source.ca_file");
    QString sourceName = QStringLiteral("source.name");
    QString mappingPrefix; // "mapping" for Lantir files; pylantir keeps these settings implicit
};

// Reads one configuration object into a SyncConfig, collecting warnings and stopping at the first
// invalid value. The typed readers leave `out` as it is for a missing key (or null), and fail,
// naming the key, for a value of the wrong type or out of range.
class Reader
{
public:
    Reader(const QString& origin, const QString& baseDir);

    SyncConfig& config() { return m_config; }
    // The source being read, and where its checked-at-the-end settings came from. A new Reader
    // holds one source with the defaults; readers of one-source formats fill that one.
    SourceConfig& source() { return m_config.sources[m_current]; }
    KeyNames& keys() { return m_keys[m_current]; }
    // Appends `from` as the source being read, its keys named under `prefix`.
    void beginSource(const SourceConfig& from, const QString& prefix);
    // Drops every source (a list form replaces the one a new Reader holds).
    void clearSources();
    qsizetype sourceCount() const { return m_config.sources.size(); }
    // Makes source `index` the current one (the checks at the end visit each in turn).
    void selectSource(qsizetype index) { m_current = index; }
    const QString& origin() const { return m_origin; }
    const QStringList& warnings() const { return m_warnings; }
    const Error& error() const { return m_error; }

    // Records "<origin>: <key> <reason>" as the error; returns false.
    bool fail(const QString& key, const QString& reason);
    bool failType(const QString& key, const QString& expected, const QJsonValue& found);
    void warn(const QString& text);
    // Warns about keys of `object` that are neither in `known` nor in `silent`; '_' keys are comments.
    void checkKeys(const QJsonObject& object, const QString& prefix, const Keys& known,
                   const Keys& silent = {});

    bool readObject(const QJsonObject& object, QLatin1String name, const QString& prefix, QJsonObject& out);
    bool readString(const QJsonObject& object, QLatin1String name, const QString& prefix, QString& out);
    // Text, or a number taken as text (pylantir's "site": 792).
    bool readText(const QJsonObject& object, QLatin1String name, const QString& prefix, QString& out);
    bool readBool(const QJsonObject& object, QLatin1String name, const QString& prefix, bool& out);
    bool readInt(const QJsonObject& object, QLatin1String name, const QString& prefix, int& out, int min,
                 int max, const QString& unit = QString());
    bool readDouble(const QJsonObject& object, QLatin1String name, const QString& prefix, double& out,
                    double min, double max, const QString& unit = QString());
    bool readStringList(const QJsonObject& object, QLatin1String name, const QString& prefix,
                        QStringList& out);
    // A path: "~" expanded and, for a file loaded from disk, relative to the file's folder.
    bool readPath(const QJsonObject& object, QLatin1String name, const QString& prefix, QString& out);
    QString resolvePath(const QString& path) const;

    bool checkFieldName(const QString& key, const QString& value, bool allowEmpty = false);

private:
    bool checkRange(const QString& key, double number, double min, double max, const QString& unit);

    QString m_origin;
    QString m_baseDir;
    SyncConfig m_config;
    QList<KeyNames> m_keys { KeyNames() }; // one per source
    qsizetype m_current = 0;
    QStringList m_warnings;
    Error m_error;
};

} // namespace Lantir::ConfigParsing
