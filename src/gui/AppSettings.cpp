#include "AppSettings.h"

#include "config/AppPaths.h"

#include <QDir>
#include <QFileInfo>
#include <QTime>

namespace Lantir {

namespace {

// Keys, grouped as they appear in the file.
namespace Key {
const QString SourceName = QStringLiteral("redcap/sourceName");
const QString ApiUrl = QStringLiteral("redcap/apiUrl");
const QString ServerTimeZone = QStringLiteral("redcap/serverTimeZone");
const QString AllowInsecureHttp = QStringLiteral("redcap/allowInsecureHttp");
const QString CaFile = QStringLiteral("redcap/caFile");
const QString BatchSize = QStringLiteral("redcap/batchSize");
const QString RequestTimeoutMs = QStringLiteral("redcap/requestTimeoutMs");
const QString MaxTries = QStringLiteral("redcap/maxTries");
const QString RetryBaseDelayMs = QStringLiteral("redcap/retryBaseDelayMs");

const QString IntervalSeconds = QStringLiteral("schedule/intervalSeconds");
const QString WindowStart = QStringLiteral("schedule/windowStart");
const QString WindowEnd = QStringLiteral("schedule/windowEnd");
const QString OverlapSeconds = QStringLiteral("schedule/overlapSeconds");

const QString DatabasePath = QStringLiteral("database/path");
const QString BusyTimeoutMs = QStringLiteral("database/busyTimeoutMs");

const QString RecordIdField = QStringLiteral("mapping/recordIdField");
const QString ScanInstrument = QStringLiteral("mapping/scanInstrument");
const QString SessionField = QStringLiteral("mapping/sessionField");
const QString DateField = QStringLiteral("mapping/dateField");
const QString TimeField = QStringLiteral("mapping/timeField");
const QString StudyIdField = QStringLiteral("mapping/studyIdField");
const QString FamilyIdField = QStringLiteral("mapping/familyIdField");
const QString PatientNamePattern = QStringLiteral("mapping/patientNamePattern");
const QString PatientIdPattern = QStringLiteral("mapping/patientIdPattern");
const QString Site = QStringLiteral("mapping/site");
const QString Protocol = QStringLiteral("mapping/protocol");
const QString CodingDesignator = QStringLiteral("mapping/codingDesignator");
const QString ExtraFields = QStringLiteral("mapping/extraFields");
const QString ProtocolBySite = QStringLiteral("mapping/protocolBySite"); // array: site, protocol
const QString FieldMapping = QStringLiteral("mapping/fieldMapping"); // array: field, column

const QString MemoryWarnMbPerHour = QStringLiteral("memory/warnMbPerHour");
const QString MemoryCriticalMb = QStringLiteral("memory/criticalMb");

const QString StartMinimized = QStringLiteral("ui/startMinimized");
const QString Language = QStringLiteral("ui/language");
const QString SessionOnlyToken = QStringLiteral("secrets/sessionOnlyToken");
} // namespace Key

const QString TimeFormat = QStringLiteral("HH:mm:ss");

QString timeToString(const QTime& time)
{
    return time.toString(TimeFormat);
}

QTime timeFromString(const QString& text, const QTime& fallback)
{
    const QTime time = QTime::fromString(text, TimeFormat);
    return time.isValid() ? time : fallback;
}

bool keptInFile(const QSettings& settings)
{
#if defined(Q_OS_WIN) || defined(Q_OS_DARWIN)
    return settings.format() != QSettings::NativeFormat;
#else
    Q_UNUSED(settings)
    return true;
#endif
}

} // namespace

AppSettings::AppSettings(QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(QStringLiteral("Lantir"), QStringLiteral("Lantir")))
{
}

AppSettings::AppSettings(const QString& iniPath, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
}

AppSettings::~AppSettings() = default;

template <typename T> T AppSettings::value(const QString& key, const T& defaultValue) const
{
    const QVariant stored = m_settings->value(key);
    if (!stored.isValid() || !stored.canConvert<T>())
        return defaultValue;
    return stored.value<T>();
}

template <> int AppSettings::value<int>(const QString& key, const int& defaultValue) const
{
    bool ok = false;
    const int v = m_settings->value(key).toInt(&ok);
    return ok ? v : defaultValue;
}

template <> double AppSettings::value<double>(const QString& key, const double& defaultValue) const
{
    bool ok = false;
    const double v = m_settings->value(key).toDouble(&ok);
    return ok ? v : defaultValue;
}

template <> bool AppSettings::value<bool>(const QString& key, const bool& defaultValue) const
{
    const QVariant stored = m_settings->value(key);
    return stored.isValid() ? stored.toBool() : defaultValue;
}

template <typename T> void AppSettings::setValue(const QString& key, const T& value)
{
    prepareFile();
    m_settings->setValue(key, QVariant::fromValue(value));
}

void AppSettings::prepareFile()
{
    if (m_filePrepared)
        return;
    const Result<void> prepared = preparePrivateFile(*m_settings);
    m_filePrepared = prepared.ok();
    m_prepareError = prepared.ok() ? QString() : prepared.error().message;
}

SyncConfig AppSettings::syncConfig() const
{
    const SyncConfig d;
    SyncConfig c;
    c.sourceName = value(Key::SourceName, d.sourceName);
    c.apiUrl = QUrl(value(Key::ApiUrl, d.apiUrl.toString()));
    c.serverTimeZone = value(Key::ServerTimeZone, QString::fromUtf8(d.serverTimeZone)).toUtf8();
    c.allowInsecureHttp = value(Key::AllowInsecureHttp, d.allowInsecureHttp);
    c.caFile = value(Key::CaFile, d.caFile);
    c.batchSize = value(Key::BatchSize, d.batchSize);
    c.requestTimeoutMs = value(Key::RequestTimeoutMs, d.requestTimeoutMs);
    c.maxTries = value(Key::MaxTries, d.maxTries);
    c.retryBaseDelayMs = value(Key::RetryBaseDelayMs, d.retryBaseDelayMs);

    c.schedule.intervalSeconds = value(Key::IntervalSeconds, d.schedule.intervalSeconds);
    c.schedule.windowStart = timeFromString(value(Key::WindowStart, QString()), d.schedule.windowStart);
    c.schedule.windowEnd = timeFromString(value(Key::WindowEnd, QString()), d.schedule.windowEnd);
    c.schedule.overlapSeconds = value(Key::OverlapSeconds, d.schedule.overlapSeconds);

    // No database chosen yet: the platform's data folder (~/.local/share/Lantir/worklist.db).
    c.databasePath = value(Key::DatabasePath, AppPaths::defaultDatabasePath());
    c.busyTimeoutMs = value(Key::BusyTimeoutMs, d.busyTimeoutMs);

    const MappingConfig& dm = d.mapping;
    MappingConfig& m = c.mapping;
    m.recordIdField = value(Key::RecordIdField, dm.recordIdField);
    m.scanInstrument = value(Key::ScanInstrument, dm.scanInstrument);
    m.sessionField = value(Key::SessionField, dm.sessionField);
    m.dateField = value(Key::DateField, dm.dateField);
    m.timeField = value(Key::TimeField, dm.timeField);
    m.studyIdField = value(Key::StudyIdField, dm.studyIdField);
    m.familyIdField = value(Key::FamilyIdField, dm.familyIdField);
    m.patientNamePattern = value(Key::PatientNamePattern, dm.patientNamePattern);
    m.patientIdPattern = value(Key::PatientIdPattern, dm.patientIdPattern);
    m.site = value(Key::Site, dm.site);
    m.protocol = value(Key::Protocol, dm.protocol);
    m.codingDesignator = value(Key::CodingDesignator, dm.codingDesignator);
    m.extraFields = value(Key::ExtraFields, dm.extraFields);

    // Arrays: present means "as stored" (possibly empty), absent means the default.
    m_settings->beginGroup(QStringLiteral("mapping"));
    const QStringList mappingGroups = m_settings->childGroups();
    m_settings->endGroup();
    if (mappingGroups.contains(QStringLiteral("protocolBySite"))) {
        m.protocolBySite.clear();
        const int n = m_settings->beginReadArray(Key::ProtocolBySite);
        for (int i = 0; i < n; ++i) {
            m_settings->setArrayIndex(i);
            m.protocolBySite.insert(m_settings->value(QStringLiteral("site")).toString(),
                                    m_settings->value(QStringLiteral("protocol")).toString());
        }
        m_settings->endArray();
    }
    if (mappingGroups.contains(QStringLiteral("fieldMapping"))) {
        m.fieldMapping.clear();
        const int n = m_settings->beginReadArray(Key::FieldMapping);
        for (int i = 0; i < n; ++i) {
            m_settings->setArrayIndex(i);
            m.fieldMapping.append({ m_settings->value(QStringLiteral("field")).toString(),
                                    m_settings->value(QStringLiteral("column")).toString() });
        }
        m_settings->endArray();
    }

    c.memoryWarnMbPerHour = value(Key::MemoryWarnMbPerHour, d.memoryWarnMbPerHour);
    c.memoryCriticalMb = value(Key::MemoryCriticalMb, d.memoryCriticalMb);
    return c;
}

void AppSettings::setSyncConfig(const SyncConfig& c)
{
    setValue(Key::SourceName, c.sourceName);
    setValue(Key::ApiUrl, c.apiUrl.toString());
    setValue(Key::ServerTimeZone, QString::fromUtf8(c.serverTimeZone));
    setValue(Key::AllowInsecureHttp, c.allowInsecureHttp);
    setValue(Key::CaFile, c.caFile);
    setValue(Key::BatchSize, c.batchSize);
    setValue(Key::RequestTimeoutMs, c.requestTimeoutMs);
    setValue(Key::MaxTries, c.maxTries);
    setValue(Key::RetryBaseDelayMs, c.retryBaseDelayMs);

    setValue(Key::IntervalSeconds, c.schedule.intervalSeconds);
    setValue(Key::WindowStart, timeToString(c.schedule.windowStart));
    setValue(Key::WindowEnd, timeToString(c.schedule.windowEnd));
    setValue(Key::OverlapSeconds, c.schedule.overlapSeconds);

    setValue(Key::DatabasePath, c.databasePath);
    setValue(Key::BusyTimeoutMs, c.busyTimeoutMs);

    const MappingConfig& m = c.mapping;
    setValue(Key::RecordIdField, m.recordIdField);
    setValue(Key::ScanInstrument, m.scanInstrument);
    setValue(Key::SessionField, m.sessionField);
    setValue(Key::DateField, m.dateField);
    setValue(Key::TimeField, m.timeField);
    setValue(Key::StudyIdField, m.studyIdField);
    setValue(Key::FamilyIdField, m.familyIdField);
    setValue(Key::PatientNamePattern, m.patientNamePattern);
    setValue(Key::PatientIdPattern, m.patientIdPattern);
    setValue(Key::Site, m.site);
    setValue(Key::Protocol, m.protocol);
    setValue(Key::CodingDesignator, m.codingDesignator);
    setValue(Key::ExtraFields, m.extraFields);

    m_settings->remove(Key::ProtocolBySite);
    QStringList sites = m.protocolBySite.keys();
    sites.sort();
    m_settings->beginWriteArray(Key::ProtocolBySite, int(sites.size()));
    for (int i = 0; i < sites.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("site"), sites.at(i));
        m_settings->setValue(QStringLiteral("protocol"), m.protocolBySite.value(sites.at(i)));
    }
    m_settings->endArray();

    m_settings->remove(Key::FieldMapping);
    m_settings->beginWriteArray(Key::FieldMapping, int(m.fieldMapping.size()));
    for (int i = 0; i < m.fieldMapping.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("field"), m.fieldMapping.at(i).first);
        m_settings->setValue(QStringLiteral("column"), m.fieldMapping.at(i).second);
    }
    m_settings->endArray();

    setValue(Key::MemoryWarnMbPerHour, c.memoryWarnMbPerHour);
    setValue(Key::MemoryCriticalMb, c.memoryCriticalMb);
}

bool AppSettings::startMinimized() const
{
    return value(Key::StartMinimized, false);
}

void AppSettings::setStartMinimized(bool startMinimized)
{
    setValue(Key::StartMinimized, startMinimized);
}

QString AppSettings::language() const
{
    return value(Key::Language, QString());
}

void AppSettings::setLanguage(const QString& language)
{
    setValue(Key::Language, language);
}

bool AppSettings::sessionOnlyToken() const
{
    return value(Key::SessionOnlyToken, false);
}

void AppSettings::setSessionOnlyToken(bool sessionOnly)
{
    setValue(Key::SessionOnlyToken, sessionOnly);
}

bool AppSettings::isConfigured() const
{
    return !value(Key::ApiUrl, QString()).isEmpty();
}

QString AppSettings::fileName() const
{
    return m_settings->fileName();
}

bool AppSettings::isFile() const
{
    return keptInFile(*m_settings);
}

QStringList AppSettings::privacyWarnings() const
{
    QStringList warnings;
    if (!isFile())
        return warnings;
    const QFileInfo file(fileName());
    const QString path = file.absoluteFilePath();
    if (AppPaths::warnIfReadableByOthers(path)) {
        warnings << tr("Other users of this computer can read the settings file %1. Make it private with: "
                       "chmod 600 '%1'")
                        .arg(QDir::toNativeSeparators(path));
    }
    // Only Lantir's own folder: a settings file given on the command line may sit in a shared one.
    const QString folder = file.absolutePath();
    const QString lantirFolder = AppPaths::defaultConfigDir();
    if (!lantirFolder.isEmpty()
        && QDir::cleanPath(folder) == QDir::cleanPath(QFileInfo(lantirFolder).absoluteFilePath())
        && AppPaths::warnIfReadableByOthers(folder)) {
        warnings << tr("Other users of this computer can open the settings folder %1. Make it private with: "
                       "chmod 700 '%1'")
                        .arg(QDir::toNativeSeparators(folder));
    }
    return warnings;
}

Result<void> AppSettings::preparePrivateFile(const QSettings& settings)
{
    if (!keptInFile(settings) || QFileInfo::exists(settings.fileName()))
        return {};
    return AppPaths::ensurePrivateFile(settings.fileName());
}

bool AppSettings::save(QString* error)
{
    prepareFile();
    if (!m_filePrepared) {
        Q_EMIT changed();
        if (error)
            *error = m_prepareError;
        return false;
    }
    m_settings->sync();
    const QSettings::Status status = m_settings->status();
    Q_EMIT changed();
    if (status == QSettings::NoError)
        return true;
    if (error) {
        *error = status == QSettings::AccessError
            ? tr("The settings could not be written to %1: check that the file and its folder are writable.")
                  .arg(m_settings->fileName())
            : tr("The settings file %1 is damaged; fix or remove it and save again.")
                  .arg(m_settings->fileName());
    }
    return false;
}

} // namespace Lantir
