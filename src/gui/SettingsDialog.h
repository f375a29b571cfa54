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
class WorklistServerPage;
class RedcapSourcePage;
class SettingsPage;
class SourceSecrets;

namespace Ui {
class SettingsDialog;
}

// Lantir's settings: the Sources list (add, rename, remove, enable the REDCap projects synced into
// the one worklist) and, for the source selected there, its REDCap connection (URL, token,
// connection test), schedule and worklist mapping; then the application options. One SettingsPage
// per tab; the dialog composes them. Invalid input is marked at its field with the reason, and
// OK / Apply stay disabled until it is fixed. Apply and OK save to AppSettings (lantir.json; it
// then emits changed()) and each source's token to SourceSecrets, never to a file; Cancel
// discards everything. The PostgreSQL password of the Application page goes to SourceSecrets too,
// with the tokens, never to lantir.json. When lantir.json changes on disk while the dialog is open,
// the dialog shows the new settings, or asks first when the user has edits of their own.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(AppSettings* settings, SourceSecrets* secrets, QWidget* parent = nullptr);
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
    // The user changed something that is not saved yet.
    bool hasUnsavedEdits() const { return isDirty(); }
    // The source the pages show (index into the sources), and selecting another.
    int selectedSource() const { return m_selected; }
    void selectSource(int index);
    // lantir.json changed on disk while the user had edits: the dialog asks what to keep.
    bool isAskingAboutExternalChange() const;

public Q_SLOTS:
    // Saves the settings and the token. Returns false (nothing saved) when input is invalid.
    // applied() follows once the token is stored.
    bool apply();
    // Starts a connection test with the URL and token shown, or stops the one running.
    void testConnection();
    // The Sources list's buttons: a new source (selected), the selected one renamed to what
    // the name field says (refused inline when empty or taken), or removed.
    void addSource();
    bool renameSource();
    void removeSource();
    // The answers to "lantir.json changed on disk": show the file's settings, or keep editing.
    void reloadFromFile();
    void keepMyEdits();
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

    void readTokens();
    void onTokensRead(int request, const SourceTokens& tokens, const QString& error,
                      bool keychainUnavailable);
    void onTokensSaved(int request, const QString& error, bool keychainUnavailable);
    // The PostgreSQL password in the keychain, beside the tokens (SettingsDialogPassword.cpp).
    void readPassword();
    bool onPasswordRead(int request, const SourceTokens& secrets);
    bool passwordChanged() const;
    void savePassword(bool toOtherStore);
    bool onPasswordSaved(int request, const QString& error, bool keychainUnavailable);
    QString passwordSaveProblem() const;
    void finishApply(bool tokenSaved);
    void chooseConfigToImport();

    // The Sources list (SettingsDialogSources.cpp).
    void setUpSources();
    void fillSourceList();
    void onSourceRowChanged(int row);
    // What the pages show goes back into m_base (and the token into m_tokens).
    void keepPageEdits();
    void validateSources(const SyncConfig& config);
    QString nameProblem(const QString& name) const;
    void updateRenameWarning();
    // The tokens to write and the entries to delete, comparing names with the stored ones.
    SourceTokens tokensToSave(const SyncConfig& config, QStringList* removed) const;
    SourceTokens currentTokens() const;
    void onConfigFileChanged(bool applied);
    void loadFromSettings();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    AppSettings* m_settings;
    QPointer<SourceSecrets> m_secrets;

    FieldMarks m_marks;
    QList<SettingsPage*> m_pages;
    RedcapSourcePage* m_redcapPage = nullptr;
    ApplicationPage* m_applicationPage = nullptr;
    WorklistServerPage* m_serverPage = nullptr;

    SyncConfig m_base; // every source as edited, and the settings the dialog does not show
    SyncConfig m_savedConfig;
    int m_selected = 0; // the source the pages show
    QStringList m_origins; // by source index: its name when last saved ("" for a new one)
    QStringList m_removedOrigins; // stored names of sources removed since
    QString m_savedLanguage;
    bool m_savedStartMinimized = false;
    bool m_savedSessionOnly = false;

    TokenOperation m_tokenOperation = TokenOperation::None;
    int m_tokenRequest = 0;
    SourceTokens m_tokens; // as edited, by the source's current name (the selected one: the page)
    SourceTokens m_storedTokens; // as stored, by stored name
    SourceTokens m_pendingTokens;
    int m_passwordRequest = 0;
    QString m_storedPassword; // the PostgreSQL password as the keychain holds it
    QString m_pendingPassword;
    QString m_passwordError; // why the last save of the password failed
    bool m_passwordUnavailable = false;
    bool m_externalChange = false;
    QString m_externalNote;
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
