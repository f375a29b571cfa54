#include "mapping/FastRecordReader.h"

#include "mapping/MergePass.h"

#include <QJsonValue>

#ifdef LANTIR_HAVE_SIMDJSON
#include <simdjson.h>
#endif

namespace Lantir::Merge {

#ifdef LANTIR_HAVE_SIMDJSON

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// As Merge::scalarText() reads the same value from a QJsonValue.
bool scalarText(const element& value, QString& out)
{
    switch (value.type()) {
    case element_type::STRING: {
        const std::string_view text = value.get_string().value_unsafe();
        if (text == "NaN")
            out.clear();
        else
            out = QString::fromUtf8(text.data(), qsizetype(text.size()));
        return true;
    }
    case element_type::INT64:
        return Merge::scalarText(QJsonValue(qint64(value.get_int64().value_unsafe())), out);
    case element_type::UINT64: // above qint64: QJsonDocument reads it as a double too
        return Merge::scalarText(QJsonValue(double(value.get_uint64().value_unsafe())), out);
    case element_type::DOUBLE:
        return Merge::scalarText(QJsonValue(value.get_double().value_unsafe()), out);
    case element_type::BOOL:
        return Merge::scalarText(QJsonValue(value.get_bool().value_unsafe()), out);
    case element_type::NULL_VALUE:
        out.clear();
        return true;
    case element_type::ARRAY:
    case element_type::OBJECT:
        break;
    }
    return false;
}

// One row's fields, read in one pass over its keys.
struct RowRead
{
    ParsedRow row;
    QString recordId;
    QString instrument;
    quint8 present = 0;
};

bool readFields(MergePass& pass, const simdjson::dom::object& object, qsizetype index, RowRead& read)
{
    QString text;
    qsizetype position = 0;
    for (const simdjson::dom::key_value_pair field : object) {
        KeyInfo& info
            = pass.keyInfo(QByteArrayView(field.key.data(), qsizetype(field.key.size())), position++);
        const quint8 roles = info.roles;
        if (roles != Irrelevant) {
            if (info.lastRow == index)
                return false; // a key given twice: QJsonDocument keeps the last, this reader can't
            info.lastRow = index;
        }
        if (roles == Irrelevant) {
            if (field.value.is_array() || field.value.is_object())
                return false; // not a flat export: the full parser words why
            continue; // its text is never needed
        }
        if (!scalarText(field.value, text))
            return false;
        if (roles & RecordId)
            read.recordId = text;
        if (roles & Instrument)
            read.instrument = text;
        if (roles == Instrument)
            continue;
        if (roles & Event)
            read.row.event = text;
        if (roles & Instance)
            read.row.instance = text;
        if (!text.isEmpty()) {
            read.present |= roles & ScanFields;
            if (roles & Field)
                pass.appendField(info.name, std::move(text));
        }
    }
    return true;
}

bool readRow(MergePass& pass, const element& value, qsizetype index, const QSet<QString>& batch)
{
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS)
        return false;
    RowRead read;
    read.row.fieldBegin = pass.fieldCount();
    if (!readFields(pass, object, index, read) || read.recordId.isEmpty() || !batch.contains(read.recordId))
        return false;
    read.row.fieldEnd = pass.fieldCount();
    const qsizetype group = pass.groupOf(read.recordId);
    read.row.baseline = read.instrument.isEmpty();
    const bool scan = !read.row.baseline && read.instrument == pass.mapping().scanInstrument;
    if (!read.row.baseline && (!scan || (read.present & ScanFields) != ScanFields)) {
        pass.dropFieldsFrom(read.row.fieldBegin); // another instrument, or an incomplete scan
        return true;
    }
    pass.keep(group, std::move(read.row));
    return true;
}

} // namespace

bool readWellFormedExport(const QByteArray& body, const QSet<QString>& batch, MergePass& pass,
                          qsizetype& rows)
{
    // What RedcapResponse::parseList accepts starts with '[' after white space; a byte order mark
    // or anything else is its to judge.
    qsizetype first = 0;
    while (first < body.size()
           && (body.at(first) == ' ' || body.at(first) == '\n' || body.at(first) == '\r'
               || body.at(first) == '\t'))
        ++first;
    if (first >= body.size() || body.at(first) != '[')
        return false;
    simdjson::dom::parser parser;
    simdjson::dom::array list;
    if (parser.parse(body.constData(), std::size_t(body.size())).get_array().get(list) != simdjson::SUCCESS)
        return false;
    rows = 0;
    for (const element row : list) {
        if (!readRow(pass, row, rows, batch))
            return false;
        ++rows;
    }
    return true;
}

#else

bool readWellFormedExport(const QByteArray&, const QSet<QString>&, MergePass&, qsizetype&)
{
    return false; // built without simdjson: every answer takes the QJsonDocument path
}

#endif

} // namespace Lantir::Merge
