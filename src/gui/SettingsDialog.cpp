#include "SettingsDialog.h"

#include "AppSettings.h"
#include "ApplicationPage.h"
#include "FieldMappingPage.h"
#include "RedcapFieldsPage.h"
#include "RedcapSourcePage.h"
#include "SchedulePage.h"
#include "SourceSecrets.h"
#include "WorklistPage.h"
#include "WorklistServerPage.h"
#include "config/ConfigLoader.h"
#include "ui_SettingsDialog.h"

#include <QAbstractButton>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>
#include <QStyle>

namespace Lantir {

SettingsDialog::SettingsDialog(AppSettings* settings, SourceSecrets* secrets, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_settings(settings)
    , m_secrets(secrets)
{
    m_ui->setupUi(this);
    m_redcapPage = new RedcapSourcePage(&m_marks);
    m_applicationPage = new ApplicationPage(&m_marks);
    m_serverPage = new WorklistServerPage(&m_marks);
    for (SettingsPage* page : std::initializer_list<SettingsPage*> {
             m_redcapPage, new SchedulePage(&m_marks), new WorklistPage(&m_marks),
             new RedcapFieldsPage(&m_marks), new FieldMappingPage(&m_marks), m_serverPage,
             m_applicationPage })
        addPage(page);
    followTabOrder();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setDefault(true);
    m_ui->buttonBox->button(QDialogButtonBox::Apply)->setEnabled(false); // nothing to apply yet

    m_savedLanguage = m_settings->language();
    m_savedStartMinimized = m_settings->startMinimized();
    m_savedSessionOnly = m_settings->sessionOnlyToken();
    m_offerSessionOnly = m_savedSessionOnly;
    setUpSources();
    m_savedConfig = m_settings->syncConfig();
    m_base = m_savedConfig;
    for (const SourceConfig& source : std::as_const(m_base.sources))
        m_origins << source.name;
    fillSourceList();
    fillFields(m_base);
    m_filling = true;
    m_applicationPage->setLanguage(m_savedLanguage);
    m_applicationPage->setStartMinimized(m_savedStartMinimized);
    m_redcapPage->setSessionOnlyChecked(m_savedSessionOnly);
    m_filling = false;

    connectEdits();
    readTokens();
    retranslate();
}

SettingsDialog::~SettingsDialog()
{
    m_redcapPage->stopConnectionTest();
    m_serverPage->stopTest();
}

void SettingsDialog::addPage(SettingsPage* page)
{
    m_pages.append(page);
    m_ui->tabs->addTab(page, page->title());
    connect(page, &SettingsPage::edited, this, [this] {
        if (!m_filling)
            validate();
    });
}

// Tab goes from the page tabs through the page shown, then to the buttons below the pages.
void SettingsDialog::followTabOrder()
{
    QWidget* previous = m_ui->tabs;
    for (SettingsPage* page : std::as_const(m_pages)) {
        QList<QWidget*> chain;
        for (QWidget* w = page->nextInFocusChain(); w && w != page && page->isAncestorOf(w);
             w = w->nextInFocusChain()) {
            if ((w->focusPolicy() & Qt::TabFocus) && !w->focusProxy())
                chain.append(w);
        }
        for (QWidget* w : std::as_const(chain)) {
            QWidget::setTabOrder(previous, w);
            previous = w;
        }
    }
    QWidget::setTabOrder(previous, m_ui->importButton);
    QWidget::setTabOrder(m_ui->importButton, m_ui->buttonBox);
    // Then round to the Sources list, whose selection the tabs show, and back to the tabs.
    previous = m_ui->buttonBox;
    for (QWidget* w : std::initializer_list<QWidget*> { m_ui->sourceList, m_ui->sourceEnabledCheck,
                                                        m_ui->sourceNameEdit, m_ui->addSourceButton,
                                                        m_ui->renameSourceButton, m_ui->removeSourceButton,
                                                        m_ui->reloadTheirsButton, m_ui->keepMineButton }) {
        QWidget::setTabOrder(previous, w);
        previous = w;
    }
}

void SettingsDialog::connectEdits()
{
    connect(m_redcapPage, &RedcapSourcePage::sessionOnlyToggled, this, &SettingsDialog::updateKeychainNotice);
    connect(m_redcapPage, &RedcapSourcePage::testRequested, this, &SettingsDialog::testConnection);
    connect(m_redcapPage, &RedcapSourcePage::connectionTestFinished, this,
            &SettingsDialog::connectionTestFinished);
    connect(m_ui->importButton, &QPushButton::clicked, this, &SettingsDialog::chooseConfigToImport);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_ui->buttonBox, &QDialogButtonBox::clicked, this, [this](QAbstractButton* button) {
        if (m_ui->buttonBox->buttonRole(button) == QDialogButtonBox::ApplyRole)
            apply();
    });
}

void SettingsDialog::readTokens()
{
    if (!m_secrets)
        return;
    if (m_tokenRequest == 0) {
        connect(m_secrets, &SourceSecrets::tokensRead, this, &SettingsDialog::onTokensRead);
        connect(m_secrets, &SourceSecrets::tokensSaved, this, &SettingsDialog::onTokensSaved);
    }
    m_tokenOperation = TokenOperation::Reading;
    m_redcapPage->setTokenReading(true);
    readPassword(); // answered before the tokens
    QStringList stored;
    for (const QString& origin : std::as_const(m_origins)) {
        if (!origin.isEmpty())
            stored << origin;
    }
    m_tokenRequest = m_secrets->readTokens(stored);
}

// ---------------------------------------------------------------------------------------------
// Fields <-> SyncConfig

void SettingsDialog::fillFields(const SyncConfig& c)
{
    m_filling = true;
    for (SettingsPage* page : std::as_const(m_pages)) {
        page->setSourceIndex(m_selected);
        page->fill(c);
    }
    m_filling = false;
    validate();
}

SyncConfig SettingsDialog::currentConfig() const
{
    SyncConfig c = m_base;
    c.warnings.clear();
    for (const SettingsPage* page : m_pages)
        page->store(c);
    return c;
}

bool SettingsDialog::sessionOnlyChosen() const
{
    return m_offerSessionOnly && m_redcapPage->sessionOnlyChecked();
}

bool SettingsDialog::isDirty() const
{
    const SyncConfig config = currentConfig();
    QStringList removed;
    const bool tokensChanged = m_tokenOperation != TokenOperation::Reading
        && (!tokensToSave(config, &removed).isEmpty() || !removed.isEmpty());
    return config != m_savedConfig || m_applicationPage->language() != m_savedLanguage
        || m_applicationPage->startMinimized() != m_savedStartMinimized
        || sessionOnlyChosen() != (m_offerSessionOnly && m_savedSessionOnly) || tokensChanged
        || passwordChanged();
}

// ---------------------------------------------------------------------------------------------
// Validation

bool SettingsDialog::validate()
{
    m_marks.clear();
    const SyncConfig c = currentConfig();
    // A warning sign on each tab that has something to fix.
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (SettingsPage* page : std::as_const(m_pages)) {
        page->validate(c);
        m_ui->tabs->setTabIcon(m_ui->tabs->indexOf(page), m_marks.hasProblemIn(page) ? warning : QIcon());
    }
    validateSources(c);
    m_valid = m_marks.count() == 0;
    updateButtons();
    renderStatus();
    return m_valid;
}

bool SettingsDialog::isInputValid() const
{
    return m_valid;
}

bool SettingsDialog::isBusy() const
{
    return m_tokenOperation != TokenOperation::None;
}

void SettingsDialog::updateButtons()
{
    const bool busy = m_tokenOperation != TokenOperation::None;
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(m_valid && !busy);
    m_ui->buttonBox->button(QDialogButtonBox::Apply)->setEnabled(m_valid && !busy && isDirty());
}

void SettingsDialog::updateKeychainNotice()
{
    QString notice;
    const bool persistent = m_secrets && m_secrets->isPersistent();
    if (!m_keychainProblem.isEmpty()) {
        notice = tr("Lantir cannot use a keychain on this computer, so it cannot store the API token safely "
                    "(%1). You can keep the token for this session only: Lantir then forgets it when it "
                    "quits, and you enter it again when you start Lantir.")
                     .arg(m_keychainProblem);
    } else if (sessionOnlyChosen() || (!m_offerSessionOnly && m_secrets && !persistent)) {
        notice = tr("The token is kept for this session only: Lantir forgets it when it quits.");
    }
    m_redcapPage->showKeychainNotice(notice, m_offerSessionOnly);
}

// ---------------------------------------------------------------------------------------------
// Status texts

void SettingsDialog::renderStatus()
{
    // One line each: what happened (plain), notes (amber), what blocks saving (red).
    constexpr int ShownNotes = 2;
    const auto line = [](const QString& text, const char* color) {
        const QString escaped = text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        return color ? QStringLiteral("<div style=\"color: %1\">%2</div>").arg(QLatin1String(color), escaped)
                     : QStringLiteral("<div>%1</div>").arg(escaped);
    };
    QString html;
    QStringList tooltip;
    if (!m_importError.isEmpty()) {
        html += line(m_importError, "#c62828");
    } else if (!m_importedPath.isEmpty()) {
        html += line(tr("Imported %1. Check the values, then press OK or Apply to save them.")
                         .arg(QFileInfo(m_importedPath).fileName()),
                     nullptr);
        tooltip << QDir::toNativeSeparators(m_importedPath);
        for (int i = 0; i < m_importWarnings.size(); ++i) {
            if (i < ShownNotes)
                html += line(m_importWarnings.at(i), "#a15c00");
            tooltip << m_importWarnings.at(i);
        }
        if (m_importWarnings.size() > ShownNotes) {
            html += line(tr("%1 more notes about the file: point at this text to read them all.")
                             .arg(m_importWarnings.size() - ShownNotes),
                         "#a15c00");
        }
    }
    if (!m_externalNote.isEmpty())
        html += line(m_externalNote, "#a15c00");
    if (!m_saveError.isEmpty())
        html += line(m_saveError, "#c62828");
    if (m_tokenOperation == TokenOperation::Writing)
        html += line(tr("Saving the token…"), nullptr);
    if (!m_valid)
        html += line(tr("Settings to fix before saving: %1.").arg(m_marks.count()), "#c62828");
    m_ui->statusLabel->setTextFormat(Qt::RichText);
    m_ui->statusLabel->setText(html);
    m_ui->statusLabel->setToolTip(tooltip.join(QLatin1Char('\n')));
    m_ui->statusLabel->setVisible(!html.isEmpty());
}

void SettingsDialog::retranslate()
{
    for (SettingsPage* page : std::as_const(m_pages)) {
        page->retranslate();
        m_ui->tabs->setTabText(m_ui->tabs->indexOf(page), page->title());
    }
    m_redcapPage->setTokenReading(m_tokenOperation == TokenOperation::Reading);
    updateKeychainNotice();
    validate();
}

void SettingsDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QDialog::changeEvent(event);
}

// ---------------------------------------------------------------------------------------------
// Token

void SettingsDialog::onTokensRead(int request, const SourceTokens& tokens, const QString& error,
                                  bool keychainUnavailable)
{
    if (onPasswordRead(request, tokens))
        return;
    if (request != m_tokenRequest || m_tokenOperation != TokenOperation::Reading)
        return;
    m_tokenOperation = TokenOperation::None;
    m_storedTokens = tokens;
    if (!error.isEmpty() && keychainUnavailable) {
        m_keychainProblem = error;
        m_offerSessionOnly = true;
    }
    // Sources keep what the user typed meanwhile; the others show their stored token.
    for (qsizetype i = 0; i < m_base.sources.size(); ++i) {
        const QString& name = m_base.sources.at(i).name;
        const QString stored = tokens.value(m_origins.value(i));
        if (i == m_selected) {
            m_filling = true;
            m_redcapPage->offerStoredToken(stored);
            m_filling = false;
        } else if (m_tokens.value(name).isEmpty()) {
            m_tokens.insert(name, stored);
        }
    }
    m_redcapPage->setTokenReading(false);
    updateKeychainNotice();
    validate();
}

void SettingsDialog::onTokensSaved(int request, const QString& error, bool keychainUnavailable)
{
    if (onPasswordSaved(request, error, keychainUnavailable))
        return;
    if (request != m_tokenRequest || m_tokenOperation != TokenOperation::Writing)
        return;
    m_tokenOperation = TokenOperation::None;
    m_applicationPage->setPasswordSaveError(passwordSaveProblem()); // finishApply() then fails
    if (error.isEmpty()) {
        m_storedTokens = m_pendingTokens;
        m_redcapPage->setTokenSaveError(QString());
        if (m_secrets && m_secrets->isPersistent() && !m_passwordUnavailable)
            m_keychainProblem.clear();
        updateKeychainNotice();
        finishApply(true);
        return;
    }
    if (keychainUnavailable) {
        m_keychainProblem = error;
        m_offerSessionOnly = true;
    }
    m_redcapPage->setTokenSaveError(keychainUnavailable
                                        ? tr("The token was not saved. Tick “Keep the token for this "
                                             "session only” to use it until Lantir quits.")
                                        : tr("The token was not saved: %1").arg(error));
    updateKeychainNotice();
    finishApply(false);
}

// ---------------------------------------------------------------------------------------------
// Apply / OK / Cancel

bool SettingsDialog::apply()
{
    if (m_tokenOperation != TokenOperation::None || !validate())
        return false;

    const SyncConfig config = currentConfig();
    const bool sessionOnly = sessionOnlyChosen();
    m_settings->setSyncConfig(config);
    m_settings->setLanguage(m_applicationPage->language());
    m_settings->setStartMinimized(m_applicationPage->startMinimized());
    m_settings->setSessionOnlyToken(sessionOnly);
    m_externalChange = false;
    m_ui->externalChangeBar->hide();
    m_externalNote.clear();

    QStringList removed;
    SourceTokens write = tokensToSave(config, &removed);
    const bool modeChanged = m_secrets && m_offerSessionOnly && sessionOnly == m_secrets->isPersistent();
    if (m_secrets && (!write.isEmpty() || !removed.isEmpty() || modeChanged || passwordChanged())) {
        if (m_offerSessionOnly)
            m_secrets->setSessionOnly(sessionOnly);
        savePassword(modeChanged);
        m_pendingTokens = currentTokens();
        if (modeChanged) {
            // The other store: every token goes there.
            for (auto it = m_pendingTokens.cbegin(); it != m_pendingTokens.cend(); ++it) {
                if (!it.value().isEmpty())
                    write.insert(it.key(), it.value());
            }
        }
        m_tokenOperation = TokenOperation::Writing;
        updateButtons();
        renderStatus();
        m_tokenRequest = m_secrets->saveTokens(write, removed);
        return true;
    }
    finishApply(true);
    return true;
}

void SettingsDialog::finishApply(bool tokenSaved)
{
    QString error;
    const bool settingsSaved = m_settings->save(&error); // emits changed(): the app picks it all up
    m_saveError = error;
    m_savedConfig = m_settings->syncConfig();
    m_savedLanguage = m_settings->language();
    m_savedStartMinimized = m_settings->startMinimized();
    m_savedSessionOnly = m_settings->sessionOnlyToken();
    m_base = currentConfig();
    m_tokens = currentTokens();
    m_importedPath.clear();
    m_importWarnings.clear();
    m_importError.clear();
    if (tokenSaved) {
        m_redcapPage->setTokenSaveError(QString());
        // The keychain entries carry the names now.
        m_origins.clear();
        for (const SourceConfig& source : std::as_const(m_base.sources))
            m_origins << source.name;
        m_removedOrigins.clear();
        updateRenameWarning();
    }
    validate();

    const bool saved = settingsSaved && tokenSaved && m_passwordError.isEmpty();
    const bool close = m_closeAfterSave && saved;
    m_closeAfterSave = false;
    Q_EMIT applied(saved);
    if (close)
        QDialog::accept();
}

void SettingsDialog::accept()
{
    if (!m_valid || m_tokenOperation != TokenOperation::None)
        return;
    m_closeAfterSave = true;
    if (!apply())
        m_closeAfterSave = false;
}

void SettingsDialog::done(int result)
{
    m_redcapPage->stopConnectionTest();
    m_serverPage->stopTest();
    QDialog::done(result);
}

// ---------------------------------------------------------------------------------------------
// Connection test

bool SettingsDialog::isTestingConnection() const
{
    return m_redcapPage->isTestingConnection();
}

void SettingsDialog::testConnection()
{
    if (!m_redcapPage->isTestingConnection())
        validate();
    m_redcapPage->testConnection(currentConfig());
}

// ---------------------------------------------------------------------------------------------
// Import

bool SettingsDialog::importConfig(const QString& path)
{
    m_importedPath.clear();
    m_importWarnings.clear();
    m_importError.clear();
    const Result<SyncConfig> loaded = ConfigLoader::loadFile(path);
    if (!loaded) {
        m_importError
            = tr("Could not import %1: %2").arg(QDir::toNativeSeparators(path), loaded.error().message);
        renderStatus();
        return false;
    }
    SyncConfig c = loaded.value();
    keepPageEdits();
    const SyncConfig current = m_base;
    const SyncConfig defaults;
    // pylantir files have no API URL (REDCAP_API_URL), server time zone, CA file or memory alarms:
    // a source keeps what the dialog has for the source of the same name (or the one selected,
    // when both have one source).
    bool urlKept = false;
    for (SourceConfig& source : c.sources) {
        const SourceConfig* known = current.findSource(source.name);
        if (!known && c.sources.size() == 1)
            known = &current.sources.at(m_selected);
        if (!known)
            continue;
        if (source.apiUrl.isEmpty() && !known->apiUrl.isEmpty()) {
            source.apiUrl = known->apiUrl;
            urlKept = true;
        }
        if (source.serverTimeZone.isEmpty())
            source.serverTimeZone = known->serverTimeZone;
        if (source.caFile.isEmpty())
            source.caFile = known->caFile;
    }
    // The loader's "no API URL in the file" warning does not apply when the dialog has one.
    if (urlKept)
        c.warnings.removeIf([](const QString& w) { return w.contains(QLatin1String("REDCAP_API_URL")); });
    if (c.databasePath.isEmpty())
        c.databasePath = current.databasePath;
    if (c.memoryWarnMbPerHour == defaults.memoryWarnMbPerHour)
        c.memoryWarnMbPerHour = current.memoryWarnMbPerHour;
    if (c.memoryCriticalMb == defaults.memoryCriticalMb)
        c.memoryCriticalMb = current.memoryCriticalMb;
    m_importWarnings = c.warnings;
    c.warnings.clear();
    // Sources of the same name keep their stored token; the others' entries go on Apply.
    QStringList origins;
    for (const SourceConfig& source : std::as_const(c.sources))
        origins << (m_origins.contains(source.name) ? source.name : QString());
    for (const QString& origin : std::as_const(m_origins)) {
        if (!origin.isEmpty() && !origins.contains(origin))
            m_removedOrigins << origin;
    }
    m_origins = origins;
    m_base = c;
    m_selected = 0;
    m_importedPath = path;
    m_redcapPage->forgetConnectionTest();
    m_filling = true;
    m_redcapPage->setToken(m_tokens.value(c.sources.constFirst().name));
    m_filling = false;
    fillSourceList();
    fillFields(c);
    return true;
}

void SettingsDialog::chooseConfigToImport()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Import pylantir configuration"), QDir::homePath(),
                                       tr("JSON configuration (*.json);;All files (*)"));
    if (!path.isEmpty())
        importConfig(path);
}

} // namespace Lantir
