#include "redcap/RecordIdScanner.h"

#include "redcap/RedcapResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstring>

namespace Lantir {

namespace {
constexpr qsizetype MaxKeptBytes = 1 << 20; // what is kept of an answer that is not a list

// Characters before the first quote or backslash of data[0, size).
qsizetype plainRun(const char* data, qsizetype size)
{
    qsizetype n = 0;
    while (n < size && data[n] != '"' && data[n] != '\\')
        ++n;
    return n;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool startsWithBom(QByteArrayView raw)
{
    return raw.size() >= 3 && raw[0] == '\xEF' && raw[1] == '\xBB' && raw[2] == '\xBF';
}
} // namespace

RecordIdScanner::RecordIdScanner(QString recordIdField)
    : m_field(std::move(recordIdField))
    , m_fieldUtf8(m_field.toUtf8())
{
}

void RecordIdScanner::reset()
{
    m_state = State::Start;
    m_token.clear();
    m_escape = false;
    m_keyIsId = false;
    m_rowHasId = false;
    m_rowId.clear();
    m_hasEscapes = false;
    m_rows = 0;
    m_bytes = 0;
    m_at = 0;
    m_notAList.clear();
    m_error.clear();
    m_ids.clear();
}

void RecordIdScanner::fail(QString message)
{
    m_state = State::Failed;
    m_error = std::move(message);
    m_ids.clear();
}

QByteArray RecordIdScanner::decodeString(QByteArrayView raw) const
{
    if (!m_hasEscapes) {
        // Qt's JSON parser (the full parser's) drops a byte order mark at the very start of a
        // string given as raw UTF-8 (an escaped \ufeff stays): so does this one.
        static const QByteArray Bom("\xEF\xBB\xBF");
        return raw.startsWith(Bom) ? raw.sliced(Bom.size()).toByteArray() : raw.toByteArray();
    }
    const QJsonDocument doc = QJsonDocument::fromJson("[\"" + raw.toByteArray() + "\"]");
    return doc.array().at(0).toString().toUtf8();
}

bool RecordIdScanner::isIdKey(QByteArrayView raw) const
{
    if (!m_hasEscapes && !startsWithBom(raw))
        return raw.size() == m_fieldUtf8.size()
            && std::memcmp(raw.data(), m_fieldUtf8.constData(), std::size_t(raw.size())) == 0;
    // A key is not a value: Qt's JSON object keeps a raw leading byte order mark in the key, so
    // "\xEF\xBB\xBFrecord_id" is a field of its own that a lookup of record_id never finds. Asking
    // Qt's parser itself keeps both exports in agreement on such keys.
    const QJsonDocument doc = QJsonDocument::fromJson("{\"" + raw.toByteArray() + "\":0}");
    return doc.object().contains(QString::fromUtf8(m_fieldUtf8));
}

void RecordIdScanner::endScalar()
{
    // A record id given as a number (12 or 12.0) is the text REDCap means by it, written exactly as
    // the full parser writes it (RedcapResponse::scalarText), so both exports name a record alike.
    if (m_keyIsId) {
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString('[' + m_token + ']'));
        const QJsonValue value = doc.array().at(0);
        const QString text = RedcapResponse::scalarText(value);
        if (!text.isEmpty()) {
            m_rowId = text.toUtf8();
            m_rowHasId = true;
        } else if (value.isNull()) {
            m_rowId.clear();
            m_rowHasId = false;
        } else {
            fail(QStringLiteral("Row %1 of REDCap's answer has the record id field \"%2\" as %3, not as "
                                "text. Check the API URL points to REDCap's API.")
                     .arg(m_rows + 1)
                     .arg(m_field, QString::fromStdString(m_token)));
            return;
        }
    }
    m_token.clear();
    m_state = State::AfterValue;
}

void RecordIdScanner::endRow()
{
    ++m_rows;
    if (!m_rowHasId) {
        fail(QStringLiteral("Row %1 of REDCap's answer has no record id field \"%2\". Check the record id "
                            "field in the mapping "
                            "(it is the first field of the project's data dictionary).")
                 .arg(m_rows)
                 .arg(m_field));
        return;
    }
    if (m_rowId.isEmpty()) {
        fail(QStringLiteral("Row %1 of REDCap's answer has an empty record id.").arg(m_rows));
        return;
    }
    m_ids.append(m_rowId);
    m_rowId.resize(0); // keeps its bytes for the next row's id
    m_rowHasId = false;
    m_state = State::AfterRow;
}

void RecordIdScanner::feed(const char* data, qsizetype size)
{
    const qint64 first = m_bytes; // offset of data[0] in the answer
    m_bytes += size;
    for (qsizetype i = 0; i < size; ++i) {
        m_at = first + i + 1;
        const char c = data[i];
        switch (m_state) {
        case State::Failed:
            return;
        case State::NotAList:
            keepNotAList(data + i, size - i);
            return;
        case State::Start:
            if (!isSpace(c) && c != '[') { // an HTML page, an error object: kept for finish()
                m_state = State::NotAList;
                keepNotAList(data + i, size - i);
                return;
            }
            readList(c);
            break;
        case State::ArrayValueOrEnd:
        case State::ArrayValue:
        case State::AfterRow:
        case State::Done:
            readList(c);
            break;
        case State::Key:
        case State::StringValue: {
            // The plain characters up to the next quote or backslash at once; only the keys and
            // the record id are kept.
            const qsizetype run = m_escape ? 0 : plainRun(data + i, size - i);
            if (run == 0) {
                readString(c);
                break;
            }
            if (m_state == State::Key || m_keyIsId)
                m_token.append(data + i, std::size_t(run));
            i += run - 1;
            m_at = first + i + 1;
            break;
        }
        case State::ScalarValue:
            if (readScalar(c)) {
                --i; // the delimiter is read again after the value
            }
            break;
        default:
            if (c == '"' && (m_state == State::KeyOrEnd || m_state == State::Value)) {
                if (const qsizetype taken = readWholeString(data + i, size - i)) {
                    i += taken - 1;
                    break;
                }
            }
            readRow(c);
            break;
        }
    }
}

// The usual key or string value: its closing quote in this chunk and no escape before it. Read at
// once, as startString() and readString() would read it byte by byte; returns the bytes taken from
// the opening quote (data[0]) to the closing one, or 0 for any other string, left to them.
qsizetype RecordIdScanner::readWholeString(const char* data, qsizetype size)
{
    const auto* close = static_cast<const char*>(std::memchr(data + 1, '"', std::size_t(size - 1)));
    if (!close)
        return 0;
    const QByteArrayView raw(data + 1, close - data - 1);
    if (std::memchr(raw.data(), '\\', std::size_t(raw.size())))
        return 0;
    m_token.clear();
    m_hasEscapes = false;
    if (m_state == State::KeyOrEnd) {
        m_keyIsId = isIdKey(raw);
        m_state = State::Colon;
    } else {
        if (m_keyIsId) {
            if (startsWithBom(raw)) {
                m_rowId = decodeString(raw);
            } else { // into the bytes the last id had: no allocation per row
                m_rowId.resize(raw.size());
                std::memcpy(m_rowId.data(), raw.data(), std::size_t(raw.size()));
            }
            m_rowHasId = true;
        }
        m_state = State::AfterValue;
    }
    return close - data + 1;
}

void RecordIdScanner::keepNotAList(const char* data, qsizetype size)
{
    if (m_notAList.size() < MaxKeptBytes)
        m_notAList.append(data, qMin(size, MaxKeptBytes - m_notAList.size()));
}

void RecordIdScanner::failNotJson()
{
    fail(QStringLiteral("REDCap's answer is not valid JSON (row %1, byte %2).").arg(m_rows + 1).arg(m_at));
}

// The list around the rows: '[', rows separated by commas, ']', then only white space.
void RecordIdScanner::readList(char c)
{
    if (isSpace(c))
        return;
    switch (m_state) {
    case State::Start:
        m_state = State::ArrayValueOrEnd; // c is '['
        return;
    case State::ArrayValueOrEnd:
    case State::ArrayValue:
        if (c == '{') {
            m_state = State::KeyOrEnd;
        } else if (c == ']' && m_state == State::ArrayValueOrEnd) {
            m_state = State::Done;
        } else {
            fail(QStringLiteral("Row %1 of REDCap's answer is not a record (a JSON object). Check the "
                                "API URL points to REDCap's API.")
                     .arg(m_rows + 1));
        }
        return;
    case State::AfterRow:
        if (c == ',') {
            m_state = State::ArrayValue;
        } else if (c == ']') {
            m_state = State::Done;
        } else {
            fail(QStringLiteral("REDCap's answer is not valid JSON after row %1.").arg(m_rows));
        }
        return;
    default: // Done
        fail(QStringLiteral("REDCap's answer has unexpected data after the list of records."));
        return;
    }
}

// Inside a row: keys, colons, the start of each value, commas and the closing brace.
void RecordIdScanner::readRow(char c)
{
    if (isSpace(c))
        return;
    switch (m_state) {
    case State::KeyOrEnd:
        if (c == '"') {
            startString(State::Key);
        } else if (c == '}') {
            endRow();
        } else {
            failNotJson();
        }
        return;
    case State::Colon:
        if (c == ':') {
            m_state = State::Value;
        } else {
            failNotJson();
        }
        return;
    case State::Value:
        readValueStart(c);
        return;
    default: // AfterValue
        if (c == ',') {
            m_state = State::KeyOrEnd;
        } else if (c == '}') {
            endRow();
        } else {
            failNotJson();
        }
        return;
    }
}

void RecordIdScanner::readValueStart(char c)
{
    if (c == '"') {
        startString(State::StringValue);
    } else if (c == '[' || c == '{') {
        fail(QStringLiteral("A field in row %1 of REDCap's answer holds %2; REDCap's flat export "
                            "holds only text and numbers. "
                            "Check the API URL points to REDCap's API.")
                 .arg(m_rows + 1)
                 .arg(c == '[' ? QStringLiteral("a list") : QStringLiteral("an object")));
    } else {
        m_state = State::ScalarValue;
        m_token.assign(1, c);
    }
}

void RecordIdScanner::startString(State state)
{
    m_state = state;
    m_token.clear();
    m_hasEscapes = false;
}

// A key or a string value, escapes kept as they are until the closing quote.
void RecordIdScanner::readString(char c)
{
    if (m_escape) {
        m_escape = false;
        m_token += c;
        return;
    }
    if (c == '\\') {
        m_escape = true;
        m_hasEscapes = true;
        m_token += c;
        return;
    }
    if (c != '"') {
        if (m_state == State::Key || m_keyIsId)
            m_token += c;
        return;
    }
    if (m_state == State::Key) {
        m_keyIsId = isIdKey(QByteArrayView(m_token.data(), qsizetype(m_token.size())));
        m_state = State::Colon;
    } else {
        if (m_keyIsId) {
            m_rowId = decodeString(QByteArrayView(m_token.data(), qsizetype(m_token.size())));
            m_rowHasId = true;
        }
        m_state = State::AfterValue;
    }
    m_token.clear();
}

// A number, true, false or null; true when `c` ended it and is to be read again.
bool RecordIdScanner::readScalar(char c)
{
    if (c == ',' || c == '}' || isSpace(c)) {
        endScalar();
        return m_state != State::Failed;
    }
    m_token += c;
    return false;
}

Result<RecordIdList> RecordIdScanner::finish()
{
    switch (m_state) {
    case State::Done: {
        RecordIdList ids = std::move(m_ids);
        m_ids = RecordIdList();
        ids.squeeze(); // held for the whole cycle: no growth room
        return ids;
    }
    case State::Failed:
        return makeError(Error::Kind::Response, m_error);
    case State::Start:
    case State::NotAList: {
        // Not a list at all: the full parser words it (HTML page, REDCap error object, empty body).
        Result<QJsonArray> parsed = RedcapResponse::parseRecords(m_notAList);
        if (!parsed)
            return parsed.error();
        return makeError(Error::Kind::Response, QStringLiteral("REDCap's answer is not a list of records."));
    }
    default:
        return makeError(Error::Kind::Response,
                         QStringLiteral("REDCap's answer ends before the JSON data is complete (%1 bytes "
                                        "received): the transfer was cut off "
                                        "by the server, the network or a proxy. Try again; if it keeps "
                                        "happening, use a smaller batch size.")
                             .arg(m_bytes));
    }
}

} // namespace Lantir
