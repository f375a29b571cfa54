#include "ApplicationPage.h"

#include "FieldMarks.h"
#include "Translator.h"
#include "config/AppPaths.h"
#include "config/ConfigLoader.h"
#include "ui_ApplicationPage.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>

namespace Lantir {

ApplicationPage::ApplicationPage(FieldMarks* marks, QWidget* parent)
    : SettingsPage(marks, parent)
    , m_ui(std::make_unique<Ui::ApplicationPage>())
{
    m_ui->setupUi(this);
    setUpLabels();
    marks->addWarningSign(m_ui->databaseEdit);
    m_ui->languageCombo->addItem(QString(), QString()); // "System language", text set in retranslate()
    for (const QString& language : Translator::availableLanguages())
        m_ui->languageCombo->addItem(Translator::nativeName(language), language);
    connect(m_ui->browseDatabaseButton, &QPushButton::clicked, this, &ApplicationPage::browseDatabase);
    watchEdits();
    retranslate();
}

ApplicationPage::~ApplicationPage() = default;

QString ApplicationPage::title() const
{
    return tr("Application");
}

void ApplicationPage::fill(const SyncConfig& c)
{
    m_ui->databaseEdit->setText(QDir::toNativeSeparators(c.databasePath));
    m_ui->memoryWarnSpin->setValue(c.memoryWarnMbPerHour);
    m_ui->memoryCriticalSpin->setValue(c.memoryCriticalMb);
}

void ApplicationPage::store(SyncConfig& c) const
{
    c.databasePath
        = QDir::fromNativeSeparators(ConfigLoader::expandHome(m_ui->databaseEdit->text().trimmed()));
    c.memoryWarnMbPerHour = m_ui->memoryWarnSpin->value();
    c.memoryCriticalMb = m_ui->memoryCriticalSpin->value();
}

void ApplicationPage::validate(const SyncConfig& c)
{
    QString reason;
    const QString path = c.databasePath;
    const QFileInfo info(path);
    if (path.isEmpty()) {
        reason = tr("Choose the worklist database file (pylantir's db_path).");
    } else if (info.isDir()) {
        reason = tr("%1 is a folder; choose a database file in it.").arg(QDir::toNativeSeparators(path));
    } else if (!info.absoluteDir().exists() && path != AppPaths::defaultDatabasePath()) {
        // The default folder is created (0700) on the first sync; any other must exist.
        reason = tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(info.absolutePath()));
    }
    marks().mark(m_ui->databaseEdit, reason);
    FieldMarks::showError(m_ui->databaseError, reason);

    const QString warn
        = inputReason(m_ui->memoryWarnSpin, tr("Enter the warning growth rate in MB per hour."));
    const QString critical
        = inputReason(m_ui->memoryCriticalSpin, tr("Enter the critical memory size in MB."));
    marks().mark(m_ui->memoryWarnSpin, warn);
    marks().mark(m_ui->memoryCriticalSpin, critical);
    QStringList memory;
    for (const QString& r : { warn, critical }) {
        if (!r.isEmpty())
            memory << r;
    }
    FieldMarks::showErrors(m_ui->memoryError, memory);
}

void ApplicationPage::retranslate()
{
    m_ui->retranslateUi(this);
    m_ui->languageCombo->setItemText(0, tr("System language"));
}

QString ApplicationPage::language() const
{
    return m_ui->languageCombo->currentData().toString();
}

void ApplicationPage::setLanguage(const QString& language)
{
    const int row = m_ui->languageCombo->findData(language);
    m_ui->languageCombo->setCurrentIndex(row >= 0 ? row : 0);
}

bool ApplicationPage::startMinimized() const
{
    return m_ui->startMinimizedCheck->isChecked();
}

void ApplicationPage::setStartMinimized(bool minimized)
{
    m_ui->startMinimizedCheck->setChecked(minimized);
}

void ApplicationPage::browseDatabase()
{
    SyncConfig current;
    store(current);
    QString start = current.databasePath;
    if (start.isEmpty())
        start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Worklist database"), start, tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"),
        nullptr, QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        m_ui->databaseEdit->setText(QDir::toNativeSeparators(path));
}

} // namespace Lantir
