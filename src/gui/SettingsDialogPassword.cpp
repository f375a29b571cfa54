// The settings dialog's PostgreSQL password: read from and saved to the keychain (SourceSecrets)
// beside the tokens, in the same queue, so OK and Apply wait for both.

#include "ApplicationPage.h"
#include "SettingsDialog.h"
#include "SourceSecrets.h"

namespace Lantir {

void SettingsDialog::readPassword()
{
    m_passwordRequest = m_secrets ? m_secrets->readDatabasePassword() : 0;
}

// True when `request` was the password's read (then handled here).
bool SettingsDialog::onPasswordRead(int request, const SourceTokens& secrets)
{
    if (request == 0 || request != m_passwordRequest)
        return false;
    m_passwordRequest = 0;
    // A failure is reported by the tokens' read that follows; the field stays as it is.
    m_storedPassword = secrets.value(SourceSecrets::databasePasswordKey());
    if (m_applicationPage->databasePassword().isEmpty()) {
        m_filling = true;
        m_applicationPage->setDatabasePassword(m_storedPassword);
        m_filling = false;
    }
    return true;
}

bool SettingsDialog::passwordChanged() const
{
    return m_tokenOperation != TokenOperation::Reading
        && m_applicationPage->databasePassword() != m_storedPassword;
}

// Queued before the tokens: their answer then ends the save of both. `toOtherStore`: the
// keychain and the session-only store were swapped, so the password goes to the new one.
void SettingsDialog::savePassword(bool toOtherStore)
{
    m_passwordError.clear();
    m_passwordUnavailable = false;
    m_pendingPassword = m_applicationPage->databasePassword();
    const bool write = passwordChanged() || (toOtherStore && !m_pendingPassword.isEmpty());
    m_passwordRequest = write ? m_secrets->saveDatabasePassword(m_pendingPassword) : 0;
}

// True when `request` was the password's save (then handled here).
bool SettingsDialog::onPasswordSaved(int request, const QString& error, bool keychainUnavailable)
{
    if (request == 0 || request != m_passwordRequest)
        return false;
    m_passwordRequest = 0;
    m_passwordError = error;
    m_passwordUnavailable = keychainUnavailable;
    if (error.isEmpty()) {
        m_storedPassword = m_pendingPassword;
    } else if (keychainUnavailable) {
        m_keychainProblem = error;
        m_offerSessionOnly = true;
    }
    return true;
}

// What the Application page says when the password was not saved; empty when it was.
QString SettingsDialog::passwordSaveProblem() const
{
    if (m_passwordError.isEmpty())
        return QString();
    if (m_passwordUnavailable)
        return tr("The password was not saved: no keychain works on this computer. Tick “Keep the token "
                  "for this session only” on the REDCap page to keep it, with the tokens, until Lantir "
                  "quits.");
    return tr("The password was not saved: %1").arg(m_passwordError);
}

} // namespace Lantir
