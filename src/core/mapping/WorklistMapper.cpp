#include "mapping/WorklistMapper.h"

#include "base/Logging.h"
#include "mapping/DateTimeNormalizer.h"

#include <algorithm>

namespace Lantir {

namespace {
const QString MrModality = QStringLiteral("MR");

// Empty text is stored as NULL.
QString orNull(const QString& text)
{
    return text.isEmpty() ? QString() : text;
}
} // namespace

WorklistMapper::WorklistMapper(const MappingConfig& mapping, const QString& sourceName)
    : m_mapping(mapping)
    , m_sourceName(sourceName)
    , m_protocol(mapping.protocolBySite.value(mapping.site, mapping.protocol))
    , m_nameSegments(parsePattern(mapping.patientNamePattern))
    , m_idSegments(parsePattern(mapping.patientIdPattern))
{
    if (m_protocol.isEmpty())
        m_protocol = mapping.protocol;
    m_targets.reserve(mapping.fieldMapping.size());
    for (const auto& [source, target] : mapping.fieldMapping) {
        const Worklist::Column column = Worklist::columnFromName(target);
        if (Worklist::isSyncWritable(column))
            m_targets.append({ source, column });
    }
}

QStringView WorklistMapper::afterLastDash(const QString& id)
{
    const qsizetype dash = id.lastIndexOf(QLatin1Char('-'));
    return dash < 0 ? QStringView(id) : QStringView(id).sliced(dash + 1);
}

QList<WorklistMapper::Segment> WorklistMapper::parsePattern(const QString& pattern)
{
    static const std::pair<QLatin1String, Segment::Kind> Placeholders[] = {
        { QLatin1String("{study}"), Segment::Study },     { QLatin1String("{family}"), Segment::Family },
        { QLatin1String("{session}"), Segment::Session }, { QLatin1String("{site}"), Segment::Site },
        { QLatin1String("{record}"), Segment::Record },
    };
    QList<Segment> segments;
    QString literal;
    const QStringView text(pattern);
    qsizetype i = 0;
    while (i < text.size()) {
        bool matched = false;
        if (text[i] == QLatin1Char('{')) {
            for (const auto& [name, kind] : Placeholders) {
                if (text.sliced(i).startsWith(name)) {
                    if (!literal.isEmpty())
                        segments.append({ Segment::Literal, std::exchange(literal, QString()) });
                    segments.append({ kind, QString() });
                    i += name.size();
                    matched = true;
                    break;
                }
            }
        }
        if (!matched) {
            literal.append(text[i]);
            ++i;
        }
    }
    if (!literal.isEmpty())
        segments.append({ Segment::Literal, literal });
    return segments;
}

// values: study, family, session, site, record (indexed by Kind - 1).
// Empty text comes back null (SQL NULL). The text is written in place: appending piece by piece
// costs more than the copying itself.
QString WorklistMapper::expand(const QList<Segment>& segments, const QStringView* values)
{
    qsizetype size = 0;
    for (const Segment& s : segments)
        size += s.kind == Segment::Literal ? s.text.size() : values[s.kind - 1].size();
    if (size == 0)
        return QString();
    QString out(size, Qt::Uninitialized);
    QChar* at = out.data();
    for (const Segment& s : segments) {
        const QStringView piece = s.kind == Segment::Literal ? QStringView(s.text) : values[s.kind - 1];
        std::copy(piece.cbegin(), piece.cend(), at);
        at += piece.size();
    }
    return out;
}

MappingOutcome WorklistMapper::map(const QList<ScanVisit>& visits) const
{
    using namespace Worklist;
    MappingOutcome outcome;
    outcome.entries.reserve(visits.size());

    for (const ScanVisit& visit : visits) {
        const QStringView study = afterLastDash(visit.value(m_mapping.studyIdField));
        if (study.isEmpty()) {
            ++outcome.skipped;
            outcome.warnings.append(
                QStringLiteral("record '%1' (event '%2', instance '%3'): no %4, scan visit skipped")
                    .arg(visit.recordId, visit.eventName, visit.repeatInstance, m_mapping.studyIdField));
            continue;
        }
        const QStringView values[] = {
            study,
            afterLastDash(visit.value(m_mapping.familyIdField)),
            visit.value(m_mapping.sessionField),
            m_mapping.site,
            visit.recordId,
        };

        WorklistEntry entry;
        entry.key = EntryKey { m_sourceName, visit.recordId, visit.eventName, visit.repeatInstance };
        entry[PatientName] = expand(m_nameSegments, values);
        entry[PatientId] = expand(m_idSegments, values);
        entry[Modality] = MrModality;
        entry[DataSource] = orNull(m_sourceName);
        entry[HisrisCodingDesignator] = orNull(m_mapping.codingDesignator);

        for (const auto& [source, column] : m_targets) {
            const QString& value = visit.value(source);
            if (!value.isEmpty())
                entry[column] = value;
        }

        if (entry[ScheduledStartDate].isNull())
            entry[ScheduledStartDate] = visit.value(m_mapping.dateField);
        if (entry[ScheduledStartTime].isNull())
            entry[ScheduledStartTime] = visit.value(m_mapping.timeField);
        entry[ScheduledStartDate] = DateTimeNormalizer::normalizeDate(entry[ScheduledStartDate]);
        entry[ScheduledStartTime] = DateTimeNormalizer::normalizeTime(entry[ScheduledStartTime]);
        if (!entry[PatientBirthDate].isNull()) {
            QString date = DateTimeNormalizer::normalizeDate(entry[PatientBirthDate]);
            if (DateTimeNormalizer::isNormalizedDate(date))
                entry[PatientBirthDate] = std::move(date);
        }
        if (entry[ProtocolName].isNull())
            entry[ProtocolName] = orNull(m_protocol);

        // Values from REDCap are never empty, so empty text only came from an empty pattern.
        for (QString& column : entry.columns) {
            if (column.isEmpty() && !column.isNull())
                column = QString();
        }
        outcome.entries.append(std::move(entry));
    }

    for (const QString& warning : std::as_const(outcome.warnings))
        qCWarning(lcMerge).noquote() << warning;
    return outcome;
}

QList<Worklist::Column> WorklistMapper::ownedColumns() const
{
    using namespace Worklist;
    std::array<bool, ColumnCount> owned {};
    for (Column c : { PatientName, PatientId, Modality, DataSource, ScheduledStartDate, ScheduledStartTime,
                      ProtocolName })
        owned[c] = true;
    if (!m_mapping.codingDesignator.isEmpty())
        owned[HisrisCodingDesignator] = true;
    for (const auto& target : m_targets)
        owned[target.second] = true;

    QList<Column> columns;
    for (int c = 0; c < ColumnCount; ++c) {
        if (owned[c])
            columns.append(static_cast<Column>(c));
    }
    return columns;
}

} // namespace Lantir
