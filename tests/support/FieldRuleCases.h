#pragma once

#include <QList>
#include <QString>

// The cases every use of the field rules is tested over: the configuration loader
// (tst_fieldrules), the REDCap client (tst_fieldrules) and the settings dialog
// (tests/gui/tst_settingsfieldrules). One table, so the three can never disagree again.
namespace Lantir::Test {

enum class RuleField
{
    RecordIdField, // mapping.record_id_field, the dialog's record id field
    DateField, // mapping.date_field
    ApiUrl, // source.api_url
    Token, // the API token (lantir-sync's token file or variable, the dialog's token field)
    SourceName, // source.name
};

struct FieldRuleCase
{
    const char* tag;
    RuleField field;
    QString value;
    bool valid;
};

inline QList<FieldRuleCase> fieldRuleCases()
{
    const QString token = QStringLiteral("0123456789ABCDEF0123456789abcdef");
    return {
        { "record id plain", RuleField::RecordIdField, QStringLiteral("record_id"), true },
        { "record id digits", RuleField::RecordIdField, QStringLiteral("rid2"), true },
        { "record id Record-ID", RuleField::RecordIdField, QStringLiteral("Record-ID"), false },
        { "record id upper case", RuleField::RecordIdField, QStringLiteral("RecordId"), false },
        { "record id space", RuleField::RecordIdField, QStringLiteral("record id"), false },
        { "record id leading digit", RuleField::RecordIdField, QStringLiteral("1record"), false },
        { "record id empty", RuleField::RecordIdField, QString(), false },
        { "date field plain", RuleField::DateField, QStringLiteral("mri_date"), true },
        { "date field dash", RuleField::DateField, QStringLiteral("mri-date"), false },
        { "url https", RuleField::ApiUrl, QStringLiteral("https://redcap.example.org/redcap/api/"), true },
        { "url loopback http", RuleField::ApiUrl, QStringLiteral("http://127.0.0.1:8080/api/"), true },
        { "url remote http", RuleField::ApiUrl, QStringLiteral("http://redcap.example.org/api/"), false },
        { "url no /api/", RuleField::ApiUrl, QStringLiteral("https://redcap.example.org/redcap/"), false },
        { "url no final slash", RuleField::ApiUrl, QStringLiteral("https://redcap.example.org/api"), false },
        { "url query", RuleField::ApiUrl, QStringLiteral("https://redcap.example.org/api/?token=x"), false },
        { "url user info", RuleField::ApiUrl, QStringLiteral("https://me:pw@redcap.example.org/api/"),
          false },
        { "url ftp", RuleField::ApiUrl, QStringLiteral("ftp://redcap.example.org/api/"), false },
        { "url no host", RuleField::ApiUrl, QStringLiteral("https:///api/"), false },
        { "token ok", RuleField::Token, token, true },
        { "token short", RuleField::Token, token.left(31), false },
        { "token long", RuleField::Token, token + QLatin1Char('0'), false },
        { "token not hex", RuleField::Token, token.left(31) + QLatin1Char('G'), false },
        { "token space inside", RuleField::Token, token.left(15) + QLatin1Char(' ') + token.mid(16), false },
        { "token empty", RuleField::Token, QString(), false },
        { "source name plain", RuleField::SourceName, QStringLiteral("Study A (3T)"), true },
        { "source name empty", RuleField::SourceName, QString(), false },
        { "source name blank", RuleField::SourceName, QStringLiteral("   "), false },
        { "source name line break", RuleField::SourceName, QStringLiteral("a\nb"), false },
        { "source name too long", RuleField::SourceName, QString(256, QLatin1Char('x')), false },
        { "source name longest", RuleField::SourceName, QString(255, QLatin1Char('x')), true },
    };
}

} // namespace Lantir::Test
