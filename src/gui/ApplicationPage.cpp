#include "ApplicationPage.h"

#include "FieldMarks.h"
#include "Translator.h"
#include "ui_ApplicationPage.h"

namespace Lantir {

ApplicationPage::ApplicationPage(FieldMarks* marks, QWidget* parent)
    : SettingsPage(marks, parent)
    , m_ui(std::make_unique<Ui::ApplicationPage>())
{
    m_ui->setupUi(this);
    setUpLabels();
    setUpDatabase();
    m_ui->languageCombo->addItem(QString(), QString()); // "System language", text set in retranslate()
    for (const QString& language : Translator::availableLanguages())
        m_ui->languageCombo->addItem(Translator::nativeName(language), language);
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
    fillDatabase(c);
    m_ui->memoryWarnSpin->setValue(c.memoryWarnMbPerHour);
    m_ui->memoryCriticalSpin->setValue(c.memoryCriticalMb);
}

void ApplicationPage::store(SyncConfig& c) const
{
    storeDatabase(c);
    c.memoryWarnMbPerHour = m_ui->memoryWarnSpin->value();
    c.memoryCriticalMb = m_ui->memoryCriticalSpin->value();
}

void ApplicationPage::validate(const SyncConfig& c)
{
    validateDatabase(c);

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
    retranslateDatabase();
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

} // namespace Lantir
