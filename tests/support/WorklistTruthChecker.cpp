#include "WorklistTruthChecker.h"

#include "ScopedSqlConnection.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Lantir::Test {

namespace {

const QChar kSeparator(0x1f);

// A REDCap value as text; "" and "NaN" are empty (the documented rule), numbers as REDCap writes them.
QString text(const QJsonObject& row, const QString& name)
{
    const QJsonValue value = row.value(name);
    if (value.isDouble())
        return QString::number(value.toInteger());
    const QString s = value.toString();
    return s == QLatin1String("NaN") ? QString() : s;
}

QString afterLastDash(const QString& id)
{
    return id.mid(id.lastIndexOf(QLatin1Char('-')) + 1);
}

QString keyText(const QString& record, const QString& event, const QString& instance)
{
    return record + kSeparator + event + kSeparator + instance;
}

QString shown(const QString& value)
{
    return value.isNull() ? QStringLiteral("NULL") : QLatin1Char('\'') + value + QLatin1Char('\'');
}

QString where(const QString& record, const QString& event, const QString& instance)
{
    QString text = QStringLiteral("record %1").arg(record);
    if (!event.isEmpty())
        text += QStringLiteral(" event %1").arg(event);
    return text + QStringLiteral(" instance %1").arg(instance.isEmpty() ? QStringLiteral("-") : instance);
}

bool isDigits(const QString& s)
{
    return !s.isEmpty() && std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.isDigit(); });
}

bool recordLess(const QString& a, const QString& b)
{
    if (isDigits(a) && isDigits(b) && a.size() != b.size())
        return a.size() < b.size();
    return a < b;
}

} // namespace

bool TruthCheck::equal() const
{
    return error.isEmpty() && mismatched == 0 && missing == 0 && unexpected == 0 && unkeyed == 0
        && danglingKeys == 0 && duplicates == 0 && badUids == 0 && matching == expected;
}

QString TruthCheck::summary() const
{
    if (!error.isEmpty())
        return QStringLiteral("ERROR: %1").arg(error);
    if (equal())
        return QStringLiteral("equal: %1 rows, each as the truth calls for").arg(rows);
    QStringList problems;
    const std::pair<int, const char*> counts[] = {
        { mismatched, "mismatched" },           { missing, "missing" },
        { unexpected, "unexpected" },           { unkeyed, "without a key" },
        { danglingKeys, "keys without a row" }, { duplicates, "duplicate patient_id" },
        { badUids, "bad Study Instance UID" },
    };
    for (const auto& [count, name] : counts) {
        if (count > 0)
            problems.append(QStringLiteral("%1 %2").arg(count).arg(QLatin1String(name)));
    }
    return QStringLiteral("DIFFERENT: %1 (%2 expected, %3 rows, %4 matching)")
        .arg(problems.join(QStringLiteral(", ")))
        .arg(expected)
        .arg(rows)
        .arg(matching);
}

WorklistTruthChecker::WorklistTruthChecker(TruthMapping mapping)
    : m_mapping(std::move(mapping))
{
}

const QStringList& WorklistTruthChecker::columnNames()
{
    static const QStringList names {
        QStringLiteral("id"),
        QStringLiteral("study_instance_uid"),
        QStringLiteral("patient_name"),
        QStringLiteral("patient_id"),
        QStringLiteral("patient_birth_date"),
        QStringLiteral("patient_sex"),
        QStringLiteral("patient_weight_lb"),
        QStringLiteral("accession_number"),
        QStringLiteral("referring_physician_name"),
        QStringLiteral("modality"),
        QStringLiteral("study_description"),
        QStringLiteral("scheduled_station_aetitle"),
        QStringLiteral("scheduled_start_date"),
        QStringLiteral("scheduled_start_time"),
        QStringLiteral("performing_physician"),
        QStringLiteral("procedure_description"),
        QStringLiteral("protocol_name"),
        QStringLiteral("station_name"),
        QStringLiteral("hisris_coding_designator"),
        QStringLiteral("performed_procedure_step_status"),
        QStringLiteral("data_source"),
    };
    return names;
}

void WorklistTruthChecker::mapRecord(const QString& recordId, const QList<QJsonObject>& rows,
                                     const QString& status, QHash<QString, ExpectedRow>& into) const
{
    // The baseline: the record's first row without a repeating instrument.
    QJsonObject baseline;
    for (const QJsonObject& row : rows) {
        if (text(row, QStringLiteral("redcap_repeat_instrument")).isEmpty()) {
            baseline = row;
            break;
        }
    }
    for (const QJsonObject& row : rows) {
        if (text(row, QStringLiteral("redcap_repeat_instrument")) != QLatin1String("mri"))
            continue;
        // A scan counts when its own session, date and time are filled in.
        const QString session = text(row, QStringLiteral("mri_instance"));
        const QString date = text(row, QStringLiteral("mri_date"));
        const QString time = text(row, QStringLiteral("mri_time"));
        if (session.isEmpty() || date.isEmpty() || time.isEmpty())
            continue;
        // Its empty fields come from the baseline.
        auto value = [&](const QString& name) {
            const QString own = text(row, name);
            return own.isEmpty() ? text(baseline, name) : own;
        };
        const QString study = afterLastDash(value(QStringLiteral("study_id")));
        if (study.isEmpty())
            continue;
        const QString family = afterLastDash(value(QStringLiteral("family_id")));

        ExpectedRow expected;
        expected.recordId = recordId;
        expected.eventName = text(row, QStringLiteral("redcap_event_name"));
        expected.repeatInstance = text(row, QStringLiteral("redcap_repeat_instance"));
        for (const QString& column : columnNames())
            expected.columns.insert(column, QString());
        expected.columns.remove(QStringLiteral("id"));
        expected.columns.remove(QStringLiteral("study_instance_uid"));
        auto put = [&expected](const char* column, const QString& v) {
            expected.columns.insert(QLatin1String(column), v.isEmpty() ? QString() : v);
        };
        put("patient_name", QStringLiteral("cpip-id-") + study + QStringLiteral("^fa-") + family);
        put("patient_id",
            QStringLiteral("sub_") + study + QStringLiteral("_ses_") + session + QStringLiteral("_fam_")
                + family + QStringLiteral("_site_") + m_mapping.site);
        if (m_mapping.mapDemographics) {
            // A bare year of birth is kept as it is; the sex is REDCap's raw code.
            put("patient_birth_date", value(QStringLiteral("youth_dob_y")));
            put("patient_sex", value(QStringLiteral("demo_sex")));
        }
        put("modality", QStringLiteral("MR"));
        // The simulator writes dates as YYYY-MM-DD and times as HH:MM, the stored forms.
        put("scheduled_start_date", date);
        put("scheduled_start_time", time);
        put("protocol_name", m_mapping.protocol);
        put("data_source", m_mapping.sourceName);
        if (status.isEmpty())
            expected.columns.remove(QStringLiteral("performed_procedure_step_status"));
        else
            put("performed_procedure_step_status", status);
        into.insert(keyText(expected.recordId, expected.eventName, expected.repeatInstance), expected);
    }
}

QList<ExpectedRow> WorklistTruthChecker::expectedRows(const SimulatorTruth& truth) const
{
    QHash<QString, QList<QJsonObject>> records;
    QStringList order;
    for (const QJsonValue& value : truth.rows) {
        const QJsonObject row = value.toObject();
        const QString id = text(row, QStringLiteral("record_id"));
        auto it = records.find(id);
        if (it == records.end()) {
            it = records.insert(id, {});
            order.append(id);
        }
        it->append(row);
    }
    QHash<QString, ExpectedRow> byKey;
    // Retired visits first: where a key is a visit again now, the current one wins. A deleted
    // record that exists again (REDCap gave its id to a new one) is exported again, so its
    // visits that are gone are cancelled like any other.
    for (const QJsonValue& value : truth.retired) {
        const QJsonObject entry = value.toObject();
        const QJsonObject visit = entry.value(QStringLiteral("visit")).toObject();
        const QString recordId = text(visit, QStringLiteral("record_id"));
        const bool waitsForReconcile
            = entry.value(QStringLiteral("record_deleted")).toBool() && !records.contains(recordId);
        mapRecord(recordId, { entry.value(QStringLiteral("baseline")).toObject(), visit },
                  waitsForReconcile ? m_mapping.deletedRecordStatus : m_mapping.retiredStatus, byKey);
    }
    for (const QString& id : std::as_const(order))
        mapRecord(id, records.value(id), m_mapping.expectedStatus, byKey);

    QList<ExpectedRow> rows = byKey.values();
    std::sort(rows.begin(), rows.end(), [](const ExpectedRow& a, const ExpectedRow& b) {
        if (a.recordId != b.recordId)
            return recordLess(a.recordId, b.recordId);
        if (a.eventName != b.eventName)
            return a.eventName < b.eventName;
        return a.repeatInstance.toInt() < b.repeatInstance.toInt();
    });
    return rows;
}

TruthCheck WorklistTruthChecker::check(const QString& path, const SimulatorTruth& truth, int maxDiff) const
{
    ScopedSqlConnection connection(path, QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    if (!connection.isOpen()) {
        TruthCheck result;
        result.error = QStringLiteral("cannot open %1: %2").arg(path, connection.lastError());
        return result;
    }
    return check(connection.db(), truth, maxDiff);
}

TruthCheck WorklistTruthChecker::check(const QSqlDatabase& db, const SimulatorTruth& truth, int maxDiff) const
{
    const QString path = db.databaseName();
    TruthCheck result;
    auto note = [&result, maxDiff](const QString& line) {
        if (result.diff.size() < maxDiff)
            result.diff.append(line);
    };

    const QList<ExpectedRow> expectedList = expectedRows(truth);
    QHash<QString, ExpectedRow> expected;
    for (const ExpectedRow& row : expectedList)
        expected.insert(keyText(row.recordId, row.eventName, row.repeatInstance), row);
    result.expected = static_cast<int>(expected.size());

    QStringList selected;
    for (const QString& column : columnNames())
        selected.append(QStringLiteral("w.") + column);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT %1, k.source, k.record_id, k.event_name, k.repeat_instance "
                                   "FROM worklist_items w LEFT JOIN lantir_entry_keys k ON k.item_id = w.id "
                                   "ORDER BY w.id")
                        .arg(selected.join(QStringLiteral(", "))))) {
        result.error
            = QStringLiteral("cannot read worklist_items of %1: %2").arg(path, query.lastError().text());
        return result;
    }
    const int columnCount = static_cast<int>(columnNames().size());
    QSet<QString> matched;
    QHash<QString, QStringList> rowsByPatientId;
    QHash<QString, int> uidUses;
    while (query.next()) {
        ++result.rows;
        QHash<QString, QString> values;
        for (int c = 0; c < columnCount; ++c)
            values.insert(columnNames().at(c), query.isNull(c) ? QString() : query.value(c).toString());
        const QString rowId = values.value(QStringLiteral("id"));
        const QString patientId = values.value(QStringLiteral("patient_id"));
        const QString uid = values.value(QStringLiteral("study_instance_uid"));
        if (!uid.startsWith(QLatin1String("2.25.")) || uid.size() <= 5) {
            ++result.badUids;
            note(QStringLiteral("row id %1: Study Instance UID %2 is not a 2.25 UID").arg(rowId, shown(uid)));
        } else if (++uidUses[uid] == 2) {
            ++result.badUids;
            note(QStringLiteral("row id %1: Study Instance UID %2 is on another row too").arg(rowId, uid));
        }
        if (!patientId.isNull())
            rowsByPatientId[patientId].append(rowId);

        if (query.isNull(columnCount)) {
            ++result.unkeyed;
            note(QStringLiteral(
                     "row id %1 (patient_id %2) has no entry key: the sync did not write it, or it is a copy")
                     .arg(rowId, shown(patientId)));
            continue;
        }
        const QString source = query.value(columnCount).toString();
        const QString record = query.value(columnCount + 1).toString();
        const QString event = query.value(columnCount + 2).toString();
        const QString instance = query.value(columnCount + 3).toString();
        const QString key = keyText(record, event, instance);
        const auto wanted = expected.constFind(key);
        if (source != m_mapping.sourceName || wanted == expected.cend()) {
            ++result.unexpected;
            note(QStringLiteral("%1 (row id %2, source %3, patient_id %4): no such visit in the truth")
                     .arg(where(record, event, instance), rowId, source, shown(patientId)));
            continue;
        }
        if (matched.contains(key)) {
            ++result.duplicates;
            note(QStringLiteral("%1: a second row (id %2)").arg(where(record, event, instance), rowId));
            continue;
        }
        matched.insert(key);
        QStringList differences;
        for (auto it = wanted->columns.cbegin(); it != wanted->columns.cend(); ++it) {
            const QString& actual = values.value(it.key());
            if (actual.isNull() != it.value().isNull() || actual != it.value())
                differences.append(
                    QStringLiteral("%1 is %2, expected %3").arg(it.key(), shown(actual), shown(it.value())));
        }
        if (differences.isEmpty()) {
            ++result.matching;
        } else {
            ++result.mismatched;
            differences.sort();
            note(QStringLiteral("%1 (row id %2): %3")
                     .arg(where(record, event, instance), rowId, differences.join(QStringLiteral("; "))));
        }
    }
    if (query.lastError().isValid()) {
        result.error
            = QStringLiteral("reading worklist_items of %1 failed: %2").arg(path, query.lastError().text());
        return result;
    }
    query.finish();

    if (!query.exec(QStringLiteral(
            "SELECT source, record_id, event_name, repeat_instance, item_id FROM lantir_entry_keys "
            "WHERE item_id NOT IN (SELECT id FROM worklist_items)"))) {
        result.error
            = QStringLiteral("cannot read lantir_entry_keys of %1: %2").arg(path, query.lastError().text());
        return result;
    }
    while (query.next()) {
        ++result.danglingKeys;
        note(QStringLiteral("%1: its entry key points at row id %2, which does not exist")
                 .arg(where(query.value(1).toString(), query.value(2).toString(), query.value(3).toString()),
                      query.value(4).toString()));
    }
    query.finish();

    for (const ExpectedRow& row : expectedList) {
        if (matched.contains(keyText(row.recordId, row.eventName, row.repeatInstance)))
            continue;
        ++result.missing;
        note(QStringLiteral("%1: no row (expected patient_id %2)")
                 .arg(where(row.recordId, row.eventName, row.repeatInstance),
                      shown(row.columns.value(QStringLiteral("patient_id")))));
    }
    for (auto it = rowsByPatientId.cbegin(); it != rowsByPatientId.cend(); ++it) {
        if (it.value().size() < 2)
            continue;
        result.duplicates += static_cast<int>(it.value().size()) - 1;
        note(QStringLiteral("patient_id %1 is on %2 rows (ids %3)")
                 .arg(it.key())
                 .arg(it.value().size())
                 .arg(it.value().join(QStringLiteral(", "))));
    }
    return result;
}

} // namespace Lantir::Test
