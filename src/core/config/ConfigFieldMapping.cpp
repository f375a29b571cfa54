#include "config/ConfigSections.h"
#include "worklist/WorklistColumns.h"

#include <QHash>
#include <QJsonArray>

namespace Lantir::ConfigParsing {

namespace {

using FieldMapping = QList<QPair<QString, QString>>;

bool readMappingObject(Reader& r, const QJsonObject& map, const QString& key, FieldMapping& mapping)
{
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.value().isString())
            return r.failType(joinKey(key, it.key()), QStringLiteral("a worklist column name in quotes"),
                              it.value());
        mapping.append({ it.key().trimmed(), it.value().toString().trimmed() });
    }
    return true;
}

bool readMappingPairs(Reader& r, const QJsonArray& list, const QString& key, FieldMapping& mapping)
{
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonArray pair = list.at(i).toArray();
        if (!list.at(i).isArray() || pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString()) {
            return r.failType(QStringLiteral("%1[%2]").arg(key).arg(i),
                              QStringLiteral("a pair [\"redcap_field\", \"worklist_column\"]"), list.at(i));
        }
        mapping.append({ pair.at(0).toString().trimmed(), pair.at(1).toString().trimmed() });
    }
    return true;
}

// Every source a REDCap name, every target a column; columns the sync does not write, and columns
// written twice, are warned about.
bool checkMapping(Reader& r, const FieldMapping& mapping, const QString& key)
{
    QHash<int, QString> writers; // column -> first source writing it
    for (const auto& [source, target] : mapping) {
        const QString entryKey = joinKey(key, source);
        if (!r.checkFieldName(entryKey, source))
            return false;
        if (target.isEmpty())
            return r.fail(entryKey, QStringLiteral("must name a worklist column (found \"\")"));
        const Worklist::Column column = Worklist::columnFromName(target);
        if (column == Worklist::ColumnCount)
            continue; // pylantir's study_id, session_id, ...: kept, writes nothing
        if (!Worklist::isSyncWritable(column)) {
            r.warn(QStringLiteral("%1 in %2: column '%3' is not written by the sync (%4); ignored")
                       .arg(entryKey, r.origin(), target,
                            column == Worklist::PerformedProcedureStepStatus
                                ? QStringLiteral("the scanner's MPPS owns the status")
                                : QStringLiteral("Lantir manages it")));
            continue;
        }
        const auto previous = writers.constFind(column);
        if (previous != writers.cend()) {
            r.warn(QStringLiteral("%1 in %2: both '%3' and '%4' write column '%5'; the later one wins when "
                                  "both have a value")
                       .arg(key, r.origin(), *previous, source, target));
        } else {
            writers.insert(column, source);
        }
    }
    return true;
}

} // namespace

bool readFieldMapping(Reader& r, const QJsonObject& object, QLatin1String name, const QString& prefix)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return true;
    const QString key = joinKey(prefix, name);
    FieldMapping mapping;
    if (value.isObject()) {
        if (!readMappingObject(r, value.toObject(), key, mapping))
            return false;
    } else if (value.isArray()) {
        if (!readMappingPairs(r, value.toArray(), key, mapping))
            return false;
    } else {
        return r.failType(key, QStringLiteral("an object {\"redcap_field\": \"worklist_column\"}"), value);
    }
    if (!checkMapping(r, mapping, key))
        return false;
    r.source().mapping.fieldMapping = mapping;
    return true;
}

QJsonValue writeFieldMapping(const FieldMapping& mapping)
{
    bool sortedUnique = true;
    for (qsizetype i = 1; i < mapping.size(); ++i)
        sortedUnique = sortedUnique && mapping.at(i - 1).first < mapping.at(i).first;
    if (sortedUnique) {
        QJsonObject object;
        for (const auto& [source, target] : mapping)
            object.insert(source, target);
        return object;
    }
    QJsonArray pairs;
    for (const auto& [source, target] : mapping)
        pairs.append(QJsonArray { source, target });
    return pairs;
}

} // namespace Lantir::ConfigParsing
