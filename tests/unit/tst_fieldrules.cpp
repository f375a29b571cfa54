// One rule per field, and its uses agree: over the same table of values (FieldRuleCases.h) the
// rules, the configuration loader and the REDCap client accept and refuse the same ones.

#include "FieldRuleCases.h"
#include "config/ConfigLoader.h"
#include "config/FieldRules.h"
#include "redcap/RedcapClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Lantir;
using namespace Lantir::Test;

namespace {

FieldRules::Problem ruleFor(const FieldRuleCase& c)
{
    switch (c.field) {
    case RuleField::RecordIdField:
    case RuleField::DateField:
        return FieldRules::redcapName(c.value);
    case RuleField::ApiUrl:
        return FieldRules::apiUrlText(c.value, false);
    case RuleField::Token:
        return FieldRules::token(c.value);
    case RuleField::SourceName:
        return FieldRules::sourceName(c.value);
    }
    return FieldRules::Problem::None;
}

// A Lantir configuration whose one source holds the value where the case puts it.
QByteArray configWith(const FieldRuleCase& c)
{
    QJsonObject source { { QStringLiteral("name"), QStringLiteral("study") },
                         { QStringLiteral("api_url"), QStringLiteral("https://redcap.example.org/api/") } };
    QJsonObject mapping;
    switch (c.field) {
    case RuleField::RecordIdField:
        mapping.insert(QStringLiteral("record_id_field"), c.value);
        break;
    case RuleField::DateField:
        mapping.insert(QStringLiteral("date_field"), c.value);
        break;
    case RuleField::ApiUrl:
        source.insert(QStringLiteral("api_url"), c.value);
        break;
    case RuleField::SourceName:
        source.insert(QStringLiteral("name"), c.value);
        break;
    case RuleField::Token:
        break;
    }
    source.insert(QStringLiteral("mapping"), mapping);
    const QJsonObject root { { QStringLiteral("version"), 2 },
                             { QStringLiteral("sources"), QJsonArray { source } } };
    return QJsonDocument(root).toJson();
}

} // namespace

class TestFieldRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rules_data();
    void rules();
    void loader_data();
    void loader();
    void client_data();
    void client();
    void describedProblemsAreSentences();

private:
    static void addRows(bool (*wanted)(const FieldRuleCase&));
};

void TestFieldRules::initTestCase()
{
    qunsetenv("REDCAP_API_URL");
    QVERIFY(!fieldRuleCases().isEmpty());
}

void TestFieldRules::addRows(bool (*wanted)(const FieldRuleCase&))
{
    QTest::addColumn<int>("index");
    const QList<FieldRuleCase> cases = fieldRuleCases();
    for (int i = 0; i < cases.size(); ++i) {
        if (wanted(cases.at(i)))
            QTest::newRow(cases.at(i).tag) << i;
    }
}

void TestFieldRules::rules_data()
{
    addRows([](const FieldRuleCase&) { return true; });
}

void TestFieldRules::rules()
{
    QFETCH(int, index);
    const FieldRuleCase c = fieldRuleCases().at(index);
    QCOMPARE(ruleFor(c) == FieldRules::Problem::None, c.valid);
}

void TestFieldRules::loader_data()
{
    // The loader reads the token from a file or a variable; its value is the client's to check.
    addRows([](const FieldRuleCase& c) { return c.field != RuleField::Token; });
}

void TestFieldRules::loader()
{
    QFETCH(int, index);
    const FieldRuleCase c = fieldRuleCases().at(index);
    const Result<SyncConfig> loaded = ConfigLoader::loadJson(configWith(c), QStringLiteral("cases.json"));
    QVERIFY2(loaded.ok() == c.valid, loaded.ok() ? "loaded" : qPrintable(loaded.error().message));
    if (!loaded.ok())
        QVERIFY(loaded.error().message.startsWith(QLatin1String("cases.json: sources[0].")));
}

void TestFieldRules::client_data()
{
    addRows(
        [](const FieldRuleCase& c) { return c.field == RuleField::ApiUrl || c.field == RuleField::Token; });
}

void TestFieldRules::client()
{
    QFETCH(int, index);
    const FieldRuleCase c = fieldRuleCases().at(index);
    const Result<void> checked = c.field == RuleField::Token
        ? RedcapClient::validateToken(c.value)
        : RedcapClient::validateUrl(QUrl(c.value.trimmed(), QUrl::StrictMode), false);
    QVERIFY2(checked.ok() == c.valid, checked.ok() ? "accepted" : qPrintable(checked.error().message));
    if (!checked.ok()) {
        QCOMPARE(checked.error().kind, Error::Kind::Config);
        QVERIFY(!c.value.isEmpty() || checked.error().message.contains(QLatin1String("empty")));
    }
}

void TestFieldRules::describedProblemsAreSentences()
{
    for (int p = int(FieldRules::Problem::Empty); p <= int(FieldRules::Problem::UnknownTimeZone); ++p) {
        const QString text = FieldRules::describe(FieldRules::Problem(p));
        QVERIFY2(text.size() > 10, qPrintable(QString::number(p)));
    }
    QVERIFY(FieldRules::describe(FieldRules::Problem::None).isEmpty());
}

QTEST_GUILESS_MAIN(TestFieldRules)
#include "tst_fieldrules.moc"
