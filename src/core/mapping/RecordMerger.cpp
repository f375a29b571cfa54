#include "mapping/RecordMerger.h"

#include "base/Logging.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QVarLengthArray>

#include <algorithm>
#include <limits>

namespace Lantir {

namespace {

const QString EventKey = QStringLiteral("redcap_event_name");
const QString InstrumentKey = QStringLiteral("redcap_repeat_instrument");
const QString InstanceKey = QStringLiteral("redcap_repeat_instance");

// What a row key means to the merge; a key may have several roles.
enum Role : quint8
{
    Irrelevant = 0,
    Field = 1, // a requested field (or a checkbox part of one): kept in ScanVisit::values
    RecordId = 2,
    Event = 4,
    Instrument = 8,
    Instance = 16,
    Session = 32,
    Date = 64,
    Time = 128,
};
constexpr quint8 ScanFields = Session | Date | Time;

struct KeyInfo
{
    QString name; // shared copy, so every visit's hash keys point at one string
    quint8 roles = Irrelevant;
};

using FieldValue = std::pair<QString, QString>;

// A baseline or scan row, its fields kept in one array shared by all rows of the export.
struct ParsedRow
{
    QString event;
    QString instance;
    qsizetype fieldBegin = 0;
    qsizetype fieldEnd = 0;
    qsizetype next = -1; // next kept row of the same record
    bool baseline = false; // else a scan row
};

struct RecordGroup
{
    QString recordId;
    qsizetype first = -1; // kept rows of the record, in export order, linked through ParsedRow::next
    qsizetype last = -1;
};

QString jsonTypeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Array:
        return QStringLiteral("a JSON array");
    case QJsonValue::Object:
        return QStringLiteral("a JSON object");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    default:
        return QStringLiteral("null");
    }
}

// Text of a scalar as pylantir sees it: "", null and "NaN" are empty; 1 and 1.0 are "1".
// Returns false for arrays and objects.
bool scalarText(const QJsonValue& value, QString& out)
{
    switch (value.type()) {
    case QJsonValue::String:
        out = value.toString();
        if (out == QLatin1String("NaN"))
            out.clear();
        return true;
    case QJsonValue::Double: {
        constexpr qint64 NotWhole = std::numeric_limits<qint64>::min();
        const qint64 whole = value.toInteger(NotWhole);
        out = whole != NotWhole ? QString::number(whole)
                                : QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
        return true;
    }
    case QJsonValue::Bool:
        out = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        return true;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.clear();
        return true;
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    return false;
}

Error typeError(qsizetype row, const QString& recordId, const QString& field, const QJsonValue& value)
{
    const QString record
        = recordId.isEmpty() ? QStringLiteral("unknown record") : QStringLiteral("record '%1'").arg(recordId);
    return makeError(
        Error::Kind::Response,
        QStringLiteral("REDCap export row %1 (%2): field '%3' holds %4 where text was expected. "
                       "The response is not a flat REDCap export; check that the API URL points at "
                       "REDCap and that nothing in between rewrites the answer.")
            .arg(row + 1)
            .arg(record, field, jsonTypeName(value)));
}

bool sameFields(const QList<FieldValue>& fields, const ParsedRow& a, const ParsedRow& b)
{
    return std::equal(fields.cbegin() + a.fieldBegin, fields.cbegin() + a.fieldEnd,
                      fields.cbegin() + b.fieldBegin, fields.cbegin() + b.fieldEnd);
}

} // namespace

RecordMerger::RecordMerger(const MappingConfig& mapping)
    : m_mapping(mapping)
    , m_requested(mapping.requestedFields())
{
}

Result<MergeResult> RecordMerger::merge(const QJsonArray& rows) const
{
    // What each key means, looked up once per key; checkbox parts are added as they appear.
    QHash<QString, KeyInfo> keys;
    keys.reserve(m_requested.size() * 2 + 8);
    auto addRole = [&keys](const QString& name, quint8 role) {
        KeyInfo& info = keys[name];
        if (info.name.isNull())
            info.name = name;
        info.roles |= role;
    };
    for (const QString& field : m_requested)
        addRole(field, Field);
    addRole(m_mapping.recordIdField, RecordId | Field);
    addRole(EventKey, Event);
    addRole(InstrumentKey, Instrument);
    addRole(InstanceKey, Instance);
    addRole(m_mapping.sessionField, Session);
    addRole(m_mapping.dateField, Date);
    addRole(m_mapping.timeField, Time);
    const QSet<QString> requested(m_requested.cbegin(), m_requested.cend());

    const qsizetype rowCount = rows.size();
    QHash<QString, qsizetype> groupOf;
    QList<RecordGroup> groups;
    QList<ParsedRow> kept;
    QList<FieldValue> fields;
    groupOf.reserve(rowCount / 2 + 1);
    kept.reserve(rowCount);
    fields.reserve(rowCount * 4);

    QString text;
    for (qsizetype i = 0; i < rowCount; ++i) {
        const QJsonValue rowValue = rows.at(i);
        if (!rowValue.isObject()) {
            return makeError(
                Error::Kind::Response,
                QStringLiteral("REDCap export row %1 is %2, not a record object. The response is not a "
                               "flat REDCap export; check the API URL and the export settings.")
                    .arg(i + 1)
                    .arg(jsonTypeName(rowValue)));
        }
        const QJsonObject object = rowValue.toObject();

        QString recordId;
        const QJsonValue idValue = object.value(m_mapping.recordIdField);
        if (!scalarText(idValue, recordId))
            return typeError(i, QString(), m_mapping.recordIdField, idValue);
        if (recordId.isEmpty()) {
            return makeError(
                Error::Kind::Response,
                QStringLiteral("REDCap export row %1 has no value for the record id field '%2'. Check "
                               "mapping.record_id_field: it must name the project's first field.")
                    .arg(i + 1)
                    .arg(m_mapping.recordIdField));
        }
        QString instrument;
        const QJsonValue instrumentValue = object.value(InstrumentKey);
        if (!scalarText(instrumentValue, instrument))
            return typeError(i, recordId, InstrumentKey, instrumentValue);
        const bool baseline = instrument.isEmpty();
        const bool scanInstrument = !baseline && instrument == m_mapping.scanInstrument;

        qsizetype group;
        if (auto found = groupOf.constFind(recordId); found != groupOf.cend()) {
            group = *found;
        } else {
            group = groups.size();
            groupOf.insert(recordId, group);
            groups.append(RecordGroup { recordId, -1, -1 });
        }

        if (!baseline && !scanInstrument) {
            // Another instrument: nothing to keep, but the types are still checked.
            for (auto it = object.constBegin(), end = object.constEnd(); it != end; ++it) {
                const QJsonValue value = it.value();
                if (value.isArray() || value.isObject())
                    return typeError(i, recordId, it.key(), value);
            }
            continue;
        }

        ParsedRow row;
        row.baseline = baseline;
        row.fieldBegin = fields.size();
        quint8 present = 0;
        for (auto it = object.constBegin(), end = object.constEnd(); it != end; ++it) {
            const QJsonValue value = it.value();
            const QString key = it.key();
            auto info = keys.constFind(key);
            if (info == keys.cend()) {
                // A checkbox part (name___code) of a requested field is kept too.
                const qsizetype split = key.indexOf(QLatin1String("___"));
                const bool checkbox = split > 0 && requested.contains(key.left(split));
                info = keys.insert(key, KeyInfo { key, checkbox ? quint8(Field) : quint8(Irrelevant) });
            }
            const quint8 roles = info->roles;
            if (roles == Irrelevant || roles == Instrument) {
                if (value.isArray() || value.isObject())
                    return typeError(i, recordId, key, value);
                continue;
            }
            if (!scalarText(value, text))
                return typeError(i, recordId, key, value);
            if (roles & Event)
                row.event = text;
            if (roles & Instance)
                row.instance = text;
            if (!text.isEmpty()) {
                present |= roles & ScanFields;
                if (roles & Field)
                    fields.append(FieldValue(info->name, std::move(text)));
            }
        }
        row.fieldEnd = fields.size();

        if (!baseline && (present & ScanFields) != ScanFields) {
            fields.resize(row.fieldBegin); // an incomplete scan adds nothing
            continue;
        }
        RecordGroup& g = groups[group];
        const qsizetype index = kept.size();
        if (g.last >= 0)
            kept[g.last].next = index;
        else
            g.first = index;
        g.last = index;
        kept.append(std::move(row));
    }

    MergeResult result;
    result.rows = rowCount;
    result.records = groups.size();

    for (const RecordGroup& group : std::as_const(groups)) {
        const ParsedRow* firstBaseline = nullptr;
        QVarLengthArray<const ParsedRow*, 4> eventBaselines; // first baseline of each event
        for (qsizetype r = group.first; r >= 0; r = kept.at(r).next) {
            const ParsedRow& row = kept.at(r);
            if (!row.baseline)
                continue;
            if (!firstBaseline)
                firstBaseline = &row;
            bool known = false;
            for (const ParsedRow* b : std::as_const(eventBaselines))
                known = known || b->event == row.event;
            if (!known)
                eventBaselines.append(&row);
        }

        QVarLengthArray<const ParsedRow*, 4> emitted;
        for (qsizetype r = group.first; r >= 0; r = kept.at(r).next) {
            const ParsedRow& row = kept.at(r);
            if (row.baseline)
                continue;
            const ParsedRow* twin = nullptr;
            for (const ParsedRow* e : std::as_const(emitted)) {
                if (e->event == row.event && e->instance == row.instance)
                    twin = e;
            }
            if (twin) {
                if (!sameFields(fields, *twin, row)) {
                    qCWarning(lcMerge).noquote()
                        << QStringLiteral("record '%1': two different '%2' rows for event '%3' instance "
                                          "'%4'; the first is used")
                               .arg(group.recordId, m_mapping.scanInstrument, row.event, row.instance);
                }
                continue;
            }
            emitted.append(&row);

            const ParsedRow* sameEvent = nullptr;
            for (const ParsedRow* b : std::as_const(eventBaselines)) {
                if (b->event == row.event)
                    sameEvent = b;
            }

            ScanVisit visit;
            visit.recordId = group.recordId;
            visit.eventName = row.event;
            visit.repeatInstance = row.instance;
            visit.values.reserve(row.fieldEnd - row.fieldBegin
                                 + (firstBaseline ? firstBaseline->fieldEnd - firstBaseline->fieldBegin : 0));
            const auto take = [&visit, &fields](const ParsedRow* from) {
                for (qsizetype f = from->fieldBegin; f < from->fieldEnd; ++f)
                    visit.values.insert(fields.at(f).first, fields.at(f).second);
            };
            if (firstBaseline)
                take(firstBaseline);
            if (sameEvent && sameEvent != firstBaseline)
                take(sameEvent);
            take(&row);
            result.visits.append(std::move(visit));
        }
    }

    qCDebug(lcMerge) << "merged" << result.rows << "rows of" << result.records << "records into"
                     << result.visits.size() << "scan visits";
    return result;
}

} // namespace Lantir
