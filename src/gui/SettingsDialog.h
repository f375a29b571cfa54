#pragma once

#include "ConnectionTester.h"
#include "FieldMarks.h"
#include "config/SyncConfig.h"

#include <QDialog>
#include <QPointer>
#include <QStringList>

#include <memory>

namespace Lantir {

class AppSettings;
class ApplicationPage;
class RedcapSourcePage;
class SecretStore;
class SettingsPage;

namespace Ui {
class SettingsDialog;
}

// Lantir's settings: REDCap connection (URL, token, connection test), schedule, worklist mapping
// and application options, one SettingsPage per tab; the dialog composes them. Invalid input is marked at its
// field with the reason, and OK / Apply stay disabled until it is fixed. Apply and OK save to AppSettings
// (which then emits changed()) and the token to the SecretStore, never to the settings file; Cancel discards
// everything.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(AppSettings* settings, SecretStore* secrets, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    // Fills the fields from a pylantir mwl_config.json (legacy keys or data_sources) or a Lantir
    // configuration file. Nothing is saved until Apply or OK. False, with the reason shown in the
    // dialog, when the file cannot be used. Fields pylantir files do not have (API URL, server
    // time zone) keep what the dialog shows.
    bool importConfig(const QString& path);

    // Every field is valid: OK may be pressed.
    bool isInputValid() const;
    // The token is being read from or written to the secret store (OK and Apply wait for it).
    bool isBusy() const;
    // The connection test is running.
    bool isTestingConnection() const;

public Q_SLOTS:
    // Saves the settings and the token. Returns false (nothing saved) when input is invalid.
    // applied() follows once the token is stored.
    bool apply();
    // Starts a connection test with the URL and token shown, or stops the one running.
    void testConnection();
    void accept() override;
    void done(int result) override;

Q_SIGNALS:
    // Apply/OK finished: `saved` is false when the settings file or the token could not be written
    // (the reason is shown in the dialog).
    void applied(bool saved);
    void connectionTestFinished(const Lantir::ConnectionTestResult& result);

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class TokenOperation
    {
        None,
        Reading,
        Writing,
    };

    void addPage(SettingsPage* page);
    void connectEdits();
    void followTabOrder();
    void retranslate();

    void fillFields(const SyncConfig& config);
    SyncConfig currentConfig() const;
    bool sessionOnlyChosen() const;
    bool isDirty() const;

    bool validate();
    void updateButtons();
    void updateKeychainNotice();
    void renderStatus();

    void readToken();
    void onTokenRead(const QString& token);
    void onTokenWritten();
    void onSecretFailed(const QString& message, bool keychainUnavailable);
    void finishApply(bool tokenSaved);
    void chooseConfigToImport();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    AppSettings* m_settings;
    QPointer<SecretStore> m_secrets;

    FieldMarks m_marks;
    QList<SettingsPage*> m_pages;
    RedcapSourcePage* m_redcapPage = nullptr;
    ApplicationPage* m_applicationPage = nullptr;

    SyncConfig m_base; // what the fields start from, including settings the dialog does not show
    SyncConfig m_savedConfig;
    QString m_savedLanguage;
    bool m_savedStartMinimized = false;
    bool m_savedSessionOnly = false;

    TokenOperation m_tokenOperation = TokenOperation::None;
    QString m_storedToken;
    QString m_pendingToken;
    bool m_closeAfterSave = false;
    QString m_keychainProblem; // why the keychain cannot be used; empty while it works
    bool m_offerSessionOnly = false;

    bool m_filling = false;
    bool m_valid = false;

    QString m_importedPath;
    QString m_importError;
    QStringList m_importWarnings;
    QString m_saveError;
};

} // namespace Lantir
