#pragma once

#include "SplitMix.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <array>
#include <map>
#include <utility>

namespace Lantir::Test {

class RedcapProject;

// What the users of a REDCap project do to it between two sync cycles, drawn from a seed so
// that a run can be repeated exactly: new participants, new scan visits (repeat instances),
// edits of baseline fields (family id, sex, year of birth, the study id's prefix, a field the
// sync does not export), rescheduled and unscheduled visits (date or time changed, time
// cleared), deleted visits and deleted records. Every change of one step goes to a different
// record and carries the step's modification time, so REDCap's date-range export finds it.
//
// It also remembers each scan visit that stops being one (its row or record deleted, its time
// cleared) as the record was just before: a sync that ran since the previous step has written
// exactly that; Lantir then cancels its row (pylantir keeps it SCHEDULED), and never deletes it
// unless retention is set.
class RecordChurn
{
public:
    enum Kind
    {
        NewRecord, // a new participant, REDCap's next record id, with 0-2 scheduled visits
        NewVisit, // the next repeat instance of the scan instrument, scheduled
        EditBaseline, // family id, sex, year of birth, study id prefix, or the (unexported) consent
        EditVisit, // a new date and/or time; an unscheduled visit gets a time again
        UnscheduleVisit, // the time of a scheduled visit cleared
        DeleteVisit, // one scan row deleted
        DeleteRecord, // the whole record deleted
        KindCount
    };

    struct Stats
    {
        qint64 steps = 0;
        std::array<qint64, KindCount> changes {};
        qint64 total() const;
        // "412 steps, 8240 changes: 577 new records, 1483 new visits, ..."
        QString summary() const;
    };

    explicit RecordChurn(quint32 seed);

    static QString kindName(Kind kind);

    // Makes up to `changes` changes, each to a different record, all modified at `stampMs`.
    // Returns how many were made (fewer only when the project has too few records to pick from).
    int step(RedcapProject& project, int changes, qint64 stampMs);

    const Stats& stats() const { return m_stats; }

    // The retired visits, in record and instance order (see SimulatorTruth::retired).
    QJsonArray retired() const;

private:
    Kind drawKind();
    bool apply(RedcapProject& project, Kind kind, const QString& recordId, const QJsonArray& rows,
               qint64 stampMs);
    void retire(const QString& recordId, const QJsonObject& baseline, const QJsonObject& visit,
                bool recordDeleted = false);
    QString slotTime(const QString& avoid);

    SplitMix m_rng;
    Stats m_stats;
    // (record id, repeat instance) -> {"baseline": ..., "visit": ...} as compact JSON.
    std::map<std::pair<QString, int>, QByteArray> m_retired;
};

} // namespace Lantir::Test
