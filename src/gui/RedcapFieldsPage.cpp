#include "RedcapFieldsPage.h"

#include "FieldMarks.h"
#include "config/FieldRules.h"
#include "ui_RedcapFieldsPage.h"

namespace Lantir {

RedcapFieldsPage::RedcapFieldsPage(FieldMarks* marks, QWidget* parent)
    : SettingsPage(marks, parent)
    , m_ui(std::make_unique<Ui::RedcapFieldsPage>())
{
    m_ui->setupUi(this);
    setUpLabels();
    for (QLineEdit* edit : requiredEdits() + QList<QLineEdit*> { m_ui->familyIdEdit })
        marks->addWarningSign(edit);
    watchEdits();
}

RedcapFieldsPage::~RedcapFieldsPage() = default;

QString RedcapFieldsPage::title() const
{
    return tr("REDCap fields");
}

QList<QLineEdit*> RedcapFieldsPage::requiredEdits() const
{
    return { m_ui->scanInstrumentEdit, m_ui->recordIdEdit,  m_ui->sessionFieldEdit,
             m_ui->dateFieldEdit,      m_ui->timeFieldEdit, m_ui->studyIdEdit };
}

void RedcapFieldsPage::fill(const SyncConfig& c)
{
    const MappingConfig& m = source(c).mapping;
    m_ui->scanInstrumentEdit->setText(m.scanInstrument);
    m_ui->recordIdEdit->setText(m.recordIdField);
    m_ui->sessionFieldEdit->setText(m.sessionField);
    m_ui->dateFieldEdit->setText(m.dateField);
    m_ui->timeFieldEdit->setText(m.timeField);
    m_ui->studyIdEdit->setText(m.studyIdField);
    m_ui->familyIdEdit->setText(m.familyIdField);
}

void RedcapFieldsPage::store(SyncConfig& c) const
{
    MappingConfig& m = source(c).mapping;
    m.scanInstrument = m_ui->scanInstrumentEdit->text().trimmed();
    m.recordIdField = m_ui->recordIdEdit->text().trimmed();
    m.sessionField = m_ui->sessionFieldEdit->text().trimmed();
    m.dateField = m_ui->dateFieldEdit->text().trimmed();
    m.timeField = m_ui->timeFieldEdit->text().trimmed();
    m.studyIdField = m_ui->studyIdEdit->text().trimmed();
    m.familyIdField = m_ui->familyIdEdit->text().trimmed();
}

void RedcapFieldsPage::validate(const SyncConfig& /*config*/)
{
    QStringList reasons;
    bool missing = false;
    for (QLineEdit* edit : requiredEdits()) {
        if (edit->text().trimmed().isEmpty()) {
            marks().mark(edit, tr("Required: the name of a REDCap field or instrument."));
            missing = true;
        }
    }
    if (missing)
        reasons << tr("Enter the scan instrument and the names of the marked REDCap fields.");
    // The rule lantir-sync and the REDCap client apply (FieldRules), so what is saved here loads there.
    for (QLineEdit* edit : requiredEdits() + QList<QLineEdit*> { m_ui->familyIdEdit }) {
        const QString name = edit->text().trimmed();
        if (!name.isEmpty() && FieldRules::redcapName(name) != FieldRules::Problem::None) {
            const QString reason = hasSpace(name) ? tr("REDCap names have no spaces: “%1”.").arg(name)
                                                  : tr("“%1” is not a REDCap variable name: lower-case "
                                                       "letters, digits and underscores, starting "
                                                       "with a letter.")
                                                        .arg(name);
            marks().mark(edit, reason);
            reasons << reason;
        }
    }
    FieldMarks::showErrors(m_ui->scanFieldsError, reasons);
}

void RedcapFieldsPage::retranslate()
{
    m_ui->retranslateUi(this);
}

} // namespace Lantir
