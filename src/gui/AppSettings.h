#pragma once

#include "SyncConfig.h"

#include <QObject>
#include <QSettings>
#include <QString>

#include <memory>

namespace Lantir {

// The desktop application's persisted settings, typed. Everything the sync needs except the
// REDCap API token, which lives in a SecretStore and is never written here.
//
// Setters change the stored values at once; save() writes them to disk and emits changed(), so
// the application reloads them without a restart (the settings dialog calls it on Apply/OK).
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

    // Writes pending changes to disk, then emits changed(). False (with a reason in *error) when
    // the settings could not be written, e.g. a read-only file; changed() is emitted anyway since
    // the values in memory did change.
    bool save(QString* error = nullptr);

Q_SIGNALS:
    void changed();

private:
    template <typename T> T value(const QString& key, const T& defaultValue) const;
    template <typename T> void setValue(const QString& key, const T& value);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace Lantir
