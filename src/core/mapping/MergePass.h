#pragma once

#include "base/Result.h"
#include "config/SyncConfig.h"
#include "worklist/ScanVisit.h"

#include <QByteArrayView>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QVarLengthArray>

// The state of one RecordMerger::merge: what its rows hold, record by record. Internal to the
// mapping folder (RecordMerger.cpp, FastRecordReader.cpp).
namespace Lantir::Merge {

inline const QString EventKey = QStringLiteral("redcap_event_name");
inline const QString InstrumentKey = QStringLiteral("redcap_repeat_instrument");
inline const QString InstanceKey = QStringLiteral("redcap_repeat_instance");

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
inline constexpr quint8 ScanFields = Session | Date | Time;

struct KeyInfo
{
    QString name; // shared copy, so every visit's hash keys point at one string
    quint8 roles = Irrelevant;
    qsizetype lastRow = -1; // FastRecordReader: the last row that held the key
};

// Text of a scalar as pylantir sees it: "", null and "NaN" are empty; 1 and 1.0 are "1".
// Returns false for arrays and objects.
bool scalarText(const QJsonValue& value, QString& out);

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

// The first baseline row of a record, and the first baseline row of each of its events.
struct Baselines
{
    const ParsedRow* first = nullptr;
    QVarLengthArray<const ParsedRow*, 4> perEvent;

    const ParsedRow* ofEvent(const QString& event) const
    {
        const ParsedRow* found = nullptr;
        for (const ParsedRow* b : perEvent) {
            if (b->event == event)
                found = b;
        }
        return found;
    }
};

// One merge: the rows of an export are read into records (readRow), then each record's scan rows
// become visits (addVisits).
class MergePass
{
public:
    MergePass(const MappingConfig& mapping, const QStringList& requested, qsizetype rowCount);

    Result<void> readRow(qsizetype i, const QJsonValue& rowValue);
    void addVisits(MergeResult& result) const;
    qsizetype recordCount() const { return m_groups.size(); }
    // What the merge of `rows` rows gave: counts and visits.
    MergeResult result(qsizetype rows) const;

    // Building blocks of FastRecordReader, which reads rows parsed by simdjson.
    qsizetype groupOf(const QString& recordId);
    // What a key (UTF-8) means; a key not seen before is classified as readFields() does.
    // `position`: the key's place in its row; REDCap writes every row's keys in the same order, so
    // the key met there last time is tried first, without hashing.
    KeyInfo& keyInfo(QByteArrayView utf8Key, qsizetype position);
    qsizetype fieldCount() const { return m_fields.size(); }
    void appendField(const QString& name, QString&& value)
    {
        m_fields.append(FieldValue(name, std::move(value)));
    }
    void dropFieldsFrom(qsizetype count) { m_fields.resize(count); }
    void keep(qsizetype group, ParsedRow&& row);
    const MappingConfig& mapping() const { return m_mapping; }

private:
    void addRole(const QString& name, quint8 role);
    KeyInfo classify(const QString& key) const;
    Result<void> readFields(qsizetype i, const QString& recordId, const QJsonObject& object, ParsedRow& row,
                            quint8& present);
    Baselines baselinesOf(const RecordGroup& group) const;
    void addVisits(const RecordGroup& group, MergeResult& result) const;
    ScanVisit visitOf(const RecordGroup& group, const ParsedRow& row, const Baselines& baselines) const;

    const MappingConfig& m_mapping;
    // What each key means, looked up once per key; checkbox parts are added as they appear.
    QHash<QString, KeyInfo> m_keys;
    QHash<QByteArray, KeyInfo> m_utf8Keys; // the same by UTF-8 key, for FastRecordReader
    struct KeySlot
    {
        QByteArray key;
        KeyInfo* info = nullptr; // into m_utf8Keys, valid while it holds `keys` keys
        qsizetype keys = 0;
    };
    QList<KeySlot> m_keyAt; // by position in a row
    QSet<QString> m_requested;
    QHash<QString, qsizetype> m_groupOf;
    QList<RecordGroup> m_groups;
    QList<ParsedRow> m_kept;
    QList<FieldValue> m_fields;
    QString m_text;
};

} // namespace Lantir::Merge
