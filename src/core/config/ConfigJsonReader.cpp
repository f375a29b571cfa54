#include "config/ConfigJsonReader.h"

#include "config/ConfigLoader.h"
#include "config/FieldRules.h"

#include <QDir>
#include <QJsonArray>
#include <QLocale>

#include <cmath>

namespace Lantir::ConfigParsing {

bool contains(const Keys& keys, QStringView key)
{
    for (QLatin1String k : keys) {
        if (key == k)
            return true;
    }
    return false;
}

bool hasAny(const QJsonObject& object, const Keys& keys)
{
    for (QLatin1String k : keys) {
        if (object.contains(k))
            return true;
    }
    return false;
}

QString joinKey(const QString& prefix, const QString& name)
{
    return prefix.isEmpty() ? name : prefix % QLatin1Char('.') % name;
}

QString joinKey(const QString& prefix, QLatin1String name)
{
    return joinKey(prefix, QString(name));
}

QString describe(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String: {
        const QString text = value.toString();
        return text.size() <= 80 ? QStringLiteral("\"%1\"").arg(text) : QStringLiteral("a long string");
    }
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("null");
    }
}

bool isRedcapName(QStringView name)
{
    return FieldRules::redcapName(name) == FieldRules::Problem::None;
}

Reader::Reader(const QString& origin, const QString& baseDir)
    : m_origin(origin)
    , m_baseDir(baseDir)
{
}

void Reader::beginSource(const SourceConfig& from, const QString& prefix)
{
    m_config.sources.append(from);
    KeyNames names;
    names.url = joinKey(prefix, QStringLiteral("api_url"));
    names.caFile = joinKey(prefix, QStringLiteral("ca_file"));
    names.sourceName = joinKey(prefix, QStringLiteral("name"));
    names.mappingPrefix = joinKey(prefix, QStringLiteral("mapping"));
    m_keys.append(names);
    m_current = m_config.sources.size() - 1;
}

void Reader::clearSources()
{
    m_config.sources.clear();
    m_keys.clear();
    m_current = 0;
}

bool Reader::fail(const QString& key, const QString& reason)
{
    m_error = makeError(Error::Kind::Config, QStringLiteral("%1: %2 %3").arg(m_origin, key, reason));
    return false;
}

bool Reader::failType(const QString& key, const QString& expected, const QJsonValue& found)
{
    return fail(key, QStringLiteral("must be %1 (found %2)").arg(expected, describe(found)));
}

void Reader::warn(const QString& text)
{
    m_warnings.append(text);
}

void Reader::checkKeys(const QJsonObject& object, const QString& prefix, const Keys& known,
                       const Keys& silent)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = it.key();
        if (key.startsWith(QLatin1Char('_')) || contains(known, key) || contains(silent, key))
            continue;
        warn(QStringLiteral("unknown key '%1' in %2 ignored").arg(joinKey(prefix, key), m_origin));
    }
}

bool Reader::readObject(const QJsonObject& object, QLatin1String name, const QString& prefix,
                        QJsonObject& out)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull()) {
        out = QJsonObject();
        return true;
    }
    if (!value.isObject())
        return failType(joinKey(prefix, name), QStringLiteral("an object { ... }"), value);
    out = value.toObject();
    return true;
}

bool Reader::readString(const QJsonObject& object, QLatin1String name, const QString& prefix, QString& out)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString())
        return failType(joinKey(prefix, name), QStringLiteral("text in quotes"), value);
    out = value.toString().trimmed();
    return true;
}

bool Reader::readText(const QJsonObject& object, QLatin1String name, const QString& prefix, QString& out)
{
    const QJsonValue value = object.value(name);
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::trunc(number) == number && std::abs(number) < 1e15) {
            out = QString::number(qint64(number));
            return true;
        }
        return failType(joinKey(prefix, name), QStringLiteral("text or a whole number"), value);
    }
    return readString(object, name, prefix, out);
}

bool Reader::readBool(const QJsonObject& object, QLatin1String name, const QString& prefix, bool& out)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isBool())
        return failType(joinKey(prefix, name), QStringLiteral("true or false"), value);
    out = value.toBool();
    return true;
}

bool Reader::readInt(const QJsonObject& object, QLatin1String name, const QString& prefix, int& out, int min,
                     int max, const QString& unit)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return true;
    const QString key = joinKey(prefix, name);
    if (!value.isDouble())
        return failType(key, QStringLiteral("a whole number"), value);
    const double number = value.toDouble();
    if (std::trunc(number) != number)
        return failType(key, QStringLiteral("a whole number"), value);
    if (!checkRange(key, number, min, max, unit))
        return false;
    out = int(number);
    return true;
}

bool Reader::readDouble(const QJsonObject& object, QLatin1String name, const QString& prefix, double& out,
                        double min, double max, const QString& unit)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return true;
    const QString key = joinKey(prefix, name);
    if (!value.isDouble())
        return failType(key, QStringLiteral("a number"), value);
    const double number = value.toDouble();
    if (!checkRange(key, number, min, max, unit))
        return false;
    out = number;
    return true;
}

bool Reader::checkRange(const QString& key, double number, double min, double max, const QString& unit)
{
    if (number >= min && number <= max)
        return true;
    const QString suffix = unit.isEmpty() ? QString() : QLatin1Char(' ') + unit;
    return fail(key,
                QStringLiteral("must be between %1 and %2%3 (found %4)")
                    .arg(QString::number(min, 'g', 12), QString::number(max, 'g', 12), suffix,
                         QString::number(number, 'g', 12)));
}

bool Reader::readStringList(const QJsonObject& object, QLatin1String name, const QString& prefix,
                            QStringList& out)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return true;
    const QString key = joinKey(prefix, name);
    if (!value.isArray())
        return failType(key, QStringLiteral("a list of texts [\"...\"]"), value);
    QStringList list;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            return failType(QStringLiteral("%1[%2]").arg(key).arg(i), QStringLiteral("text in quotes"),
                            array.at(i));
        }
        list.append(array.at(i).toString().trimmed());
    }
    out = list;
    return true;
}

bool Reader::readPath(const QJsonObject& object, QLatin1String name, const QString& prefix, QString& out)
{
    QString path = out;
    if (!readString(object, name, prefix, path))
        return false;
    out = resolvePath(path);
    return true;
}

QString Reader::resolvePath(const QString& path) const
{
    if (path.isEmpty())
        return path;
    const QString expanded = ConfigLoader::expandHome(path);
    if (QDir::isRelativePath(expanded) && !m_baseDir.isEmpty())
        return QDir::cleanPath(QDir(m_baseDir).absoluteFilePath(expanded));
    return expanded;
}

bool Reader::checkFieldName(const QString& key, const QString& value, bool allowEmpty)
{
    if (value.isEmpty() && allowEmpty)
        return true;
    if (isRedcapName(value))
        return true;
    return fail(key,
                QStringLiteral("must be a REDCap variable name: lower-case letters, digits and underscores, "
                               "starting with a letter (found \"%1\")")
                    .arg(value));
}

} // namespace Lantir::ConfigParsing
