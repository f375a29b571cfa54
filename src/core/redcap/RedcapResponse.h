#pragma once

#include "base/Result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>
#include <QStringList>

namespace Lantir {

// Checks the shape of REDCap's successful (2xx) answers before anyone uses them. Every failure is
// an Error::Kind::Response whose message says what was wrong and what to check.
class RedcapResponse
{
public:
    // content=version: a plain "14.9.1" (or the same as a JSON string).
    static Result<QString> parseVersion(const QByteArray& body);

    // content=metadata: a JSON list of objects with a non-empty text "field_name". Returns the
    // field names in order; the first is the project's record ID field.
    static Result<QStringList> parseFieldNames(const QByteArray& body);

    // content=record (flat, json): a JSON list of objects whose values are text, numbers, true/false
    // or null (REDCap sends redcap_repeat_instance as a number or ""). Takes the body by value so the
    // raw bytes are released as soon as they are parsed.
    static Result<QJsonArray> parseRecords(QByteArray body);

    // The distinct values of `recordIdField` over `rows`, in first-seen order. Numbers are written as
    // REDCap would write them ("12", not "12.0").
    static Result<QStringList> recordIds(const QJsonArray& rows, const QString& recordIdField);

    // A record id value as text, the way recordIds() writes it: text as is, whole numbers without a
    // decimal point (exactly, also beyond 2^53), other numbers with 17 significant digits, true and
    // false as words; empty for null and anything else. RecordIdScanner uses it too, so the id
    // export and the batch export always name a record alike.
    static QString scalarText(const QJsonValue& value);

    // "a number", "a list", "an object", ... for messages.
    static QString describeType(const QJsonValue& value);

private:
    static Result<QJsonArray> parseList(QByteArray body, const QString& whatIsExpected);
};

} // namespace Lantir
