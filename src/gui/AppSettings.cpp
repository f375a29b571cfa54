#include "AppSettings.h"

#include "base/Logging.h"
#include "config/AppPaths.h"
#include "config/ConfigLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTime>
#include <QTimer>

#include <algorithm>

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

// The groups an older Lantir kept the sync settings in (now in lantir.json).
const QStringList LegacyGroups
    = { QStringLiteral("redcap"), QStringLiteral("schedule"), QStringLiteral("database"),
        QStringLiteral("mapping"), QStringLiteral("memory") };

// Editors and deployments write in steps; read the file once it settled.
constexpr int ConfigSettleMs = 200;

const QString TimeFormat = QStringLiteral("HH:mm:ss");

QString besideIni(const QString& iniPath)
{
    const QFileInfo ini(iniPath);
    return ini.absoluteDir().filePath(ini.completeBaseName() + QStringLiteral(".json"));
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
    , m_configPath(AppPaths::defaultConfigPath())
    , m_watcher(new QFileSystemWatcher(this))
    , m_settleTimer(new QTimer(this))
{
    watchConfigFile();
    loadConfigFile();
}

AppSettings::AppSettings(const QString& iniPath, const QString& configPath, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
    , m_configPath(configPath.isEmpty() ? besideIni(iniPath) : configPath)
    , m_watcher(new QFileSystemWatcher(this))
    , m_settleTimer(new QTimer(this))
{
    watchConfigFile();
    loadConfigFile();
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

// The sync settings as an older Lantir kept them in Lantir.conf: one source.
SyncConfig AppSettings::legacySyncConfig() const
{
    const SyncConfig defaults;
    SyncConfig config;
    const SourceConfig d;
    SourceConfig& c = config.sources.first();
    c.name = value(Key::SourceName, d.name);
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
    config.databasePath = value(Key::DatabasePath, AppPaths::defaultDatabasePath());
    config.busyTimeoutMs = value(Key::BusyTimeoutMs, defaults.busyTimeoutMs);

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

    config.memoryWarnMbPerHour = value(Key::MemoryWarnMbPerHour, defaults.memoryWarnMbPerHour);
    config.memoryCriticalMb = value(Key::MemoryCriticalMb, defaults.memoryCriticalMb);
    return config;
}

bool AppSettings::hasLegacySyncSettings() const
{
    for (const QString& group : LegacyGroups) {
        if (m_settings->childGroups().contains(group))
            return true;
    }
    return false;
}

QString AppSettings::migrateLegacySettings(QString* migratedSource)
{
    if (migratedSource)
        migratedSource->clear();
    if (!hasLegacySyncSettings())
        return QString();
    const QString oldFile = QDir::toNativeSeparators(m_settings->fileName());
    const QString newFile = QDir::toNativeSeparators(m_configPath);
    QString message;
    if (QFileInfo::exists(m_configPath)) {
        message = tr("The sync settings in %1 were left behind by an older Lantir and were removed: "
                     "Lantir uses %2, which already existed.")
                      .arg(oldFile, newFile);
    } else {
        const SyncConfig legacy = legacySyncConfig();
        m_config = legacy;
        m_configDirty = true;
        QString error;
        if (!writeConfigFile(&error)) {
            // Lantir.conf keeps them: the next start tries again.
            qCWarning(lcConfig).noquote() << "Could not move the sync settings to" << newFile << ":" << error;
            return tr("Could not move the sync settings from %1 to %2: %3").arg(oldFile, newFile, error);
        }
        m_configDirty = false;
        if (migratedSource)
            *migratedSource = legacy.sources.constFirst().name;
        message = tr("The sync settings moved from %1 to %2, the file lantir-sync reads too. Source "
                     "\"%3\" holds them; add more sources in Settings.")
                      .arg(oldFile, newFile, legacy.sources.constFirst().name);
    }
    prepareFile();
    for (const QString& group : LegacyGroups)
        m_settings->remove(group);
    m_settings->sync();
    qCInfo(lcConfig).noquote() << message;
    return message;
}

SyncConfig AppSettings::syncConfig() const
{
    return m_config;
}

void AppSettings::setSyncConfig(const SyncConfig& config)
{
    m_config = config;
    m_config.warnings.clear();
    m_configDirty = true;
}

bool AppSettings::loadConfigFile()
{
    QFile file(m_configPath);
    if (!file.exists()) {
        m_configBytes.clear();
        m_configError.clear();
        m_configWarnings.clear();
        SyncConfig defaults;
        // No database chosen yet: the platform's data folder (~/.local/share/Lantir/worklist.db).
        defaults.databasePath = AppPaths::defaultDatabasePath();
        const bool changed = defaults != m_config;
        m_config = defaults;
        return changed;
    }
    QByteArray bytes;
    if (file.open(QIODevice::ReadOnly))
        bytes = file.readAll();
    m_configBytes = bytes;
    const Result<SyncConfig> loaded = ConfigLoader::loadFile(m_configPath);
    if (!loaded) {
        m_configError = tr("%1 could not be loaded: %2. Lantir keeps using the last settings that "
                           "loaded; fix the file or save the settings again.")
                            .arg(QDir::toNativeSeparators(m_configPath), loaded.error().message);
        qCWarning(lcConfig).noquote() << m_configError;
        return false;
    }
    m_configError.clear();
    SyncConfig config = loaded.value();
    m_configWarnings = config.warnings;
    for (const QString& warning : std::as_const(m_configWarnings))
        qCWarning(lcConfig).noquote() << warning;
    config.warnings.clear();
    const bool changed = config != m_config;
    m_config = config;
    m_configDirty = false;
    return changed;
}

bool AppSettings::reloadConfig()
{
    return loadConfigFile();
}

bool AppSettings::writeConfigFile(QString* error)
{
    const QFileInfo info(m_configPath);
    if (const Result<void> folder = AppPaths::ensurePrivateDir(info.absolutePath()); !folder) {
        *error = folder.error().message;
        return false;
    }
    const QByteArray bytes = QJsonDocument(ConfigLoader::toJson(m_config)).toJson(QJsonDocument::Indented);
    QSaveFile file(m_configPath);
    // The new file replaces the old one whole: lantir-sync never reads half of it. Private, as
    // it names the REDCap projects and the database (never a token).
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
        || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("The settings could not be written to %1 (%2): check that the file and its folder "
                    "are writable.")
                     .arg(QDir::toNativeSeparators(m_configPath), file.errorString());
        return false;
    }
    m_configBytes = bytes;
    m_configError.clear();
    watchConfigFile(); // the replaced file is a new one to the watcher
    return true;
}

void AppSettings::watchConfigFile()
{
    if (m_settleTimer->interval() == 0) {
        m_settleTimer->setSingleShot(true);
        m_settleTimer->setInterval(ConfigSettleMs);
        connect(m_settleTimer, &QTimer::timeout, this, &AppSettings::onConfigFileEvent);
        connect(m_watcher, &QFileSystemWatcher::fileChanged, m_settleTimer, qOverload<>(&QTimer::start));
        connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_settleTimer, qOverload<>(&QTimer::start));
    }
    // The folder too: an atomic replace (QSaveFile, most editors) removes the watched file, and a
    // file that does not exist yet can only be seen arriving there.
    const QString folder = QFileInfo(m_configPath).absolutePath();
    if (QFileInfo::exists(folder) && !m_watcher->directories().contains(folder))
        m_watcher->addPath(folder);
    if (QFileInfo::exists(m_configPath) && !m_watcher->files().contains(m_configPath))
        m_watcher->addPath(m_configPath);
}

void AppSettings::onConfigFileEvent()
{
    watchConfigFile();
    QByteArray bytes;
    QFile file(m_configPath);
    if (file.open(QIODevice::ReadOnly))
        bytes = file.readAll();
    // Our own save, or a touch that changed nothing.
    if (bytes == m_configBytes && (file.exists() || m_configBytes.isEmpty()))
        return;
    if (!file.exists()) {
        // Removed: the settings in use stay until a file is back.
        m_configBytes.clear();
        qCWarning(lcConfig).noquote()
            << QDir::toNativeSeparators(m_configPath) << "was removed; Lantir keeps the settings in use";
        return;
    }
    const bool applied = loadConfigFile();
    if (m_configError.isEmpty())
        qCInfo(lcConfig).noquote() << QDir::toNativeSeparators(m_configPath)
                                   << "changed on disk:" << (applied ? "reloaded" : "same settings");
    Q_EMIT configFileChanged(applied);
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
    const QList<SourceConfig> sources = m_config.enabledSources();
    return std::any_of(sources.cbegin(), sources.cend(),
                       [](const SourceConfig& s) { return !s.apiUrl.isEmpty(); });
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
    const QString config = QFileInfo(m_configPath).absoluteFilePath();
    if (AppPaths::warnIfReadableByOthers(config)) {
        warnings << tr("Other users of this computer can read the settings file %1. Make it private with: "
                       "chmod 600 '%1'")
                        .arg(QDir::toNativeSeparators(config));
    }
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
    if (m_configDirty || !QFileInfo::exists(m_configPath)) {
        QString reason;
        if (!writeConfigFile(&reason)) {
            Q_EMIT changed();
            if (error)
                *error = reason;
            return false;
        }
        m_configDirty = false;
    }
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
