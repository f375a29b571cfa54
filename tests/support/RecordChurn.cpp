#include "RecordChurn.h"

#include "RedcapProject.h"

#include <QDate>
#include <QJsonDocument>
#include <QSet>

namespace Lantir::Test {

namespace {

const QString kScanForm = QStringLiteral("mri");
const QDate kFirstScan(2025, 1, 6);

// Out of 100 changes: mostly rescheduling, new visits and corrections, a few arrivals,
// cancellations and withdrawals. New records slightly outnumber deleted ones, as in a study
// that is still recruiting.
constexpr std::array<int, RecordChurn::KindCount> kWeights {
    7, // NewRecord
    18, // NewVisit
    26, // EditBaseline
    28, // EditVisit
    6, // UnscheduleVisit
    10, // DeleteVisit
    5, // DeleteRecord
};

QString field(const QJsonObject& row, const QString& name)
{
    return row.value(name).toString();
}

int instanceOf(const QJsonObject& row)
{
    const QJsonValue value = row.value(QStringLiteral("redcap_repeat_instance"));
    return value.isDouble() ? value.toInt() : value.toString().toInt();
}

QString afterLastDash(const QString& id)
{
    return id.mid(id.lastIndexOf(QLatin1Char('-')) + 1);
}

// A scan row a sync turns into a worklist entry: session, date and time filled in on the row,
// and a study id (on the row or the baseline).
bool isScheduled(const QJsonObject& baseline, const QJsonObject& scan)
{
    const QString study = field(scan, QStringLiteral("study_id")).isEmpty()
        ? field(baseline, QStringLiteral("study_id"))
        : field(scan, QStringLiteral("study_id"));
    return !field(scan, QStringLiteral("mri_instance")).isEmpty()
        && !field(scan, QStringLiteral("mri_date")).isEmpty()
        && !field(scan, QStringLiteral("mri_time")).isEmpty() && !study.isEmpty();
}

QString padded(qint64 value, int width)
{
    return QStringLiteral("%1").arg(value, width, 10, QLatin1Char('0'));
}

QString dateText(const QDate& date)
{
    return date.toString(QStringLiteral("yyyy-MM-dd"));
}

} // namespace

qint64 RecordChurn::Stats::total() const
{
    qint64 sum = 0;
    for (const qint64 n : changes)
        sum += n;
    return sum;
}

QString RecordChurn::Stats::summary() const
{
    QStringList parts;
    for (int k = 0; k < KindCount; ++k)
        parts.append(
            QStringLiteral("%1 %2").arg(changes[static_cast<size_t>(k)]).arg(kindName(static_cast<Kind>(k))));
    return QStringLiteral("%1 steps, %2 changes: %3")
        .arg(steps)
        .arg(total())
        .arg(parts.join(QStringLiteral(", ")));
}

RecordChurn::RecordChurn(quint32 seed)
    : m_rng { (static_cast<quint64>(seed) << 32) ^ 0xC6A4A7935BD1E995ULL }
{
}

QString RecordChurn::kindName(Kind kind)
{
    switch (kind) {
    case NewRecord:
        return QStringLiteral("new records");
    case NewVisit:
        return QStringLiteral("new visits");
    case EditBaseline:
        return QStringLiteral("baseline edits");
    case EditVisit:
        return QStringLiteral("visit date/time edits");
    case UnscheduleVisit:
        return QStringLiteral("visits unscheduled");
    case DeleteVisit:
        return QStringLiteral("visits deleted");
    case DeleteRecord:
        return QStringLiteral("records deleted");
    case KindCount:
        break;
    }
    return QString();
}

RecordChurn::Kind RecordChurn::drawKind()
{
    int roll = m_rng.bounded(100);
    for (int k = 0; k < KindCount; ++k) {
        roll -= kWeights[static_cast<size_t>(k)];
        if (roll < 0)
            return static_cast<Kind>(k);
    }
    return EditVisit;
}

QString RecordChurn::slotTime(const QString& avoid)
{
    // Scanner slots every 15 minutes from 08:00 to 17:45.
    int slot = m_rng.bounded(40);
    auto format = [](int s) -> QString {
        const int minutes = 8 * 60 + 15 * s;
        return padded(minutes / 60, 2) + QLatin1Char(':') + padded(minutes % 60, 2);
    };
    if (format(slot) == avoid)
        slot = (slot + 1) % 40;
    return format(slot);
}

int RecordChurn::step(RedcapProject& project, int changes, qint64 stampMs)
{
    ++m_stats.steps;
    QSet<QString> touched;
    int made = 0;
    for (int i = 0; i < changes; ++i) {
        const Kind drawn = drawKind();
        const Kind kind = project.recordCount() == 0 ? NewRecord : drawn;
        bool done = false;
        if (kind == NewRecord) {
            const QString id = project.nextRecordId();
            done = !touched.contains(id) && apply(project, kind, id, QJsonArray(), stampMs);
            if (done)
                touched.insert(id);
        } else {
            // A record this step has not touched, to which the change applies.
            for (int attempt = 0; attempt < 16 && !done; ++attempt) {
                const QString id = project.recordIdAt(m_rng.bounded(project.recordCount()));
                if (id.isEmpty() || touched.contains(id))
                    continue;
                done = apply(project, kind, id, project.exportRecord(id), stampMs);
                if (done)
                    touched.insert(id);
            }
        }
        if (done) {
            ++m_stats.changes[static_cast<size_t>(kind)];
            ++made;
        }
    }
    return made;
}

bool RecordChurn::apply(RedcapProject& project, Kind kind, const QString& recordId, const QJsonArray& rows,
                        qint64 stampMs)
{
    QJsonObject baseline;
    QList<QJsonObject> scans;
    for (const QJsonValue& value : rows) {
        const QJsonObject row = value.toObject();
        const QString instrument = field(row, QStringLiteral("redcap_repeat_instrument"));
        if (instrument.isEmpty() && instanceOf(row) == 0 && baseline.isEmpty())
            baseline = row;
        else if (instrument == kScanForm)
            scans.append(row);
    }
    auto set = [&](const QString& instrument, int instance, const QString& name, const QString& value) {
        return project.setValue(recordId, instrument, instance, name, value, stampMs, nullptr);
    };
    auto addVisit = [&](int instance, const QDate& date) {
        return set(kScanForm, instance, QStringLiteral("mri_instance"), QString::number(instance))
            && set(kScanForm, instance, QStringLiteral("mri_date"), dateText(date))
            && set(kScanForm, instance, QStringLiteral("mri_time"), slotTime(QString()))
            && set(kScanForm, instance, QStringLiteral("mri_complete"), QStringLiteral("2"));
    };
    auto pick = [this](const QList<QJsonObject>& from) {
        return from.at(m_rng.bounded(static_cast<int>(from.size())));
    };

    switch (kind) {
    case NewRecord: {
        const qint64 n = recordId.toLongLong();
        const bool ok = set(QString(), 0, QStringLiteral("study_id"), QStringLiteral("CPIP-") + padded(n, 4))
            && set(QString(), 0, QStringLiteral("family_id"),
                   QStringLiteral("FAM-") + padded(1 + (n - 1) / 2, 3))
            && set(QString(), 0, QStringLiteral("youth_dob_y"), QString::number(2010 + m_rng.bounded(7)))
            && set(QString(), 0, QStringLiteral("demo_sex"), QString::number(1 + m_rng.bounded(2)))
            && set(QString(), 0, QStringLiteral("consent___1"), QStringLiteral("1"))
            && set(QString(), 0, QStringLiteral("consent___2"), QString::number(m_rng.bounded(2)))
            && set(QString(), 0, QStringLiteral("demographics_complete"), QStringLiteral("2"));
        if (!ok)
            return false;
        const int visits = m_rng.bounded(3);
        QDate date = kFirstScan.addDays(m_rng.bounded(180));
        for (int k = 1; k <= visits; ++k) {
            if (!addVisit(k, date))
                return false;
            date = date.addDays(60 + m_rng.bounded(120));
        }
        return true;
    }
    case NewVisit: {
        int last = 0;
        QDate lastDate;
        for (const QJsonObject& scan : std::as_const(scans)) {
            last = std::max(last, instanceOf(scan));
            const QDate date
                = QDate::fromString(field(scan, QStringLiteral("mri_date")), QStringLiteral("yyyy-MM-dd"));
            if (date.isValid() && (!lastDate.isValid() || date > lastDate))
                lastDate = date;
        }
        const QDate date = lastDate.isValid() ? lastDate.addDays(30 + m_rng.bounded(120))
                                              : kFirstScan.addDays(m_rng.bounded(365));
        return addVisit(last + 1, date);
    }
    case EditBaseline: {
        if (baseline.isEmpty())
            return false;
        switch (m_rng.bounded(5)) {
        case 0: {
            const QString now = field(baseline, QStringLiteral("family_id"));
            int number = 1 + m_rng.bounded(999);
            if (QStringLiteral("FAM-") + padded(number, 3) == now)
                number = number % 999 + 1;
            return set(QString(), 0, QStringLiteral("family_id"), QStringLiteral("FAM-") + padded(number, 3));
        }
        case 1:
            return set(QString(), 0, QStringLiteral("demo_sex"),
                       field(baseline, QStringLiteral("demo_sex")) == QLatin1String("1")
                           ? QStringLiteral("2")
                           : QStringLiteral("1"));
        case 2: {
            const int now = field(baseline, QStringLiteral("youth_dob_y")).toInt();
            int year = 2008 + m_rng.bounded(11);
            if (year == now)
                year = year == 2018 ? 2008 : year + 1;
            return set(QString(), 0, QStringLiteral("youth_dob_y"), QString::number(year));
        }
        case 3: {
            // The same study number under another prefix: the worklist identity must not change.
            const QString study = field(baseline, QStringLiteral("study_id"));
            if (study.isEmpty())
                return false;
            const QString number = afterLastDash(study);
            return set(QString(), 0, QStringLiteral("study_id"),
                       study.startsWith(QLatin1String("CPIP-R-")) ? QStringLiteral("CPIP-") + number
                                                                  : QStringLiteral("CPIP-R-") + number);
        }
        default:
            // A field the sync does not export: the record is re-exported, its entries stay unchanged.
            return set(QString(), 0, QStringLiteral("consent___2"),
                       field(baseline, QStringLiteral("consent___2")) == QLatin1String("1")
                           ? QStringLiteral("0")
                           : QStringLiteral("1"));
        }
    }
    case EditVisit: {
        if (scans.isEmpty())
            return false;
        const QJsonObject scan = pick(scans);
        const int instance = instanceOf(scan);
        const QString time = field(scan, QStringLiteral("mri_time"));
        // An unscheduled visit is rescheduled (gets a time); a scheduled one moves in time, day or both.
        const int what = time.isEmpty() ? 0 : m_rng.bounded(3);
        bool ok = true;
        if (what == 0 || what == 2)
            ok = set(kScanForm, instance, QStringLiteral("mri_time"), slotTime(time));
        if (ok && (what == 1 || what == 2)) {
            QDate date
                = QDate::fromString(field(scan, QStringLiteral("mri_date")), QStringLiteral("yyyy-MM-dd"));
            if (!date.isValid())
                date = kFirstScan;
            const int days = 1 + m_rng.bounded(28);
            ok = set(kScanForm, instance, QStringLiteral("mri_date"),
                     dateText(date.addDays(m_rng.bounded(2) ? days : -days)));
        }
        return ok;
    }
    case UnscheduleVisit: {
        QList<QJsonObject> scheduled;
        for (const QJsonObject& scan : std::as_const(scans)) {
            if (isScheduled(baseline, scan))
                scheduled.append(scan);
        }
        if (scheduled.isEmpty())
            return false;
        const QJsonObject scan = pick(scheduled);
        retire(recordId, baseline, scan);
        return set(kScanForm, instanceOf(scan), QStringLiteral("mri_time"), QString());
    }
    case DeleteVisit: {
        if (scans.isEmpty())
            return false;
        const QJsonObject scan = pick(scans);
        if (isScheduled(baseline, scan))
            retire(recordId, baseline, scan);
        return project.removeRow(recordId, kScanForm, instanceOf(scan), stampMs);
    }
    case DeleteRecord: {
        for (const QJsonObject& scan : std::as_const(scans)) {
            if (isScheduled(baseline, scan))
                retire(recordId, baseline, scan, true);
        }
        return project.removeRecord(recordId);
    }
    case KindCount:
        break;
    }
    return false;
}

void RecordChurn::retire(const QString& recordId, const QJsonObject& baseline, const QJsonObject& visit,
                         bool recordDeleted)
{
    QJsonObject entry { { QStringLiteral("baseline"), baseline }, { QStringLiteral("visit"), visit } };
    if (recordDeleted)
        entry.insert(QStringLiteral("record_deleted"), true);
    m_retired[{ recordId, instanceOf(visit) }] = QJsonDocument(entry).toJson(QJsonDocument::Compact);
}

QJsonArray RecordChurn::retired() const
{
    QJsonArray out;
    for (const auto& entry : m_retired)
        out.append(QJsonDocument::fromJson(entry.second).object());
    return out;
}

} // namespace Lantir::Test
