#pragma once

#include "ConnectionTester.h"
#include "SettingsPage.h"

#include <QPointer>

#include <memory>
#include <optional>

class QAction;

namespace Lantir {

namespace Ui {
class RedcapSourcePage;
}

// The REDCap project Lantir reads: API URL, token (with its keychain notice), the server's time
// zone, the batch size, and a connection test with what the fields show. The token itself is
// read and saved by the dialog (it goes to the secret store, never to the settings file).
class RedcapSourcePage : public SettingsPage
{
    Q_OBJECT

public:
    explicit RedcapSourcePage(FieldMarks* marks, QWidget* parent = nullptr);
    ~RedcapSourcePage() override;

    QString title() const override;
    void fill(const SyncConfig& config) override;
    void store(SyncConfig& config) const override;
    void validate(const SyncConfig& config) override;
    void retranslate() override;

    // The token as entered (white space trimmed).
    QString token() const;
    // Shows the stored token unless the user already typed one.
    void offerStoredToken(const QString& token);
    // Shows `token` (another source was selected).
    void setToken(const QString& token);
    // While the token is being read from the keychain it is not checked, and the field says so.
    void setTokenReading(bool reading);
    // Why the last save of the token failed; empty once it worked.
    void setTokenSaveError(const QString& error);
    // The keychain notice (empty: hidden), and whether the "this session only" box is offered.
    void showKeychainNotice(const QString& notice, bool offerSessionOnly);
    bool sessionOnlyChecked() const;
    void setSessionOnlyChecked(bool checked);

    // Tests the connection with `config`'s URL and options and the token shown (the fields must
    // have been validated), or stops the test running.
    void testConnection(const SyncConfig& config);
    bool isTestingConnection() const { return m_testing; }
    void stopConnectionTest();
    // Another source is shown: the last test's result does not apply to it.
    void forgetConnectionTest();

Q_SIGNALS:
    // The Test connection button was pressed.
    void testRequested();
    void sessionOnlyToggled();
    void connectionTestFinished(const Lantir::ConnectionTestResult& result);

private:
    QString urlProblem(const SyncConfig& config) const;
    QString tokenProblem() const;
    void onConnectionTested(const ConnectionTestResult& result);
    void renderTestResult();

    std::unique_ptr<Ui::RedcapSourcePage> m_ui;
    QAction* m_showTokenAction = nullptr;
    bool m_tokenReading = false;
    QString m_tokenSaveError;

    ConnectionTester m_tester;
    bool m_testing = false;
    QString m_testedHost;
    std::optional<ConnectionTestResult> m_lastTest;
};

} // namespace Lantir
