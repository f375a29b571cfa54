// The settings dialog's Sources list, the tokens of each source, and lantir.json changing on disk
// while the dialog is open.

#include "AppSettings.h"
#include "FieldMarks.h"
#include "RedcapSourcePage.h"
#include "SettingsDialog.h"
#include "SettingsPage.h"
#include "config/FieldRules.h"
#include "ui_SettingsDialog.h"

#include <QCheckBox>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>

#include <algorithm>

namespace Lantir {

namespace {
constexpr auto ErrorStyle = "color: #c62828;";
constexpr auto NoteStyle = "color: #a15c00;";
} // namespace

void SettingsDialog::setUpSources()
{
    m_ui->externalChangeBar->hide();
    m_ui->sourceNameError->setTextFormat(Qt::PlainText);
    m_ui->sourceNameError->setStyleSheet(QLatin1String(ErrorStyle));
    m_ui->sourceNameError->hide();
    m_ui->renameWarning->setTextFormat(Qt::PlainText);
    m_ui->renameWarning->setStyleSheet(QLatin1String(NoteStyle));
    m_ui->renameWarning->hide();
    m_ui->externalChangeLabel->setTextFormat(Qt::PlainText);
    // Names and paths are shown as they are, never as HTML.
    m_ui->sourceNameLabel->setTextFormat(Qt::PlainText);
    connect(m_ui->sourceList, &QListWidget::currentRowChanged, this, &SettingsDialog::onSourceRowChanged);
    connect(m_ui->addSourceButton, &QPushButton::clicked, this, &SettingsDialog::addSource);
    connect(m_ui->renameSourceButton, &QPushButton::clicked, this, &SettingsDialog::renameSource);
    connect(m_ui->removeSourceButton, &QPushButton::clicked, this, &SettingsDialog::removeSource);
    connect(m_ui->sourceNameEdit, &QLineEdit::returnPressed, this, &SettingsDialog::renameSource);
    connect(m_ui->sourceNameEdit, &QLineEdit::textChanged, this, [this] {
        m_ui->sourceNameError->hide();
        updateRenameWarning();
    });
    connect(m_ui->sourceEnabledCheck, &QCheckBox::toggled, this, [this](bool enabled) {
        if (m_filling || m_selected >= m_base.sources.size())
            return;
        m_base.sources[m_selected].enabled = enabled;
        fillSourceList();
        validate();
    });
    connect(m_ui->reloadTheirsButton, &QPushButton::clicked, this, &SettingsDialog::reloadFromFile);
    connect(m_ui->keepMineButton, &QPushButton::clicked, this, &SettingsDialog::keepMyEdits);
    connect(m_settings, &AppSettings::configFileChanged, this, &SettingsDialog::onConfigFileChanged);
}

void SettingsDialog::fillSourceList()
{
    const bool filling = m_filling;
    m_filling = true;
    QListWidget* list = m_ui->sourceList;
    const QSignalBlocker block(list);
    while (list->count() > m_base.sources.size())
        delete list->takeItem(list->count() - 1);
    while (list->count() < m_base.sources.size())
        list->addItem(QString());
    for (int i = 0; i < m_base.sources.size(); ++i) {
        const SourceConfig& source = m_base.sources.at(i);
        QListWidgetItem* item = list->item(i);
        item->setText(source.enabled ? source.name : tr("%1 (disabled)").arg(source.name));
        item->setData(Qt::UserRole, source.name);
    }
    m_selected = std::clamp(m_selected, 0, int(m_base.sources.size()) - 1);
    list->setCurrentRow(m_selected);
    const SourceConfig& selected = m_base.sources.at(m_selected);
    m_ui->sourceEnabledCheck->setChecked(selected.enabled);
    if (m_ui->sourceNameEdit->text() != selected.name)
        m_ui->sourceNameEdit->setText(selected.name);
    m_ui->removeSourceButton->setEnabled(m_base.sources.size() > 1);
    m_ui->sourcesGroup->setTitle(tr("Sources (%1)").arg(m_base.sources.size()));
    m_filling = filling;
    updateRenameWarning();
}

void SettingsDialog::keepPageEdits()
{
    m_tokens = currentTokens();
    m_base = currentConfig();
}

SourceTokens SettingsDialog::currentTokens() const
{
    SourceTokens tokens = m_tokens;
    if (m_selected < m_base.sources.size())
        tokens.insert(m_base.sources.at(m_selected).name, m_redcapPage->token());
    return tokens;
}

void SettingsDialog::selectSource(int index)
{
    m_ui->sourceList->setCurrentRow(index);
}

void SettingsDialog::onSourceRowChanged(int row)
{
    if (row < 0 || row >= m_base.sources.size() || row == m_selected)
        return;
    keepPageEdits();
    m_selected = row;
    m_redcapPage->forgetConnectionTest();
    m_filling = true;
    m_redcapPage->setToken(m_tokens.value(m_base.sources.at(row).name));
    m_filling = false;
    fillSourceList();
    fillFields(m_base);
}

QString SettingsDialog::nameProblem(const QString& name) const
{
    switch (FieldRules::sourceName(name)) {
    case FieldRules::Problem::None:
        break;
    case FieldRules::Problem::TooLong:
        return tr("A source's name has at most %1 characters.").arg(FieldRules::MaxSourceNameLength);
    case FieldRules::Problem::BadCharacters:
        return tr("A source's name is one line, without tabs.");
    default:
        return tr("Enter a name for the source: it is written to every worklist row it syncs.");
    }
    for (int i = 0; i < m_base.sources.size(); ++i) {
        if (i != m_selected && m_base.sources.at(i).name == name)
            return tr("Another source is already called %1: each source needs a name of its own.").arg(name);
    }
    return QString();
}

void SettingsDialog::updateRenameWarning()
{
    if (m_selected >= m_base.sources.size())
        return;
    const QString typed = m_ui->sourceNameEdit->text().trimmed();
    const QString current = m_base.sources.at(m_selected).name;
    const QString origin = m_origins.value(m_selected);
    QString warning;
    if (typed != current && !typed.isEmpty()) {
        warning = tr("The name is part of every worklist row's identity: rows synced as “%1” stay under that "
                     "name, and the next cycles write “%2”. Press Rename to rename.")
                      .arg(origin.isEmpty() ? current : origin, typed);
    } else if (!origin.isEmpty() && origin != current) {
        warning
            = tr("Renamed from “%1”: rows synced under “%1” stay under it; from the next cycle this source "
                 "writes “%2”.")
                  .arg(origin, current);
    }
    m_ui->renameWarning->setText(warning);
    m_ui->renameWarning->setVisible(!warning.isEmpty());
}

bool SettingsDialog::renameSource()
{
    const QString name = m_ui->sourceNameEdit->text().trimmed();
    const QString reason = nameProblem(name);
    FieldMarks::showError(m_ui->sourceNameError, reason);
    if (!reason.isEmpty()) {
        m_ui->sourceNameEdit->setFocus();
        return false;
    }
    keepPageEdits();
    SourceConfig& source = m_base.sources[m_selected];
    if (source.name == name)
        return true;
    // The token goes with the name.
    m_tokens.insert(name, m_tokens.take(source.name));
    source.name = name;
    fillSourceList();
    fillFields(m_base);
    return true;
}

void SettingsDialog::addSource()
{
    keepPageEdits();
    const auto taken = [this](const QString& name) {
        return std::any_of(m_base.sources.cbegin(), m_base.sources.cend(),
                           [&name](const SourceConfig& s) { return s.name == name; });
    };
    QString name = tr("REDCap %1").arg(m_base.sources.size() + 1);
    for (int n = int(m_base.sources.size()) + 2; taken(name); ++n)
        name = tr("REDCap %1").arg(n);
    SourceConfig source;
    source.name = name;
    m_base.sources.append(source);
    m_origins.append(QString());
    m_tokens.insert(name, QString());
    m_ui->sourceList->setCurrentRow(-1);
    fillSourceList();
    onSourceRowChanged(int(m_base.sources.size()) - 1);
    m_ui->sourceNameEdit->setFocus();
    m_ui->sourceNameEdit->selectAll();
}

void SettingsDialog::removeSource()
{
    if (m_base.sources.size() <= 1)
        return;
    keepPageEdits();
    const int row = m_selected;
    const QString origin = m_origins.value(row);
    if (!origin.isEmpty())
        m_removedOrigins << origin;
    m_tokens.remove(m_base.sources.at(row).name);
    m_base.sources.removeAt(row);
    m_origins.removeAt(row);
    m_selected = std::min(row, int(m_base.sources.size()) - 1);
    m_redcapPage->forgetConnectionTest();
    m_filling = true;
    m_redcapPage->setToken(m_tokens.value(m_base.sources.at(m_selected).name));
    m_filling = false;
    fillSourceList();
    fillFields(m_base);
}

void SettingsDialog::validateSources(const SyncConfig& config)
{
    // The name field marks only a rename that was refused; other sources are checked briefly
    // here (their fields are on the pages once selected).
    QStringList reasons;
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const SourceTokens tokens = currentTokens();
    for (int i = 0; i < config.sources.size(); ++i) {
        const SourceConfig& source = config.sources.at(i);
        QStringList problems;
        if (i != m_selected && source.enabled) {
            if (source.apiUrl.isEmpty() || !source.apiUrl.isValid())
                problems << tr("%1: enter its REDCap API URL.").arg(source.name);
            if (m_tokenOperation != TokenOperation::Reading && tokens.value(source.name).isEmpty())
                problems << tr("%1: enter its API token.").arg(source.name);
        }
        if (QListWidgetItem* item = m_ui->sourceList->item(i)) {
            item->setIcon(problems.isEmpty() ? QIcon() : warning);
            item->setToolTip(problems.join(QLatin1Char('\n')));
        }
        reasons << problems;
    }
    if (!reasons.isEmpty())
        reasons.prepend(tr("Select a source to fix it:"));
    m_marks.mark(m_ui->sourceList, reasons.join(QLatin1Char('\n')));
}

SourceTokens SettingsDialog::tokensToSave(const SyncConfig& config, QStringList* removed) const
{
    const SourceTokens tokens = currentTokens();
    SourceTokens write;
    QStringList gone = m_removedOrigins;
    for (int i = 0; i < config.sources.size(); ++i) {
        const QString& name = config.sources.at(i).name;
        const QString origin = m_origins.value(i);
        const QString token = tokens.value(name);
        if (origin.isEmpty()) {
            if (!token.isEmpty())
                write.insert(name, token);
        } else if (origin != name) {
            write.insert(name, token); // the token moves with the rename
            gone << origin;
        } else if (token != m_storedTokens.value(origin)) {
            write.insert(name, token);
        }
    }
    // A name that is in use again (removed, then added back) keeps its new token.
    gone.removeIf([&](const QString& name) {
        return write.contains(name)
            || std::any_of(config.sources.cbegin(), config.sources.cend(),
                           [&](const SourceConfig& s) { return s.name == name; });
    });
    gone.removeDuplicates();
    *removed = gone;
    return write;
}

bool SettingsDialog::isAskingAboutExternalChange() const
{
    return m_externalChange;
}

void SettingsDialog::onConfigFileChanged(bool applied)
{
    const QString file = QDir::toNativeSeparators(m_settings->configPath());
    if (!m_settings->configError().isEmpty()) {
        m_externalNote = tr("%1 changed on disk but does not load: %2 The settings here are kept.")
                             .arg(file, m_settings->configError());
        renderStatus();
        return;
    }
    if (!applied)
        return;
    if (!isDirty()) {
        loadFromSettings();
        m_externalNote = tr("%1 changed on disk; the dialog shows the new settings.").arg(file);
        renderStatus();
        return;
    }
    m_externalChange = true;
    m_ui->externalChangeLabel->setText(
        tr("%1 was changed by someone else while you were editing. Reload the file's settings (your edits "
           "here are lost), or keep your edits (OK or Apply then replaces the file with them).")
            .arg(file));
    m_ui->externalChangeBar->show();
}

void SettingsDialog::reloadFromFile()
{
    m_externalChange = false;
    m_ui->externalChangeBar->hide();
    loadFromSettings();
    m_externalNote
        = tr("The dialog shows the settings of %1.").arg(QDir::toNativeSeparators(m_settings->configPath()));
    renderStatus();
}

void SettingsDialog::keepMyEdits()
{
    m_externalChange = false;
    m_ui->externalChangeBar->hide();
    m_externalNote = tr("Your edits are kept: OK or Apply replaces %1 with them.")
                         .arg(QDir::toNativeSeparators(m_settings->configPath()));
    renderStatus();
}

void SettingsDialog::loadFromSettings()
{
    const QString selectedName = m_base.sources.value(m_selected).name;
    m_savedConfig = m_settings->syncConfig();
    m_base = m_savedConfig;
    m_origins.clear();
    for (const SourceConfig& source : std::as_const(m_base.sources))
        m_origins << source.name;
    m_removedOrigins.clear();
    m_tokens.clear();
    m_selected = 0;
    for (int i = 0; i < m_base.sources.size(); ++i) {
        if (m_base.sources.at(i).name == selectedName)
            m_selected = i;
    }
    m_redcapPage->forgetConnectionTest();
    m_filling = true;
    m_redcapPage->setToken(QString());
    m_filling = false;
    fillSourceList();
    fillFields(m_base);
    readTokens();
}

} // namespace Lantir
