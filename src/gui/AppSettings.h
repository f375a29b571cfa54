#pragma once

#include "base/Result.h"
#include "config/SyncConfig.h"

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>

class QFileSystemWatcher;
class QTimer;

namespace Lantir {

// The desktop application's persisted settings, typed, in two places:
// - the sync settings (sources, database, worklist server, memory alarms) in lantir.json, the file
//   lantir-sync reads too (AppPaths::defaultConfigPath()), read with ConfigLoader::loadFile and
//   written with ConfigLoader::toJson, atomically and with mode 0600;
// - this user's desktop preferences (language, start minimised, session-only token; the main
//   window keeps its geometry and columns there too) in QSettings, Lantir.conf on Linux.
// The REDCap API tokens live in the keychain (SourceSecrets) and are never written to either.
//
// Setters change the values at once; save() writes them to disk and emits changed(), so the
// application reloads them without a restart (the settings dialog calls it on Apply/OK).
// lantir.json is watched: when someone else changes it (an editor, lantir-sync's admin, a
// deployment), it is read again and configFileChanged() says so; a file that no longer loads
// keeps the last good settings, and configError() says why.
//
// Before Lantir had several sources the desktop kept the sync settings in Lantir.conf:
// migrateLegacySettings() moves them into lantir.json once.
//
// The file is private: the first setter creates it with mode 0600, and a missing Lantir folder
// with 0700, before anything is written (QSettings alone would make them 0644 and 0755 under the
// usual umask). A file that already exists keeps its mode, as the database does; privacyWarnings()
// says when others can read it, and the desktop app shows that at start-up.
class AppSettings : public QObject
{
    Q_OBJECT

public:
    // QSettings(organisation "Lantir", application "Lantir") in the platform's native format, and
    // lantir.json at AppPaths::defaultConfigPath().
    explicit AppSettings(QObject* parent = nullptr);
    // An INI file of one's own (tests, screenshots: --settings), with its sync settings beside it
    // in `configPath`; empty: the INI file's name with .json for .ini (lantir.ini: lantir.json).
    AppSettings(const QString& iniPath, const QString& configPath = QString(), QObject* parent = nullptr);
    ~AppSettings() override;

    // The sync settings: as lantir.json last loaded (defaults with one source "REDCap" when it
    // does not exist), or as set since.
    SyncConfig syncConfig() const;
    void setSyncConfig(const SyncConfig& config);
    // Where the sync settings live.
    QString configPath() const { return m_configPath; }
    // Why lantir.json could not be loaded the last time it was read (the settings in use stay
    // the last good ones); empty when it loaded or does not exist.
    QString configError() const { return m_configError; }
    // Notes from the last load that did not stop it (unknown keys).
    QStringList configWarnings() const { return m_configWarnings; }
    // Reads lantir.json again. True when the settings it holds differ from the ones in use (they
    // are then in use); false when they are the same, or the file does not load (configError()).
    bool reloadConfig();

    // Sync settings an older Lantir kept in Lantir.conf move to lantir.json (as one source) and
    // leave Lantir.conf. Returns what happened for the user (empty: nothing to move). When
    // lantir.json already exists it wins and the old keys are only removed. When
    // a source came from Lantir.conf: *migratedSource names it (its token moves there too).
    QString migrateLegacySettings(QString* migratedSource = nullptr);

    bool startMinimized() const;
    void setStartMinimized(bool startMinimized);

    // "" follows the system locale; otherwise a language code such as "fr".
    QString language() const;
    void setLanguage(const QString& language);

    // The user chose to keep the token in memory only (no keychain on this computer).
    bool sessionOnlyToken() const;
    void setSessionOnlyToken(bool sessionOnly);

    // An enabled source has an API URL: the sync can be started (given its token).
    bool isConfigured() const;

    // Where the settings live (a file path, or a registry path on Windows).
    QString fileName() const;

    // The settings are kept in a file of their own: always on Linux, and for an INI file given to
    // the constructor; not in the native stores of Windows (registry) and macOS (preferences).
    bool isFile() const;

    // One warning per path when the settings file, or Lantir's own settings folder, can be read
    // or entered by other users of this computer; each is also logged (lantir.config). Empty when
    // they are private, not there yet, or not files.
    QStringList privacyWarnings() const;

    // Creates the file `settings` keeps its values in, with mode 0600 and its missing folders
    // 0700, unless it exists (it then keeps its mode). For every QSettings that writes Lantir's
    // settings, before it first writes; does nothing for settings that are not a file.
    static Result<void> preparePrivateFile(const QSettings& settings);

    // Writes pending changes to disk (lantir.json and the preferences), then emits changed().
    // False (with a reason in *error) when they could not be written, e.g. a read-only file;
    // changed() is emitted anyway since the values in memory did change.
    bool save(QString* error = nullptr);

Q_SIGNALS:
    void changed();
    // lantir.json changed on disk, not through save(): reloaded (`applied`: the settings in use
    // changed), or not loadable (configError() says why; the last good settings stay in use).
    void configFileChanged(bool applied);

private:
    template <typename T> T value(const QString& key, const T& defaultValue) const;
    template <typename T> void setValue(const QString& key, const T& value);
    // Before the first change: QSettings writes pending changes from the event loop on its own,
    // so the file must be made private before anything is set, not only in save().
    void prepareFile();

    bool loadConfigFile();
    bool writeConfigFile(QString* error);
    void watchConfigFile();
    void onConfigFileEvent();
    SyncConfig legacySyncConfig() const;
    bool hasLegacySyncSettings() const;

    std::unique_ptr<QSettings> m_settings;
    bool m_filePrepared = false;
    QString m_prepareError; // why the file could not be created privately; save() reports it

    QString m_configPath;
    SyncConfig m_config; // in use
    bool m_configDirty = false; // set since the last save
    QString m_configError;
    QStringList m_configWarnings;
    QByteArray m_configBytes; // what lantir.json held when last read or written
    QFileSystemWatcher* m_watcher;
    QTimer* m_settleTimer; // editors write in steps: read once they are done
};

} // namespace Lantir
