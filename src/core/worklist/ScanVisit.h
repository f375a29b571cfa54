#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace Lantir {

// Field -> value of one scan visit. A visit holds tens of fields at most, so one flat list
// searched in order costs one allocation per visit where a hash costs one per field, and a
// lookup compares the field names' shared data before their text.
class FieldValues
{
public:
    using Entry = std::pair<QString, QString>;

    class const_iterator
    {
    public:
        explicit const_iterator(QList<Entry>::const_iterator at)
            : m_at(at)
        {
        }
        const QString& key() const { return m_at->first; }
        const QString& value() const { return m_at->second; }
        const_iterator& operator++()
        {
            ++m_at;
            return *this;
        }
        bool operator==(const const_iterator& other) const { return m_at == other.m_at; }
        bool operator!=(const const_iterator& other) const { return m_at != other.m_at; }

    private:
        QList<Entry>::const_iterator m_at;
    };

    void reserve(qsizetype size) { m_entries.reserve(size); }
    // Sets `field` to `value`, replacing the value it had.
    void insert(const QString& field, const QString& value);
    bool contains(const QString& field) const { return indexOf(field) >= 0; }
    // The field's value; an absent field reads as a null QString.
    const QString& value(const QString& field) const;
    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    const_iterator cbegin() const { return const_iterator(m_entries.cbegin()); }
    const_iterator cend() const { return const_iterator(m_entries.cend()); }
    const_iterator begin() const { return cbegin(); }
    const_iterator end() const { return cend(); }

private:
    qsizetype indexOf(const QString& field) const;

    QList<Entry> m_entries;
};

// One scan row of a REDCap record with the empty fields filled from the record's baseline.
struct ScanVisit
{
    QString recordId;
    QString eventName; // redcap_event_name; empty in classic projects
    QString repeatInstance; // redcap_repeat_instance as text ("1", "2", ...)
    // Requested field -> value: the scan row's value, else the baseline's. Only non-empty values
    // are present; an absent field is empty. Checkbox fields appear as `name___code`.
    FieldValues values;

    const QString& value(const QString& field) const { return values.value(field); }
};

// What one REDCap export gave after merging.
struct MergeResult
{
    QList<ScanVisit> visits;
    qint64 rows = 0; // rows in the export
    qint64 records = 0; // distinct record ids
};

} // namespace Lantir
