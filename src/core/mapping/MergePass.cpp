#include "mapping/MergePass.h"

#include "base/Logging.h"

#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <limits>

namespace Lantir::Merge {

namespace {

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

MergePass::MergePass(const MappingConfig& mapping, const QStringList& requested, qsizetype rowCount)
    : m_mapping(mapping)
    , m_requested(requested.cbegin(), requested.cend())
{
    m_keys.reserve(requested.size() * 2 + 8);
    for (const QString& field : requested)
        addRole(field, Field);
    addRole(mapping.recordIdField, RecordId | Field);
    addRole(EventKey, Event);
    addRole(InstrumentKey, Instrument);
    addRole(InstanceKey, Instance);
    addRole(mapping.sessionField, Session);
    addRole(mapping.dateField, Date);
    addRole(mapping.timeField, Time);
    m_groupOf.reserve(rowCount / 2 + 1);
    m_kept.reserve(rowCount);
    m_fields.reserve(rowCount * 4);
}

void MergePass::addRole(const QString& name, quint8 role)
{
    KeyInfo& info = m_keys[name];
    if (info.name.isNull())
        info.name = name;
    info.roles |= role;
}

qsizetype MergePass::groupOf(const QString& recordId)
{
    if (auto found = m_groupOf.constFind(recordId); found != m_groupOf.cend())
        return *found;
    const qsizetype group = m_groups.size();
    m_groupOf.insert(recordId, group);
    m_groups.append(RecordGroup { recordId, -1, -1 });
    return group;
}

Result<void> MergePass::readRow(qsizetype i, const QJsonValue& rowValue)
{
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
    const qsizetype group = groupOf(recordId);

    if (!baseline && !scanInstrument) {
        // Another instrument: nothing to keep, but the types are still checked.
        for (auto it = object.constBegin(), end = object.constEnd(); it != end; ++it) {
            const QJsonValue value = it.value();
            if (value.isArray() || value.isObject())
                return typeError(i, recordId, it.key(), value);
        }
        return {};
    }

    ParsedRow row;
    row.baseline = baseline;
    row.fieldBegin = m_fields.size();
    quint8 present = 0;
    if (Result<void> read = readFields(i, recordId, object, row, present); !read)
        return read;
    row.fieldEnd = m_fields.size();
    if (!baseline && (present & ScanFields) != ScanFields) {
        m_fields.resize(row.fieldBegin); // an incomplete scan adds nothing
        return {};
    }
    keep(group, std::move(row));
    return {};
}

// The row's requested fields into m_fields, its event and instance into `row`, and which of the
// scan's session, date and time fields it fills into `present`.
Result<void> MergePass::readFields(qsizetype i, const QString& recordId, const QJsonObject& object,
                                   ParsedRow& row, quint8& present)
{
    for (auto it = object.constBegin(), end = object.constEnd(); it != end; ++it) {
        const QJsonValue value = it.value();
        const QString key = it.key();
        auto info = m_keys.constFind(key);
        if (info == m_keys.cend())
            info = m_keys.insert(key, classify(key));
        const quint8 roles = info->roles;
        if (roles == Irrelevant || roles == Instrument) {
            if (value.isArray() || value.isObject())
                return typeError(i, recordId, key, value);
            continue;
        }
        if (!scalarText(value, m_text))
            return typeError(i, recordId, key, value);
        if (roles & Event)
            row.event = m_text;
        if (roles & Instance)
            row.instance = m_text;
        if (!m_text.isEmpty()) {
            present |= roles & ScanFields;
            if (roles & Field)
                m_fields.append(FieldValue(info->name, std::move(m_text)));
        }
    }
    return {};
}

// A key that has no role of its own: a checkbox part (name___code) of a requested field is kept
// too, anything else is irrelevant.
KeyInfo MergePass::classify(const QString& key) const
{
    const qsizetype split = key.indexOf(QLatin1String("___"));
    const bool checkbox = split > 0 && m_requested.contains(key.left(split));
    return KeyInfo { key, checkbox ? quint8(Field) : quint8(Irrelevant) };
}

KeyInfo& MergePass::keyInfo(QByteArrayView utf8Key, qsizetype position)
{
    if (position < m_keyAt.size()) {
        const KeySlot& slot = m_keyAt.at(position);
        if (slot.info && slot.keys == m_utf8Keys.size() && slot.key == utf8Key)
            return *slot.info;
    }
    // fromRawData: the lookup copies nothing; a key is stored once, when first seen.
    const QByteArray lookup = QByteArray::fromRawData(utf8Key.data(), utf8Key.size());
    auto found = m_utf8Keys.find(lookup);
    if (found == m_utf8Keys.end()) {
        const QString key = QString::fromUtf8(utf8Key);
        auto known = m_keys.constFind(key);
        found = m_utf8Keys.insert(utf8Key.toByteArray(), known != m_keys.cend() ? *known : classify(key));
    }
    constexpr qsizetype CachedPositions = 512; // a REDCap export row has tens of keys
    if (position < CachedPositions) {
        if (position >= m_keyAt.size())
            m_keyAt.resize(position + 1);
        m_keyAt[position] = KeySlot { found.key(), &found.value(), m_utf8Keys.size() };
    }
    return found.value();
}

void MergePass::keep(qsizetype group, ParsedRow&& row)
{
    RecordGroup& g = m_groups[group];
    const qsizetype index = m_kept.size();
    if (g.last >= 0)
        m_kept[g.last].next = index;
    else
        g.first = index;
    g.last = index;
    m_kept.append(std::move(row));
}

MergeResult MergePass::result(qsizetype rows) const
{
    MergeResult result;
    result.rows = rows;
    result.records = recordCount();
    addVisits(result);
    qCDebug(lcMerge) << "merged" << result.rows << "rows of" << result.records << "records into"
                     << result.visits.size() << "scan visits";
    return result;
}

void MergePass::addVisits(MergeResult& result) const
{
    for (const RecordGroup& group : m_groups)
        addVisits(group, result);
}

Baselines MergePass::baselinesOf(const RecordGroup& group) const
{
    Baselines baselines;
    for (qsizetype r = group.first; r >= 0; r = m_kept.at(r).next) {
        const ParsedRow& row = m_kept.at(r);
        if (!row.baseline)
            continue;
        if (!baselines.first)
            baselines.first = &row;
        if (!baselines.ofEvent(row.event))
            baselines.perEvent.append(&row);
    }
    return baselines;
}

// One visit per scan row; a repeated (event, instance) gives none, with a warning when it differs.
void MergePass::addVisits(const RecordGroup& group, MergeResult& result) const
{
    const Baselines baselines = baselinesOf(group);
    QVarLengthArray<const ParsedRow*, 4> emitted;
    for (qsizetype r = group.first; r >= 0; r = m_kept.at(r).next) {
        const ParsedRow& row = m_kept.at(r);
        if (row.baseline)
            continue;
        const ParsedRow* twin = nullptr;
        for (const ParsedRow* e : std::as_const(emitted)) {
            if (e->event == row.event && e->instance == row.instance)
                twin = e;
        }
        if (twin) {
            if (!sameFields(m_fields, *twin, row)) {
                qCWarning(lcMerge).noquote()
                    << QStringLiteral("record '%1': two different '%2' rows for event '%3' instance "
                                      "'%4'; the first is used")
                           .arg(group.recordId, m_mapping.scanInstrument, row.event, row.instance);
            }
            continue;
        }
        emitted.append(&row);
        result.visits.append(visitOf(group, row, baselines));
    }
}

// The scan row's fields over its event's baseline over the record's first baseline.
ScanVisit MergePass::visitOf(const RecordGroup& group, const ParsedRow& row, const Baselines& baselines) const
{
    const ParsedRow* firstBaseline = baselines.first;
    const ParsedRow* sameEvent = baselines.ofEvent(row.event);
    ScanVisit visit;
    visit.recordId = group.recordId;
    visit.eventName = row.event;
    visit.repeatInstance = row.instance;
    visit.values.reserve(row.fieldEnd - row.fieldBegin
                         + (firstBaseline ? firstBaseline->fieldEnd - firstBaseline->fieldBegin : 0));
    const auto take = [&visit, this](const ParsedRow* from) {
        for (qsizetype f = from->fieldBegin; f < from->fieldEnd; ++f)
            visit.values.insert(m_fields.at(f).first, m_fields.at(f).second);
    };
    if (firstBaseline)
        take(firstBaseline);
    if (sameEvent && sameEvent != firstBaseline)
        take(sameEvent);
    take(&row);
    return visit;
}

} // namespace Lantir::Merge
