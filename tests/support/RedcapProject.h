#pragma once

#include <QByteArray>
#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace Lantir::Test {

// The shape of a synthetic REDCap project. Values are deterministic: the same seed gives the
// same data for a record whatever the number of records.
struct SimulatorProject
{
    int records = 100; // record ids "1".."N"
    int scansPerRecord = 2; // repeating `mri` rows per record (instances 1..K)
    quint32 seed = 1; // deterministic values
    bool longitudinal = false; // adds redcap_event_name ("baseline_arm_1") to every row
    QDate firstScanDate = QDate(2025, 1, 6); // scan dates fall from here on (first within 180 days)
};

// The data of one REDCap project with a `demographics` form and a repeating `mri` instrument,
// kept compactly (one packed byte array per row) so that 100,000 records fit in a few tens of
// MB, and exported as REDCap's flat JSON by writing the bytes directly.
// Not thread-safe: RedcapSimulator serialises access.
class RedcapProject
{
public:
    static constexpr qint64 unbounded = std::numeric_limits<qint64>::min();

    // What an Export Records request selects.
    struct Selection
    {
        bool allColumns = true; // false: record_id, the automatic columns and `columns` only
        QVector<int> columns; // data column indexes (see dataColumnNames), ascending
        bool filterRecords = false;
        QStringList records; // when filterRecords
        qint64 beginSecs = unbounded; // modification time bounds, seconds since the epoch, inclusive
        qint64 endSecs = std::numeric_limits<qint64>::max();
    };

    RedcapProject();

    void generate(const SimulatorProject& project, qint64 nowMs);

    bool isLongitudinal() const { return m_longitudinal; }
    int recordCount() const { return static_cast<int>(m_records.size()); }
    int rowCount() const;
    QString eventName() const;
    static QString recordIdField();

    // The columns of a full export, in REDCap's order: record_id, the automatic redcap_* columns,
    // then the data columns (checkbox codes expanded, `<form>_complete` after each form).
    QStringList exportColumnNames() const;
    // The data columns alone (everything after the automatic columns).
    QStringList dataColumnNames() const;
    QStringList formNames() const;

    // Resolves REDCap's `fields` and `forms` parameters into data column indexes (record_id adds
    // none: it is always exported). On an unknown name returns nullopt and sets `error` to
    // REDCap's message.
    std::optional<QVector<int>> resolveColumns(const QStringList& fields, const QStringList& forms,
                                               QString* error) const;

    // Flat JSON export (`[]` when nothing matches). `rows` receives the number of rows written.
    QByteArray exportJson(const Selection& selection, int* rows = nullptr) const;
    // The same export in pieces of about `chunkBytes`: each call returns the next piece, an empty
    // array at the end. It renders from a snapshot taken now, so it may be called after the
    // caller's lock is released, from any one thread, while the project keeps changing.
    std::function<QByteArray()> exportStream(const Selection& selection,
                                             qsizetype chunkBytes = 256 * 1024) const;
    // Every row with every column, as QJsonArray (the reference for tests); at most `maxRows` rows
    // when maxRows >= 0.
    QJsonArray exportAll(int maxRows = -1) const;
    // The data dictionary (content=metadata), optionally filtered; nullopt + REDCap's message on an
    // unknown field or form name.
    std::optional<QByteArray> metadataJson(const QStringList& fields, const QStringList& forms,
                                           QString* error) const;

    // instance 0 = the record's baseline row (instrument must be empty); instrument "" with an
    // instance > 0 is a repeating-event row. Creates the record and the row when absent. Returns
    // false and sets `error` for an unknown field or instrument.
    bool setValue(const QString& recordId, const QString& instrument, int instance, const QString& field,
                  const QString& value, qint64 nowMs, QString* error);
    bool removeRecord(const QString& recordId);
    bool removeRow(const QString& recordId, const QString& instrument, int instance, qint64 nowMs);
    bool setModifiedAt(const QString& recordId, qint64 whenMs);
    bool hasRecord(const QString& recordId) const;
    std::optional<qint64> modifiedAt(const QString& recordId) const;
    // The rows of one record as exportAll() gives them (empty when there is no such record).
    QJsonArray exportRecord(const QString& recordId) const;
    // The record at `index` (0 .. recordCount() - 1) in REDCap's order, for picking records at random.
    QString recordIdAt(int index);
    // The id REDCap's auto-numbering gives the next new record: the highest numeric id plus one.
    QString nextRecordId() const;

    // Soak-test churn: gives `count` random records a new mri_time on one of their scans (or just
    // a new modification time when they have none). Returns how many records were touched.
    int churn(int count, qint64 nowMs);

private:
    struct Row
    {
        QByteArray instrument; // "" on the baseline row and on repeating-event rows
        int instance = 0; // 0 on the baseline row
        QByteArray packed; // one varint length + bytes per data column
    };
    struct Record
    {
        QByteArray idJson; // the record id as a JSON string, quotes included
        qint64 modifiedMs = 0;
        std::vector<Row> rows; // baseline first, then by instrument (form order) and instance
    };
    struct RecordIdLess
    {
        bool operator()(const QString& a, const QString& b) const;
    };
    struct Field
    {
        QString name;
        QString form;
        QString type;
        QString label;
        QString choices;
        QString validation;
        QString validationMin;
        QString validationMax;
        QString note;
        QString identifier;
        QStringList exportNames; // checkbox codes expanded; one name for other fields
    };
    struct Column
    {
        QString name;
        QString form;
        QByteArray keyJson; // ,"name":
    };
    using RecordMap = std::map<QString, std::shared_ptr<Record>, RecordIdLess>; // records copied on write
    struct ExportState;

    void buildSchema();
    int columnIndex(const QString& name) const;
    int formIndex(const QString& form) const;
    std::shared_ptr<ExportState> makeExport(const Selection& selection, qsizetype chunkBytes) const;
    static Record& writable(std::shared_ptr<Record>& record);
    Record& recordFor(const QString& recordId);
    Row& rowFor(Record& record, const QString& instrument, int instance);
    QJsonObject rowObject(const QString& recordId, const Row& row) const;
    QByteArray emptyPacked() const;
    const std::vector<RecordMap::value_type*>& idIndex();

    bool m_longitudinal = false;
    quint64 m_churnState = 0;
    std::vector<Field> m_fields;
    std::vector<Column> m_columns; // data columns
    QStringList m_forms;
    RecordMap m_records;
    std::vector<RecordMap::value_type*> m_idIndex; // random access for churn; rebuilt after inserts/erases
    bool m_idIndexDirty = true;
};

} // namespace Lantir::Test
