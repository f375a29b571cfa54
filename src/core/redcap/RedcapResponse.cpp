#include "redcap/RedcapResponse.h"

#include "redcap/RedcapErrorParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>

#include <cctype>

namespace Lantir {

namespace {

Error responseError(const QString& message)
{
    return makeError(Error::Kind::Response, message);
}

QString quoted(const QString& text)
{
    return u'"' + RedcapErrorParser::shorten(text, 80) + u'"';
}

const QString tryAgainHint = QStringLiteral(" Try again; if it keeps happening, use a smaller batch size.");
const QString checkUrlHint
    = QStringLiteral(" Check the API URL points to REDCap's API (it ends with /api/).");

} // namespace

QString RedcapResponse::describeType(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true/false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("text");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

Result<QString> RedcapResponse::parseVersion(const QByteArray& body)
{
    const QByteArray text = body.trimmed();
    if (text.isEmpty()) {
        return responseError(
            QStringLiteral("REDCap sent an empty answer where its version number was expected.")
            + checkUrlHint);
    }
    if (RedcapErrorParser::isHtml(text)) {
        return responseError(RedcapErrorParser::webPageMessage(text));
    }
    QString version = QString::fromUtf8(text.left(200));
    if (text.startsWith('"')) {
        // Some servers wrap it as a JSON string.
        const QJsonDocument document = QJsonDocument::fromJson("[" + text + "]");
        version = document.isArray() ? document.array().at(0).toString() : QString();
    }
    static const QRegularExpression versionPattern(QStringLiteral("^\\d{1,4}(\\.\\d{1,4}){0,3}$"));
    if (!versionPattern.match(version).hasMatch()) {
        return responseError(
            QStringLiteral("REDCap's answer to the version request is not a version number (got ")
            + quoted(QString::fromUtf8(text.left(200))) + QStringLiteral(").") + checkUrlHint);
    }
    return version;
}

Result<QJsonArray> RedcapResponse::parseList(QByteArray body, const QString& whatIsExpected)
{
    // Index arithmetic rather than trimmed(): a large export is not copied.
    const qsizetype size = body.size();
    qsizetype first = 0;
    qsizetype last = size - 1;
    while (first < size && std::isspace(static_cast<unsigned char>(body.at(first)))) {
        ++first;
    }
    while (last >= first && std::isspace(static_cast<unsigned char>(body.at(last)))) {
        --last;
    }
    const qsizetype trimmedEnd = last + 1;
    if (first >= trimmedEnd) {
        return responseError(QStringLiteral("REDCap sent an empty answer where ") + whatIsExpected
                             + QStringLiteral(" was expected.") + tryAgainHint);
    }
    if (RedcapErrorParser::isHtml(body)) {
        return responseError(RedcapErrorParser::webPageMessage(body));
    }
    if (body.at(first) != '[' && body.at(first) != '{') {
        return responseError(QStringLiteral("REDCap's answer is not a JSON list where ") + whatIsExpected
                             + QStringLiteral(" was expected (it starts with ")
                             + quoted(QString::fromUtf8(body.mid(first, 40))) + QStringLiteral(").")
                             + checkUrlHint);
    }
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    body = QByteArray(); // The parsed document is all that is needed from here on.
    if (parseError.error != QJsonParseError::NoError) {
        const bool cutOff = (parseError.error == QJsonParseError::UnterminatedArray
                             || parseError.error == QJsonParseError::UnterminatedObject
                             || parseError.error == QJsonParseError::UnterminatedString
                             || parseError.error == QJsonParseError::TerminationByNumber
                             || parseError.error == QJsonParseError::IllegalValue)
            && parseError.offset >= trimmedEnd - 8;
        if (cutOff) {
            return responseError(
                QStringLiteral("REDCap's answer ends before the JSON data is complete (")
                + QString::number(size)
                + QStringLiteral(" bytes received): the transfer was cut off by the server, the "
                                 "network or a proxy.")
                + tryAgainHint);
        }
        return responseError(QStringLiteral("REDCap's answer is not valid JSON (") + parseError.errorString()
                             + QStringLiteral(" at byte ") + QString::number(parseError.offset)
                             + QStringLiteral(" of ") + QString::number(size) + QStringLiteral(").")
                             + checkUrlHint);
    }
    if (document.isObject()) {
        const QJsonValue redcapError = document.object().value(QLatin1String("error"));
        if (redcapError.isString()) {
            return responseError(QStringLiteral("REDCap reported an error: ") + quoted(redcapError.toString())
                                 + u'.');
        }
        return responseError(QStringLiteral("REDCap answered with a single JSON object where ")
                             + whatIsExpected + QStringLiteral(" (a JSON list) was expected.")
                             + checkUrlHint);
    }
    return document.array();
}

Result<QStringList> RedcapResponse::parseFieldNames(const QByteArray& body)
{
    Result<QJsonArray> list = parseList(body, QStringLiteral("the data dictionary"));
    if (!list) {
        return list.error();
    }
    const QJsonArray& rows = list.value();
    if (rows.isEmpty()) {
        return responseError(QStringLiteral("REDCap's data dictionary is empty: this token's project has no "
                                            "fields it may export. Check the token belongs to the right "
                                            "project and has export rights."));
    }
    QStringList names;
    names.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonValue row = rows.at(i);
        if (!row.isObject()) {
            return responseError(QStringLiteral("Entry ") + QString::number(i + 1)
                                 + QStringLiteral(" of REDCap's data dictionary is ") + describeType(row)
                                 + QStringLiteral(", not an object describing a field.") + checkUrlHint);
        }
        const QJsonValue name = row.toObject().value(QLatin1String("field_name"));
        if (!name.isString() || name.toString().trimmed().isEmpty()) {
            return responseError(
                QStringLiteral("Entry ") + QString::number(i + 1)
                + QStringLiteral(" of REDCap's data dictionary has no field_name text (it has ")
                + describeType(name) + QStringLiteral(").") + checkUrlHint);
        }
        names.append(name.toString());
    }
    return names;
}

Result<QJsonArray> RedcapResponse::parseRecords(QByteArray body)
{
    Result<QJsonArray> list = parseList(std::move(body), QStringLiteral("a list of records"));
    if (!list) {
        return list;
    }
    const QJsonArray& rows = list.value();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonValue row = rows.at(i);
        if (!row.isObject()) {
            return responseError(QStringLiteral("Row ") + QString::number(i + 1)
                                 + QStringLiteral(" of REDCap's answer is ") + describeType(row)
                                 + QStringLiteral(", not a record (an object of field values).")
                                 + checkUrlHint);
        }
        const QJsonObject record = row.toObject();
        for (auto it = record.constBegin(); it != record.constEnd(); ++it) {
            if (it.value().isArray() || it.value().isObject()) {
                return responseError(QStringLiteral("Field ") + quoted(it.key()) + QStringLiteral(" in row ")
                                     + QString::number(i + 1) + QStringLiteral(" of REDCap's answer holds ")
                                     + describeType(it.value())
                                     + QStringLiteral("; REDCap's flat export holds only text and numbers. "
                                                      "Check the API URL points to REDCap's API."));
            }
        }
    }
    return list;
}

QString RedcapResponse::scalarText(const QJsonValue& value)
{
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble()) {
        // toInteger() gives its fallback for a value that is not a whole qint64: two different
        // fallbacks tell that apart from every qint64, -2^63 included.
        const qint64 whole = value.toInteger(0);
        if (whole == value.toInteger(1)) {
            return QString::number(whole);
        }
        return QString::number(value.toDouble(), 'g', 17);
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    return {};
}

Result<QStringList> RedcapResponse::recordIds(const QJsonArray& rows, const QString& recordIdField)
{
    QStringList ids;
    QSet<QString> seen;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonValue value = rows.at(i).toObject().value(recordIdField);
        const QString id = scalarText(value);
        if (id.isEmpty()) {
            return responseError(
                QStringLiteral("Row ") + QString::number(i + 1)
                + QStringLiteral(" of REDCap's answer has no value for ") + quoted(recordIdField)
                + QStringLiteral(" (it has ") + describeType(value) + QStringLiteral("). Check that ")
                + quoted(recordIdField)
                + QStringLiteral(" is the project's record ID field (the first field of its data "
                                 "dictionary)."));
        }
        if (!seen.contains(id)) {
            seen.insert(id);
            ids.append(id);
        }
    }
    return ids;
}

} // namespace Lantir
