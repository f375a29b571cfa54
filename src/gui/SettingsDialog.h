#pragma once

#include "ConnectionTester.h"
#include "config/SyncConfig.h"

#include <QDialog>
#include <QHash>
#include <QPointer>
#include <QStringList>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QTableWidget;

namespace Lantir {

class AppSettings;
class SecretStore;

namespace Ui {
class SettingsDialog;
}

// Lantir's settings: REDCap connection (URL, token, connection test), schedule, worklist mapping
// and application options. Invalid input is marked at its field with the reason, and OK / Apply
// stay disabled until it is fixed. Apply and OK save to AppSettings (which then emits changed())
// and the token to the SecretStore, never to the settings file; Cancel discards everything.
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

    void setUpWidgets();
    void connectEdits();
    void populateChoices();
    void retranslate();

    void fillFields(const SyncConfig& config);
    SyncConfig currentConfig() const;
    QString currentLanguage() const;
    QString currentToken() const;
    bool sessionOnlyChosen() const;
    bool isDirty() const;

    bool validate();
    void markField(QWidget* field, const QString& reason);
    void showErrors(QLabel* label, const QStringList& reasons);
    void updateButtons();
    void updatePreviews();
    static QString durationText(int seconds);
    void updateKeychainNotice();
    void renderTestResult();
    void renderStatus();

    void onTokenRead(const QString& token);
    void onTokenWritten();
    void onSecretFailed(const QString& message, bool keychainUnavailable);
    void finishApply(bool tokenSaved);
    void onConnectionTested(const ConnectionTestResult& result);

    void browseDatabase();
    void chooseConfigToImport();
    void addTableRow(QTableWidget* table);
    void removeSelectedRows(QTableWidget* table);

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    AppSettings* m_settings;
    QPointer<SecretStore> m_secrets;
    ConnectionTester m_tester;

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
    QString m_tokenSaveError;
    bool m_offerSessionOnly = false;

    bool m_filling = false;
    bool m_valid = false;
    int m_problemCount = 0;
    QAction* m_showTokenAction = nullptr;
    QHash<QWidget*, QAction*> m_warningActions;
    QList<QWidget*> m_markedFields;

    bool m_testing = false;
    QString m_testedHost;
    std::optional<ConnectionTestResult> m_lastTest;

    QString m_importedPath;
    QString m_importError;
    QStringList m_importWarnings;
    QString m_saveError;
};

} // namespace Lantir
