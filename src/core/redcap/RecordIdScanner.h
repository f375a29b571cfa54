#pragma once

#include "base/Result.h"
#include "redcap/RecordIdList.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <string>

namespace Lantir {

// Reads REDCap's answer to a `fields=record_id` export as it arrives, chunk by chunk, and keeps
// only the record ids: the body is never held whole and no JSON document is built, so the id
// export of a 100,000-record project costs the id list and nothing else.
//
// It checks the structure the full parser (RedcapResponse) checks: a list of objects with scalar
// values, each with a non-empty record id field, and nothing after the list. Every answer the full
// parser accepts, it accepts with the same record ids (fuzz_record_ids checks this). It is not as
// strict on what it skips: values other than the record id are not checked as JSON (a misspelt
// literal or a bad escape in another field goes unnoticed here, where the full parser would refuse
// the answer). An answer that does not start as a list (an HTML page, REDCap's {"error": ...}
// object, an empty body) is kept, up to a bound, and explained at finish() with the same words as
// RedcapResponse.
class RecordIdScanner
{
public:
    explicit RecordIdScanner(QString recordIdField);

    // Starts over (a retried request sends the whole answer again).
    void reset();
    void feed(const char* data, qsizetype size);
    void feed(const QByteArray& chunk) { feed(chunk.constData(), chunk.size()); }
    // After the last chunk: the ids, or what was wrong with the answer.
    Result<RecordIdList> finish();

    qint64 rowCount() const { return m_rows; }

private:
    enum class State
    {
        Start,
        ArrayValueOrEnd,
        ArrayValue,
        KeyOrEnd,
        Key,
        Colon,
        Value,
        StringValue,
        ScalarValue,
        AfterValue,
        AfterRow,
        Done,
        NotAList,
        Failed,
    };

    void fail(QString message);
    void failNotJson();
    void keepNotAList(const char* data, qsizetype size);
    void readList(char c);
    void readRow(char c);
    void readValueStart(char c);
    void startString(State state);
    void readString(char c);
    qsizetype readWholeString(const char* data, qsizetype size);
    bool readScalar(char c);
    void endScalar();
    void endRow();
    QByteArray decodeString(QByteArrayView raw) const;
    bool isIdKey(QByteArrayView raw) const;

    QString m_field;
    QByteArray m_fieldUtf8;
    State m_state = State::Start;
    std::string m_token; // the key or value being read (std::string: appends cost a tenth)
    bool m_escape = false;
    bool m_keyIsId = false;
    // The row's id so far: a field given twice counts with its last value, as in Qt's JSON parser
    // (RedcapResponse), so the id is taken when the row ends.
    bool m_rowHasId = false;
    QByteArray m_rowId;
    bool m_hasEscapes = false;
    qint64 m_rows = 0;
    qint64 m_bytes = 0;
    qint64 m_at = 0; // 1-based offset of the byte being read, for messages
    QByteArray m_notAList; // kept only when the answer is not a list, for the message
    QString m_error;
    RecordIdList m_ids;
};

} // namespace Lantir
