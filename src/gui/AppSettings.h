#pragma once

#include "base/Result.h"
#include "config/SyncConfig.h"

#include <QObject>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>

namespace Lantir {

// The desktop application's persisted settings, typed. Everything the sync needs except the
// REDCap API token, which lives in a SecretStore and is never written here.
//
// Setters change the stored values at once; save() writes them to disk and emits changed(), so
// the application reloads them without a restart (the settings dialog calls it on Apply/OK).
//
// The file is private: the first setter creates it with mode 0600, and a missing Lantir folder
// with 0700, before anything is written (QSettings alone would make them 0644 and 0755 under the
// usual umask). A file that already exists keeps its mode, as the database does; privacyWarnings()
// says when others can read it, and the desktop app shows that at start-up.
class AppSettings : public QObject
{
    Q_OBJECT

public:
    // QSettings(organisation "Lantir", application "Lantir") in the platform's native format.
    explicit AppSettings(QObject* parent = nullptr);
    // An INI file of one's own (tests, --config style overrides).
    AppSettings(const QString& iniPath, QObject* parent = nullptr);
    ~AppSettings() override;

    SyncConfig syncConfig() const;
    void setSyncConfig(const SyncConfig& config);

    bool startMinimized() const;
    void setStartMinimized(bool startMinimized);

    // "" follows the system locale; otherwise a language code such as "fr".
    QString language() const;
    void setLanguage(const QString& language);

    // The user chose to keep the token in memory only (no keychain on this computer).
    bool sessionOnlyToken() const;
    void setSessionOnlyToken(bool sessionOnly);

    // An API URL and a database file are set: the sync can be started (given a token).
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

    // Writes pending changes to disk, then emits changed(). False (with a reason in *error) when
    // the settings could not be written, e.g. a read-only file; changed() is emitted anyway since
    // the values in memory did change.
    bool save(QString* error = nullptr);

Q_SIGNALS:
    void changed();

private:
    template <typename T> T value(const QString& key, const T& defaultValue) const;
    template <typename T> void setValue(const QString& key, const T& value);
    // Before the first change: QSettings writes pending changes from the event loop on its own,
    // so the file must be made private before anything is set, not only in save().
    void prepareFile();

    std::unique_ptr<QSettings> m_settings;
    bool m_filePrepared = false;
    QString m_prepareError; // why the file could not be created privately; save() reports it
};

} // namespace Lantir
