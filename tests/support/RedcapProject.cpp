#include "RedcapProject.h"

#include "SplitMix.h"

#include <QJsonObject>
#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <cstring>

namespace Lantir::Test {

namespace {

constexpr int kMaxColumns = 64;
const QString kRecordId = QStringLiteral("record_id");
const QString kEventName = QStringLiteral("baseline_arm_1");
const QString kScanForm = QStringLiteral("mri");

// Writes `value` zero-padded to at least `width` digits; returns the number of chars (no NUL).
int formatNumber(char* out, int value, int width = 1)
{
    char tmp[16];
    int n = 0;
    unsigned v = static_cast<unsigned>(value < 0 ? -value : value);
    do {
        tmp[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v > 0);
    while (n < width)
        tmp[n++] = '0';
    int len = 0;
    if (value < 0)
        out[len++] = '-';
    while (n > 0)
        out[len++] = tmp[--n];
    return len;
}

// Appends JSON to a byte buffer without per-call allocation checks beyond one size test.
class JsonOut
{
public:
    explicit JsonOut(qsizetype reserve) { m_buf.resize(std::max<qsizetype>(reserve, 64)); }

    void raw(char c)
    {
        ensure(1);
        m_buf.data()[m_len++] = c;
    }
    void raw(QByteArrayView bytes)
    {
        if (bytes.isEmpty())
            return;
        ensure(bytes.size());
        std::memcpy(m_buf.data() + m_len, bytes.data(), static_cast<size_t>(bytes.size()));
        m_len += bytes.size();
    }
    void number(int value)
    {
        char tmp[16];
        raw(QByteArrayView(tmp, formatNumber(tmp, value)));
    }
    // A JSON string (quotes included) from UTF-8 bytes.
    void string(QByteArrayView utf8)
    {
        ensure(utf8.size() * 6 + 2);
        char* d = m_buf.data() + m_len;
        *d++ = '"';
        for (const char ch : utf8) {
            const auto c = static_cast<unsigned char>(ch);
            if (c >= 0x20 && c != '"' && c != '\\') {
                *d++ = ch;
                continue;
            }
            *d++ = '\\';
            switch (c) {
            case '"':
                *d++ = '"';
                break;
            case '\\':
                *d++ = '\\';
                break;
            case '\n':
                *d++ = 'n';
                break;
            case '\r':
                *d++ = 'r';
                break;
            case '\t':
                *d++ = 't';
                break;
            case '\b':
                *d++ = 'b';
                break;
            case '\f':
                *d++ = 'f';
                break;
            default: {
                static const char hex[] = "0123456789abcdef";
                *d++ = 'u';
                *d++ = '0';
                *d++ = '0';
                *d++ = hex[c >> 4];
                *d++ = hex[c & 0xF];
            }
            }
        }
        *d++ = '"';
        m_len = d - m_buf.data();
    }
    void text(const QString& value) { string(QByteArrayView(value.toUtf8())); }
    qsizetype size() const { return m_len; }
    QByteArray take()
    {
        m_buf.truncate(m_len); // keeps the allocation: squeezing would copy the whole body once more
        return std::move(m_buf);
    }

private:
    void ensure(qsizetype more)
    {
        if (m_len + more > m_buf.size())
            m_buf.resize(std::max(m_buf.size() * 2, m_len + more));
    }

    QByteArray m_buf;
    qsizetype m_len = 0;
};

QByteArray jsonString(const QString& text)
{
    JsonOut out(text.size() + 8);
    out.text(text);
    return out.take();
}

char* writeVarint(char* out, quint32 value)
{
    while (value >= 0x80) {
        *out++ = static_cast<char>((value & 0x7F) | 0x80);
        value >>= 7;
    }
    *out++ = static_cast<char>(value);
    return out;
}

// Splits a packed row into views of its `count` values. Views point into `packed`.
void unpack(const QByteArray& packed, int count, QByteArrayView* out)
{
    const auto* p = reinterpret_cast<const uchar*>(packed.constData());
    const auto* end = p + packed.size();
    for (int i = 0; i < count; ++i) {
        quint32 length = 0;
        int shift = 0;
        while (p < end) {
            const uchar b = *p++;
            length |= static_cast<quint32>(b & 0x7F) << shift;
            if (!(b & 0x80))
                break;
            shift += 7;
        }
        const qsizetype available = end - p;
        const qsizetype n = std::min<qsizetype>(length, available);
        out[i] = QByteArrayView(reinterpret_cast<const char*>(p), n);
        p += n;
    }
}

QByteArray pack(const QByteArrayView* values, int count)
{
    qsizetype total = 0;
    for (int i = 0; i < count; ++i)
        total += values[i].size() + 5;
    QByteArray out(total, Qt::Uninitialized);
    char* d = out.data();
    for (int i = 0; i < count; ++i) {
        d = writeVarint(d, static_cast<quint32>(values[i].size()));
        if (!values[i].isEmpty())
            std::memcpy(d, values[i].data(), static_cast<size_t>(values[i].size()));
        d += values[i].size();
    }
    out.truncate(d - out.constData());
    return out;
}

bool isDigits(const QString& s)
{
    if (s.isEmpty())
        return false;
    return std::all_of(s.cbegin(), s.cend(),
                       [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
}

qint64 floorSecs(qint64 ms)
{
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

QString invalidValuesError(const QString& parameter, const QStringList& values)
{
    QStringList quoted;
    quoted.reserve(values.size());
    for (const QString& v : values)
        quoted.append(QLatin1Char('\'') + v + QLatin1Char('\''));
    return QStringLiteral("The following values in the parameter \"") + parameter
        + QStringLiteral("\" are not valid: ") + quoted.join(QStringLiteral(", "));
}

} // namespace

bool RedcapProject::RecordIdLess::operator()(const QString& a, const QString& b) const
{
    // REDCap lists records in natural order: numeric ids by value, then the others by text.
    const bool an = isDigits(a);
    const bool bn = isDigits(b);
    if (an && bn) {
        qsizetype ai = 0;
        qsizetype bi = 0;
        while (ai + 1 < a.size() && a.at(ai) == QLatin1Char('0'))
            ++ai;
        while (bi + 1 < b.size() && b.at(bi) == QLatin1Char('0'))
            ++bi;
        const qsizetype al = a.size() - ai;
        const qsizetype bl = b.size() - bi;
        if (al != bl)
            return al < bl;
        const int c = QStringView(a).mid(ai).compare(QStringView(b).mid(bi));
        if (c != 0)
            return c < 0;
        return a.size() < b.size();
    }
    if (an != bn)
        return an;
    return a < b;
}

RedcapProject::RedcapProject()
{
    buildSchema();
}

void RedcapProject::buildSchema()
{
    auto add = [this](const QString& name, const QString& form, const QString& type, const QString& label,
                      const QString& choices = {}, const QString& validation = {}, const QString& min = {},
                      const QString& max = {}, const QString& note = {}, const QString& identifier = {}) {
        Field f { name, form, type, label, choices, validation, min, max, note, identifier, {} };
        if (type == QLatin1String("checkbox")) {
            const QStringList options = choices.split(QLatin1Char('|'));
            for (const QString& option : options)
                f.exportNames.append(name + QStringLiteral("___")
                                     + option.section(QLatin1Char(','), 0, 0).trimmed());
        } else {
            f.exportNames.append(name);
        }
        m_fields.push_back(f);
    };
    const QString demographics = QStringLiteral("demographics");
    add(kRecordId, demographics, QStringLiteral("text"), QStringLiteral("Record ID"));
    add(QStringLiteral("study_id"), demographics, QStringLiteral("text"), QStringLiteral("Study ID"), {}, {},
        {}, {}, QStringLiteral("CPIP-NNNN"), QStringLiteral("y"));
    add(QStringLiteral("family_id"), demographics, QStringLiteral("text"), QStringLiteral("Family ID"), {},
        {}, {}, {}, QStringLiteral("FAM-NNN"));
    add(QStringLiteral("youth_dob_y"), demographics, QStringLiteral("text"), QStringLiteral("Year of birth"),
        {}, QStringLiteral("integer"), QStringLiteral("2000"), QStringLiteral("2030"));
    add(QStringLiteral("demo_sex"), demographics, QStringLiteral("radio"), QStringLiteral("Sex"),
        QStringLiteral("1, Male | 2, Female"));
    add(QStringLiteral("consent"), demographics, QStringLiteral("checkbox"), QStringLiteral("Consent"),
        QStringLiteral("1, Data may be used for research | 2, May be contacted about future studies"));
    add(QStringLiteral("mri_instance"), kScanForm, QStringLiteral("text"), QStringLiteral("MRI session"), {},
        QStringLiteral("integer"), QStringLiteral("1"));
    add(QStringLiteral("mri_date"), kScanForm, QStringLiteral("text"), QStringLiteral("Scan date"), {},
        QStringLiteral("date_ymd"));
    add(QStringLiteral("mri_time"), kScanForm, QStringLiteral("text"), QStringLiteral("Scan time"), {},
        QStringLiteral("time"));

    m_forms.clear();
    m_columns.clear();
    for (size_t i = 0; i < m_fields.size(); ++i) {
        const Field& f = m_fields[i];
        if (!m_forms.contains(f.form))
            m_forms.append(f.form);
        if (f.name != kRecordId) {
            for (const QString& name : f.exportNames)
                m_columns.push_back({ name, f.form, {} });
        }
        const bool lastOfForm = i + 1 == m_fields.size() || m_fields[i + 1].form != f.form;
        if (lastOfForm)
            m_columns.push_back({ f.form + QStringLiteral("_complete"), f.form, {} });
    }
    for (Column& c : m_columns)
        c.keyJson = ',' + jsonString(c.name) + ':';
    Q_ASSERT(m_columns.size() <= static_cast<size_t>(kMaxColumns));
}

int RedcapProject::columnIndex(const QString& name) const
{
    for (size_t i = 0; i < m_columns.size(); ++i) {
        if (m_columns[i].name == name)
            return static_cast<int>(i);
    }
    return -1;
}

int RedcapProject::formIndex(const QString& form) const
{
    return static_cast<int>(m_forms.indexOf(form));
}

QString RedcapProject::recordIdField()
{
    return kRecordId;
}

QString RedcapProject::eventName() const
{
    return m_longitudinal ? kEventName : QString();
}

int RedcapProject::rowCount() const
{
    size_t n = 0;
    for (const auto& entry : m_records)
        n += entry.second->rows.size();
    return static_cast<int>(n);
}

QStringList RedcapProject::exportColumnNames() const
{
    QStringList names { kRecordId };
    if (m_longitudinal)
        names.append(QStringLiteral("redcap_event_name"));
    names.append(QStringLiteral("redcap_repeat_instrument"));
    names.append(QStringLiteral("redcap_repeat_instance"));
    names.append(dataColumnNames());
    return names;
}

QStringList RedcapProject::dataColumnNames() const
{
    QStringList names;
    for (const Column& c : m_columns)
        names.append(c.name);
    return names;
}

QStringList RedcapProject::formNames() const
{
    return m_forms;
}

QByteArray RedcapProject::emptyPacked() const
{
    return QByteArray(static_cast<qsizetype>(m_columns.size()), '\0');
}

void RedcapProject::generate(const SimulatorProject& project, qint64 nowMs)
{
    m_records.clear();
    m_idIndexDirty = true;
    m_longitudinal = project.longitudinal;
    m_churnState = (static_cast<quint64>(project.seed) << 32) ^ 0x5DEECE66DULL;

    const int columnCount = static_cast<int>(m_columns.size());
    const int cStudy = columnIndex(QStringLiteral("study_id"));
    const int cFamily = columnIndex(QStringLiteral("family_id"));
    const int cDob = columnIndex(QStringLiteral("youth_dob_y"));
    const int cSex = columnIndex(QStringLiteral("demo_sex"));
    const int cConsent1 = columnIndex(QStringLiteral("consent___1"));
    const int cConsent2 = columnIndex(QStringLiteral("consent___2"));
    const int cDemoComplete = columnIndex(QStringLiteral("demographics_complete"));
    const int cInstance = columnIndex(QStringLiteral("mri_instance"));
    const int cDate = columnIndex(QStringLiteral("mri_date"));
    const int cTime = columnIndex(QStringLiteral("mri_time"));
    const int cMriComplete = columnIndex(QStringLiteral("mri_complete"));

    const QByteArray scanForm = kScanForm.toUtf8(); // shared by every scan row
    const QDate firstScan = project.firstScanDate.isValid() ? project.firstScanDate : QDate(2025, 1, 6);
    const qint64 modified = nowMs - qint64(24) * 3600 * 1000;
    const int scans = std::max(0, project.scansPerRecord);

    QVarLengthArray<QByteArrayView, kMaxColumns> values(columnCount);
    char study[32];
    char family[32];
    char year[8];
    char sex[4];
    char instance[16];
    char date[16];
    char time[8];
    for (int n = 1; n <= project.records; ++n) {
        SplitMix rng { (static_cast<quint64>(project.seed) << 32)
                       ^ static_cast<quint64>(n) * 0xD1B54A32D192ED03ULL };
        Record record;
        char id[16];
        const int idLen = formatNumber(id, n);
        record.idJson.reserve(idLen + 2);
        record.idJson.append('"').append(id, idLen).append('"');
        record.modifiedMs = modified;
        record.rows.reserve(static_cast<size_t>(scans) + 1);

        std::fill(values.begin(), values.end(), QByteArrayView());
        std::memcpy(study, "CPIP-", 5);
        const int studyLen = 5 + formatNumber(study + 5, n, 4);
        std::memcpy(family, "FAM-", 4);
        const int familyLen = 4 + formatNumber(family + 4, 1 + (n - 1) / 2, 3);
        const int yearLen = formatNumber(year, 2010 + rng.bounded(7));
        const int sexLen = formatNumber(sex, 1 + rng.bounded(2));
        values[cStudy] = QByteArrayView(study, studyLen);
        values[cFamily] = QByteArrayView(family, familyLen);
        values[cDob] = QByteArrayView(year, yearLen);
        values[cSex] = QByteArrayView(sex, sexLen);
        values[cConsent1] = rng.bounded(10) == 0 ? QByteArrayView("0") : QByteArrayView("1");
        values[cConsent2] = rng.bounded(2) == 0 ? QByteArrayView("0") : QByteArrayView("1");
        values[cDemoComplete] = QByteArrayView("2");
        record.rows.push_back(Row { QByteArray(), 0, pack(values.constData(), columnCount) });

        std::fill(values.begin(), values.end(), QByteArrayView());
        QDate scanDate = firstScan.addDays(rng.bounded(180));
        for (int k = 1; k <= scans; ++k) {
            const int minutes = 8 * 60 + 15 * rng.bounded(40);
            const int instanceLen = formatNumber(instance, k);
            int dateLen = formatNumber(date, scanDate.year(), 4);
            date[dateLen++] = '-';
            dateLen += formatNumber(date + dateLen, scanDate.month(), 2);
            date[dateLen++] = '-';
            dateLen += formatNumber(date + dateLen, scanDate.day(), 2);
            int timeLen = formatNumber(time, minutes / 60, 2);
            time[timeLen++] = ':';
            timeLen += formatNumber(time + timeLen, minutes % 60, 2);
            values[cInstance] = QByteArrayView(instance, instanceLen);
            values[cDate] = QByteArrayView(date, dateLen);
            values[cTime] = QByteArrayView(time, timeLen);
            values[cMriComplete] = QByteArrayView("2");
            record.rows.push_back(Row { scanForm, k, pack(values.constData(), columnCount) });
            scanDate = scanDate.addDays(60 + rng.bounded(120));
        }
        m_records.emplace_hint(m_records.end(), QString::fromLatin1(id, idLen),
                               std::make_shared<Record>(std::move(record)));
    }
}

std::optional<QVector<int>> RedcapProject::resolveColumns(const QStringList& fields, const QStringList& forms,
                                                          QString* error) const
{
    QSet<int> selected;
    QStringList invalid;
    for (const QString& raw : fields) {
        const QString name = raw.trimmed();
        if (name.isEmpty() || name == kRecordId)
            continue;
        const auto field = std::find_if(m_fields.cbegin(), m_fields.cend(),
                                        [&name](const Field& f) { return f.name == name; });
        if (field != m_fields.cend()) {
            for (const QString& exportName : field->exportNames)
                selected.insert(columnIndex(exportName));
            continue;
        }
        const int index = columnIndex(name);
        if (index >= 0 && name.endsWith(QLatin1String("_complete"))) {
            selected.insert(index);
            continue;
        }
        invalid.append(name);
    }
    if (!invalid.isEmpty()) {
        if (error)
            *error = invalidValuesError(QStringLiteral("fields"), invalid);
        return std::nullopt;
    }
    for (const QString& raw : forms) {
        const QString form = raw.trimmed();
        if (form.isEmpty())
            continue;
        if (!m_forms.contains(form)) {
            invalid.append(form);
            continue;
        }
        for (size_t i = 0; i < m_columns.size(); ++i) {
            if (m_columns[i].form == form)
                selected.insert(static_cast<int>(i));
        }
    }
    if (!invalid.isEmpty()) {
        if (error)
            *error = invalidValuesError(QStringLiteral("forms"), invalid);
        return std::nullopt;
    }
    QVector<int> columns(selected.cbegin(), selected.cend());
    std::sort(columns.begin(), columns.end());
    return columns;
}

// A snapshot of the records an export selected, rendered piece by piece. Records are shared with
// the project and copied there on write, so rendering needs no lock and sees a consistent state.
struct RedcapProject::ExportState
{
    std::vector<std::shared_ptr<const Record>> records;
    std::vector<QByteArray> keys; // ,"column": for each selected column
    std::vector<int> columns;
    int columnCount = 0;
    QByteArray eventJson; // ,"redcap_event_name":"..." in longitudinal projects
    qsizetype chunkBytes = 0;
    qsizetype bytesPerRow = 0;
    size_t next = 0;
    bool opened = false;
    bool closed = false;
    int rows = 0;

    QByteArray render()
    {
        if (closed)
            return {};
        size_t rowsLeft = 0;
        for (size_t i = next; i < records.size()
             && rowsLeft * static_cast<size_t>(bytesPerRow) < static_cast<size_t>(chunkBytes);
             ++i)
            rowsLeft += records[i]->rows.size();
        JsonOut out(std::min<qsizetype>(chunkBytes, static_cast<qsizetype>(rowsLeft) * bytesPerRow) + 4096);
        if (!opened) {
            out.raw('[');
            opened = true;
        }
        QVarLengthArray<QByteArrayView, kMaxColumns> values(columnCount);
        while (next < records.size() && out.size() < chunkBytes) {
            const Record& record = *records[next++];
            for (const Row& row : record.rows) {
                out.raw(rows == 0 ? QByteArrayView("{\"record_id\":") : QByteArrayView(",{\"record_id\":"));
                out.raw(record.idJson);
                if (!eventJson.isEmpty())
                    out.raw(eventJson);
                out.raw(QByteArrayView(",\"redcap_repeat_instrument\":"));
                out.string(QByteArrayView(row.instrument));
                out.raw(QByteArrayView(",\"redcap_repeat_instance\":"));
                if (row.instance > 0)
                    out.number(row.instance);
                else
                    out.raw(QByteArrayView("\"\""));
                unpack(row.packed, columnCount, values.data());
                for (size_t i = 0; i < columns.size(); ++i) {
                    out.raw(keys[i]);
                    out.string(values[columns[i]]);
                }
                out.raw('}');
                ++rows;
            }
        }
        if (next >= records.size()) {
            out.raw(']');
            closed = true;
            records.clear();
            records.shrink_to_fit();
        }
        return out.take();
    }
};

std::shared_ptr<RedcapProject::ExportState> RedcapProject::makeExport(const Selection& selection,
                                                                      qsizetype chunkBytes) const
{
    auto state = std::make_shared<ExportState>();
    state->columnCount = static_cast<int>(m_columns.size());
    state->chunkBytes = chunkBytes;
    for (int i = 0; i < state->columnCount; ++i) {
        if (selection.allColumns || selection.columns.contains(i)) {
            state->columns.push_back(i);
            state->keys.push_back(m_columns[static_cast<size_t>(i)].keyJson);
        }
    }
    if (m_longitudinal)
        state->eventJson = ",\"redcap_event_name\":" + jsonString(kEventName);
    state->bytesPerRow = 80 + state->eventJson.size();
    for (const QByteArray& key : state->keys)
        state->bytesPerRow += key.size() + 8;

    auto inRange = [&selection](const Record& record) {
        const qint64 secs = floorSecs(record.modifiedMs);
        return secs >= selection.beginSecs && secs <= selection.endSecs;
    };
    if (selection.filterRecords) {
        std::vector<RecordMap::const_iterator> found;
        found.reserve(static_cast<size_t>(selection.records.size()));
        for (const QString& id : selection.records) {
            const auto it = m_records.find(id);
            if (it != m_records.cend() && inRange(*it->second))
                found.push_back(it);
        }
        const RecordIdLess less;
        std::sort(found.begin(), found.end(), [&less](auto a, auto b) { return less(a->first, b->first); });
        found.erase(std::unique(found.begin(), found.end()), found.end());
        state->records.reserve(found.size());
        for (const auto& it : found)
            state->records.push_back(it->second);
    } else {
        state->records.reserve(m_records.size());
        for (const auto& entry : m_records) {
            if (inRange(*entry.second))
                state->records.push_back(entry.second);
        }
    }
    return state;
}

std::function<QByteArray()> RedcapProject::exportStream(const Selection& selection,
                                                        qsizetype chunkBytes) const
{
    std::shared_ptr<ExportState> state = makeExport(selection, std::max<qsizetype>(chunkBytes, 1024));
    return [state] { return state->render(); };
}

QByteArray RedcapProject::exportJson(const Selection& selection, int* rows) const
{
    std::shared_ptr<ExportState> state = makeExport(selection, std::numeric_limits<qsizetype>::max() / 2);
    QByteArray json = state->render();
    if (rows)
        *rows = state->rows;
    return json;
}

QJsonObject RedcapProject::rowObject(const QString& recordId, const Row& row) const
{
    const int columnCount = static_cast<int>(m_columns.size());
    QVarLengthArray<QByteArrayView, kMaxColumns> values(columnCount);
    QJsonObject object;
    object.insert(kRecordId, recordId);
    if (m_longitudinal)
        object.insert(QStringLiteral("redcap_event_name"), kEventName);
    object.insert(QStringLiteral("redcap_repeat_instrument"), QString::fromUtf8(row.instrument));
    if (row.instance > 0)
        object.insert(QStringLiteral("redcap_repeat_instance"), row.instance);
    else
        object.insert(QStringLiteral("redcap_repeat_instance"), QString());
    unpack(row.packed, columnCount, values.data());
    for (int c = 0; c < columnCount; ++c)
        object.insert(m_columns[static_cast<size_t>(c)].name, QString::fromUtf8(values[c]));
    return object;
}

QJsonArray RedcapProject::exportAll(int maxRows) const
{
    QJsonArray result;
    for (const auto& entry : m_records) {
        for (const Row& row : entry.second->rows) {
            if (maxRows >= 0 && result.size() >= maxRows)
                return result;
            result.append(rowObject(entry.first, row));
        }
    }
    return result;
}

QJsonArray RedcapProject::exportRecord(const QString& recordId) const
{
    QJsonArray result;
    const auto it = m_records.find(recordId);
    if (it == m_records.cend())
        return result;
    for (const Row& row : it->second->rows)
        result.append(rowObject(it->first, row));
    return result;
}

QString RedcapProject::recordIdAt(int index)
{
    const auto& ids = idIndex();
    if (index < 0 || static_cast<size_t>(index) >= ids.size())
        return {};
    return ids[static_cast<size_t>(index)]->first;
}

QString RedcapProject::nextRecordId() const
{
    // Numeric ids sort first and by value, so the highest is the last numeric one.
    for (auto it = m_records.crbegin(); it != m_records.crend(); ++it) {
        if (isDigits(it->first))
            return QString::number(it->first.toLongLong() + 1);
    }
    return QStringLiteral("1");
}

std::optional<QByteArray> RedcapProject::metadataJson(const QStringList& fields, const QStringList& forms,
                                                      QString* error) const
{
    QStringList invalid;
    for (const QString& raw : fields) {
        const QString name = raw.trimmed();
        const bool known = std::any_of(m_fields.cbegin(), m_fields.cend(),
                                       [&name](const Field& f) { return f.name == name; });
        if (!name.isEmpty() && !known)
            invalid.append(name);
    }
    if (!invalid.isEmpty()) {
        if (error)
            *error = invalidValuesError(QStringLiteral("fields"), invalid);
        return std::nullopt;
    }
    for (const QString& raw : forms) {
        const QString form = raw.trimmed();
        if (!form.isEmpty() && !m_forms.contains(form))
            invalid.append(form);
    }
    if (!invalid.isEmpty()) {
        if (error)
            *error = invalidValuesError(QStringLiteral("forms"), invalid);
        return std::nullopt;
    }

    const bool filtered = !fields.isEmpty() || !forms.isEmpty();
    JsonOut out(4096);
    out.raw('[');
    bool first = true;
    for (const Field& f : m_fields) {
        if (filtered) {
            const bool byField = std::any_of(fields.cbegin(), fields.cend(),
                                             [&f](const QString& n) { return n.trimmed() == f.name; });
            const bool byForm = std::any_of(forms.cbegin(), forms.cend(),
                                            [&f](const QString& n) { return n.trimmed() == f.form; });
            if (!byField && !byForm)
                continue;
        }
        if (!first)
            out.raw(',');
        first = false;
        const QString empty;
        const std::pair<const char*, const QString*> entries[] = {
            { "field_name", &f.name },
            { "form_name", &f.form },
            { "section_header", &empty },
            { "field_type", &f.type },
            { "field_label", &f.label },
            { "select_choices_or_calculations", &f.choices },
            { "field_note", &f.note },
            { "text_validation_type_or_show_slider_number", &f.validation },
            { "text_validation_min", &f.validationMin },
            { "text_validation_max", &f.validationMax },
            { "identifier", &f.identifier },
            { "branching_logic", &empty },
            { "required_field", &empty },
            { "custom_alignment", &empty },
            { "question_number", &empty },
            { "matrix_group_name", &empty },
            { "matrix_ranking", &empty },
            { "field_annotation", &empty },
        };
        out.raw('{');
        bool firstKey = true;
        for (const auto& entry : entries) {
            if (!firstKey)
                out.raw(',');
            firstKey = false;
            out.string(QByteArrayView(entry.first));
            out.raw(':');
            out.text(*entry.second);
        }
        out.raw('}');
    }
    out.raw(']');
    return out.take();
}

RedcapProject::Record& RedcapProject::writable(std::shared_ptr<Record>& record)
{
    // An export in flight may still render this record: give the project its own copy.
    if (record.use_count() > 1)
        record = std::make_shared<Record>(*record);
    return *record;
}

RedcapProject::Record& RedcapProject::recordFor(const QString& recordId)
{
    auto it = m_records.find(recordId);
    if (it == m_records.end()) {
        Record record;
        record.idJson = jsonString(recordId);
        // REDCap keeps the record id on the record's first (baseline) row, so every record has one.
        record.rows.push_back(Row { QByteArray(), 0, emptyPacked() });
        it = m_records.emplace(recordId, std::make_shared<Record>(std::move(record))).first;
        m_idIndexDirty = true;
    }
    return writable(it->second);
}

RedcapProject::Row& RedcapProject::rowFor(Record& record, const QString& instrument, int instance)
{
    const QByteArray instrumentUtf8 = instrument.toUtf8();
    auto key = [this](const QByteArray& instr, int inst) {
        if (instr.isEmpty() && inst == 0)
            return std::make_pair(-2, 0);
        return std::make_pair(instr.isEmpty() ? -1 : formIndex(QString::fromUtf8(instr)), inst);
    };
    const auto wanted = key(instrumentUtf8, instance);
    auto it = std::lower_bound(record.rows.begin(), record.rows.end(), wanted,
                               [&key](const Row& row, const std::pair<int, int>& k) {
                                   return key(row.instrument, row.instance) < k;
                               });
    if (it != record.rows.end() && key(it->instrument, it->instance) == wanted)
        return *it;
    it = record.rows.insert(it, Row { instrumentUtf8, instance, emptyPacked() });
    return *it;
}

bool RedcapProject::setValue(const QString& recordId, const QString& instrument, int instance,
                             const QString& field, const QString& value, qint64 nowMs, QString* error)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (recordId.isEmpty())
        return fail(QStringLiteral("the record id is empty"));
    const int column = columnIndex(field);
    if (column < 0)
        return fail(QStringLiteral("'%1' is not a data column of the simulated project (one of: %2)")
                        .arg(field, dataColumnNames().join(QStringLiteral(", "))));
    if (instance < 0)
        return fail(QStringLiteral("repeat instance %1 is negative").arg(instance));
    if (!instrument.isEmpty() && !m_forms.contains(instrument))
        return fail(QStringLiteral("'%1' is not an instrument of the simulated project").arg(instrument));
    if (!instrument.isEmpty() && instance == 0)
        return fail(QStringLiteral("a row of the repeating instrument '%1' needs an instance of 1 or more")
                        .arg(instrument));

    Record& record = recordFor(recordId);
    Row& row = rowFor(record, instrument, instance);
    const int columnCount = static_cast<int>(m_columns.size());
    QVarLengthArray<QByteArrayView, kMaxColumns> values(columnCount);
    unpack(row.packed, columnCount, values.data());
    const QByteArray utf8 = value.toUtf8();
    values[column] = QByteArrayView(utf8);
    row.packed = pack(values.constData(), columnCount);
    record.modifiedMs = nowMs;
    return true;
}

bool RedcapProject::removeRecord(const QString& recordId)
{
    const bool removed = m_records.erase(recordId) > 0;
    if (removed)
        m_idIndexDirty = true;
    return removed;
}

bool RedcapProject::removeRow(const QString& recordId, const QString& instrument, int instance, qint64 nowMs)
{
    const auto it = m_records.find(recordId);
    if (it == m_records.end())
        return false;
    auto& rows = writable(it->second).rows;
    const QByteArray instrumentUtf8 = instrument.toUtf8();
    const auto row = std::find_if(rows.begin(), rows.end(), [&](const Row& r) {
        return r.instrument == instrumentUtf8 && r.instance == instance;
    });
    if (row == rows.end())
        return false;
    rows.erase(row);
    if (rows.empty())
        return removeRecord(recordId);
    it->second->modifiedMs = nowMs;
    return true;
}

bool RedcapProject::setModifiedAt(const QString& recordId, qint64 whenMs)
{
    const auto it = m_records.find(recordId);
    if (it == m_records.end())
        return false;
    writable(it->second).modifiedMs = whenMs;
    return true;
}

bool RedcapProject::hasRecord(const QString& recordId) const
{
    return m_records.find(recordId) != m_records.cend();
}

std::optional<qint64> RedcapProject::modifiedAt(const QString& recordId) const
{
    const auto it = m_records.find(recordId);
    if (it == m_records.cend())
        return std::nullopt;
    return it->second->modifiedMs;
}

const std::vector<RedcapProject::RecordMap::value_type*>& RedcapProject::idIndex()
{
    if (m_idIndexDirty) {
        m_idIndex.clear();
        m_idIndex.reserve(m_records.size());
        for (auto& entry : m_records)
            m_idIndex.push_back(&entry);
        m_idIndexDirty = false;
    }
    return m_idIndex;
}

int RedcapProject::churn(int count, qint64 nowMs)
{
    const auto& index = idIndex();
    if (index.empty() || count <= 0)
        return 0;
    SplitMix rng { m_churnState };
    const int columnCount = static_cast<int>(m_columns.size());
    const int cTime = columnIndex(QStringLiteral("mri_time"));
    const QByteArray scanForm = kScanForm.toUtf8();
    QVarLengthArray<QByteArrayView, kMaxColumns> values(columnCount);
    for (int i = 0; i < count; ++i) {
        Record& record
            = writable(index[static_cast<size_t>(rng.bounded(static_cast<int>(index.size())))]->second);
        std::vector<Row*> scans;
        for (Row& row : record.rows) {
            if (row.instrument == scanForm && row.instance > 0)
                scans.push_back(&row);
        }
        if (!scans.empty()) {
            Row& row = *scans[static_cast<size_t>(rng.bounded(static_cast<int>(scans.size())))];
            unpack(row.packed, columnCount, values.data());
            const int slot = rng.bounded(40);
            char time[8];
            auto format = [&time](int slotIndex) {
                const int minutes = 8 * 60 + 15 * slotIndex;
                formatNumber(time, minutes / 60, 2);
                time[2] = ':';
                formatNumber(time + 3, minutes % 60, 2);
            };
            format(slot);
            if (values[cTime] == QByteArrayView(time, 5))
                format((slot + 1) % 40);
            values[cTime] = QByteArrayView(time, 5);
            row.packed = pack(values.constData(), columnCount);
        }
        record.modifiedMs = nowMs;
    }
    m_churnState = rng.state;
    return count;
}

} // namespace Lantir::Test
