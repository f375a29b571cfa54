#include "config/ConfigChecks.h"

#include "config/FieldRules.h"

#include <QFileInfo>
#include <QHash>
#include <QUrl>

namespace Lantir::ConfigParsing {

namespace {

bool checkSourceName(Reader& r)
{
    const QString& name = r.source().name;
    const FieldRules::Problem problem = FieldRules::sourceName(name);
    if (problem == FieldRules::Problem::None)
        return true;
    return r.fail(r.keys().sourceName,
                  FieldRules::describe(problem) + QStringLiteral("; it is written to data_source"));
}

bool checkPattern(Reader& r, const QString& key, const QString& pattern, bool allowEmpty)
{
    if (pattern.isEmpty()) {
        return allowEmpty
            || r.fail(key,
                      QStringLiteral("must not be empty; the default is %1")
                          .arg(key.endsWith(QLatin1String("id_pattern"))
                                   ? MappingConfig().patientIdPattern
                                   : MappingConfig().patientNamePattern));
    }
    QString unknown;
    if (FieldRules::pattern(pattern, &unknown) == FieldRules::Problem::None)
        return true;
    return r.fail(key,
                  QStringLiteral("uses the unknown placeholder {%1}; the placeholders are {study} {family} "
                                 "{session} {site} {record}")
                      .arg(unknown));
}

bool checkMappingNames(Reader& r)
{
    const MappingConfig& mc = r.source().mapping;
    const QString m = r.keys().mappingPrefix;
    const auto mk = [&m](const char* name) { return joinKey(m, QLatin1String(name)); };
    return r.checkFieldName(mk("record_id_field"), mc.recordIdField)
        && r.checkFieldName(mk("scan_instrument"), mc.scanInstrument)
        && r.checkFieldName(mk("session_field"), mc.sessionField)
        && r.checkFieldName(mk("date_field"), mc.dateField)
        && r.checkFieldName(mk("time_field"), mc.timeField)
        && r.checkFieldName(mk("study_id_field"), mc.studyIdField)
        && r.checkFieldName(mk("family_id_field"), mc.familyIdField, true)
        && checkPattern(r, mk("patient_name_pattern"), mc.patientNamePattern, true)
        && checkPattern(r, mk("patient_id_pattern"), mc.patientIdPattern, false);
}

bool checkCaFile(Reader& r)
{
    const QString& caFile = r.source().caFile;
    if (caFile.isEmpty())
        return true;
    const QFileInfo info(caFile);
    if (info.isFile() && info.isReadable())
        return true;
    return r.fail(r.keys().caFile,
                  QStringLiteral("names \"%1\", which is not a readable file; give a PEM file of CA "
                                 "certificates or leave it empty")
                      .arg(caFile));
}

// The URL: from the file, else from the environment as pylantir does.
bool checkApiUrl(Reader& r)
{
    SourceConfig& c = r.source();
    QString urlKey = r.keys().url;
    QString urlText = r.keys().urlText;
    // pylantir's one URL for every source: the environment stands in for a URL the file lacks.
    if (urlText.isEmpty()) {
        urlText = qEnvironmentVariable("REDCAP_API_URL").trimmed();
        urlKey = QStringLiteral("REDCAP_API_URL (environment)");
    }
    if (urlText.isEmpty()) {
        c.apiUrl = QUrl();
        r.warn(QStringLiteral("%1 gives no REDCap API URL for source '%2': set %3 or REDCAP_API_URL before "
                              "syncing")
                   .arg(r.origin(), c.name, r.keys().url));
        return true;
    }
    const QUrl url(urlText, QUrl::StrictMode);
    const QString shown = url.isValid() ? url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                                        : QStringLiteral("the value given");
    switch (FieldRules::apiUrl(url, c.allowInsecureHttp)) {
    case FieldRules::Problem::None:
        break;
    case FieldRules::Problem::UrlInsecureHttp:
        return r.fail(
            urlKey,
            QStringLiteral("uses plain http:// to %1, which would send the API token unencrypted; use "
                           "https:// or, on a trusted network only, set allow_insecure_http to true")
                .arg(url.host()));
    case FieldRules::Problem::UrlNotHttp:
    case FieldRules::Problem::UrlNoHost:
    case FieldRules::Problem::UrlInvalid:
        return r.fail(urlKey,
                      QStringLiteral("is not an http(s) URL with a host (%1); it looks like "
                                     "https://redcap.example.org/api/")
                          .arg(shown));
    default:
        return r.fail(urlKey,
                      QStringLiteral("(%1) %2").arg(
                          shown, FieldRules::describe(FieldRules::apiUrl(url, c.allowInsecureHttp))));
    }
    c.apiUrl = url;
    return true;
}

// Names are part of every row's identity (data_source, Lantir's keys), and tokens are found by
// name: two sources of one name would write over each other's rows.
bool checkUniqueNames(Reader& r)
{
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < r.sourceCount(); ++i) {
        r.selectSource(i);
        const QString& name = r.source().name;
        if (const auto it = seen.constFind(name); it != seen.constEnd()) {
            return r.fail(r.keys().sourceName,
                          QStringLiteral("'%1' is already the name of another source; every source needs a "
                                         "name of its own, as it is written to each row's data_source")
                              .arg(name));
        }
        seen.insert(name, i);
    }
    QHash<QString, QString> variables;
    for (qsizetype i = 0; i < r.sourceCount(); ++i) {
        r.selectSource(i);
        const QString variable = r.source().tokenVariable();
        if (variables.contains(variable)) {
            return r.fail(r.keys().sourceName,
                          QStringLiteral("'%1' and '%2' both read their token from %3; rename one so their "
                                         "tokens cannot be mixed up")
                              .arg(variables.value(variable), r.source().name, variable));
        }
        variables.insert(variable, r.source().name);
    }
    return true;
}

} // namespace

bool checkParsedConfig(Reader& r)
{
    for (qsizetype i = 0; i < r.sourceCount(); ++i) {
        r.selectSource(i);
        if (!checkSourceName(r) || !checkMappingNames(r) || !checkCaFile(r) || !checkApiUrl(r))
            return false;
    }
    return checkUniqueNames(r);
}

} // namespace Lantir::ConfigParsing
