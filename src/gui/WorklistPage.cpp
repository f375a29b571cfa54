#include "WorklistPage.h"

#include "FieldMarks.h"
#include "mapping/WorklistMapper.h"
#include "ui_WorklistPage.h"

#include <QRegularExpression>

namespace Lantir {

namespace {

// Sample values the pattern previews use.
const QString SampleRecord = QStringLiteral("12");
const QString SampleStudy = QStringLiteral("CPIP-0012");
const QString SampleFamily = QStringLiteral("FAM-007");
const QString SampleSession = QStringLiteral("1");

} // namespace

WorklistPage::WorklistPage(FieldMarks* marks, QWidget* parent)
    : SettingsPage(marks, parent)
    , m_ui(std::make_unique<Ui::WorklistPage>())
{
    m_ui->setupUi(this);
    setUpLabels();
    marks->addWarningSign(m_ui->nameEdit);
    marks->addWarningSign(m_ui->idEdit);
    setUpTable(m_ui->protocolTable);
    connect(m_ui->addProtocolButton, &QPushButton::clicked, this,
            [this] { addTableRow(m_ui->protocolTable); });
    connect(m_ui->removeProtocolButton, &QPushButton::clicked, this,
            [this] { removeSelectedRows(m_ui->protocolTable); });
    watchEdits();
}

WorklistPage::~WorklistPage() = default;

QString WorklistPage::title() const
{
    return tr("Worklist");
}

void WorklistPage::fill(const SyncConfig& c)
{
    const MappingConfig& m = source(c).mapping;
    m_ui->siteEdit->setText(m.site);
    m_ui->protocolEdit->setText(m.protocol);
    QStringList sites = m.protocolBySite.keys();
    sites.sort();
    m_ui->protocolTable->setRowCount(0);
    m_ui->protocolTable->setRowCount(int(sites.size()));
    for (int row = 0; row < sites.size(); ++row) {
        setCell(m_ui->protocolTable, row, 0, sites.at(row));
        setCell(m_ui->protocolTable, row, 1, m.protocolBySite.value(sites.at(row)));
    }
    m_ui->codingEdit->setText(m.codingDesignator);
    m_ui->nameEdit->setText(m.patientNamePattern);
    m_ui->idEdit->setText(m.patientIdPattern);
}

void WorklistPage::store(SyncConfig& c) const
{
    MappingConfig& m = source(c).mapping;
    m.site = m_ui->siteEdit->text().trimmed();
    m.protocol = m_ui->protocolEdit->text().trimmed();
    m.protocolBySite.clear();
    for (int row = 0; row < m_ui->protocolTable->rowCount(); ++row) {
        const QString site = cellText(m_ui->protocolTable, row, 0);
        if (!site.isEmpty())
            m.protocolBySite.insert(site, cellText(m_ui->protocolTable, row, 1));
    }
    m.codingDesignator = m_ui->codingEdit->text().trimmed();
    m.patientNamePattern = m_ui->nameEdit->text().trimmed();
    m.patientIdPattern = m_ui->idEdit->text().trimmed();
}

void WorklistPage::validate(const SyncConfig& config)
{
    validatePatterns(source(config).mapping);
    validateProtocolTable();
    updatePreviews(config);
}

void WorklistPage::validatePatterns(const MappingConfig& m)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{[^{}]*\\}"));
    static const QStringList known
        = { QStringLiteral("{study}"), QStringLiteral("{family}"), QStringLiteral("{session}"),
            QStringLiteral("{site}"), QStringLiteral("{record}") };
    const auto patternReasons = [](const QString& pattern) {
        QStringList reasons;
        auto it = placeholder.globalMatch(pattern);
        while (it.hasNext()) {
            const QString found = it.next().captured(0);
            if (!known.contains(found))
                reasons << tr("Unknown placeholder %1: use {study}, {family}, {session}, {site} or {record}.")
                               .arg(found);
        }
        return reasons;
    };
    const QStringList nameReasons = patternReasons(m.patientNamePattern);
    QStringList idReasons = patternReasons(m.patientIdPattern);
    if (m.patientIdPattern.isEmpty())
        idReasons.prepend(
            tr("Enter a patient ID pattern: the scanner finds its worklist entries by patient ID."));
    marks().mark(m_ui->nameEdit, nameReasons.join(QLatin1Char('\n')));
    marks().mark(m_ui->idEdit, idReasons.join(QLatin1Char('\n')));
    FieldMarks::showErrors(m_ui->nameError, nameReasons);
    FieldMarks::showErrors(m_ui->idError, idReasons);
}

void WorklistPage::validateProtocolTable()
{
    QStringList reasons;
    QHash<QString, int> seen;
    QTableWidget* table = m_ui->protocolTable;
    const QSignalBlocker block(table);
    for (int row = 0; row < table->rowCount(); ++row) {
        clearCellMarks(table, row);
        const QString site = cellText(table, row, 0);
        const QString protocol = cellText(table, row, 1);
        QString reason;
        int column = 0;
        if (site.isEmpty()) {
            reason = tr("Row %1: enter the site, or remove the row.").arg(row + 1);
        } else if (seen.contains(site)) {
            reason = tr("Row %1: site %2 is already in row %3.")
                         .arg(row + 1)
                         .arg(site)
                         .arg(seen.value(site) + 1);
        } else if (protocol.isEmpty()) {
            reason = tr("Row %1: enter the protocol for site %2.").arg(row + 1).arg(site);
            column = 1;
        }
        seen.insert(site, row);
        if (!reason.isEmpty()) {
            markCell(table, row, column, reason);
            reasons << reason;
        }
    }
    marks().mark(table, reasons.join(QLatin1Char('\n')));
    FieldMarks::showErrors(m_ui->protocolError, reasons);
}

void WorklistPage::updatePreviews(const SyncConfig& c)
{
    const MappingConfig& m = source(c).mapping;
    // Run the real mapper on a sample visit, so the preview is exactly what the sync will write.
    ScanVisit visit;
    visit.recordId = SampleRecord;
    visit.repeatInstance = QStringLiteral("1");
    if (!m.studyIdField.isEmpty())
        visit.values.insert(m.studyIdField, SampleStudy);
    if (!m.familyIdField.isEmpty())
        visit.values.insert(m.familyIdField, SampleFamily);
    if (!m.sessionField.isEmpty())
        visit.values.insert(m.sessionField, SampleSession);
    const MappingOutcome outcome = WorklistMapper(m, source(c).name).map({ visit });
    QString name;
    QString id;
    QString protocol;
    if (!outcome.entries.isEmpty()) {
        const WorklistEntry& entry = outcome.entries.constFirst();
        name = entry[Worklist::PatientName];
        id = entry[Worklist::PatientId];
        protocol = entry[Worklist::ProtocolName];
    }
    m_ui->namePreview->setText(tr("Example: %1").arg(name.isEmpty() ? tr("(empty)") : name));
    m_ui->idPreview->setText(tr("Example: %1").arg(id.isEmpty() ? tr("(empty)") : id));
    if (m.site.isEmpty() && protocol.isEmpty()) {
        m_ui->protocolPreview->setText(tr("No site and no protocol: protocol_name stays empty."));
    } else if (protocol.isEmpty()) {
        m_ui->protocolPreview->setText(tr("No protocol for site %1: protocol_name stays empty.").arg(m.site));
    } else if (m.site.isEmpty()) {
        m_ui->protocolPreview->setText(tr("Protocol written: %1").arg(protocol));
    } else {
        m_ui->protocolPreview->setText(tr("Protocol written for site %1: %2").arg(m.site, protocol));
    }
    m_ui->placeholderHint->setText(
        tr("Placeholders: {study} and {family} (the part of the study and family IDs after the last “-”), "
           "{session}, {site} and {record}. The examples use record %1 with study ID %2, family ID %3 and "
           "session %4.")
            .arg(SampleRecord, SampleStudy, SampleFamily, SampleSession));
}

void WorklistPage::retranslate()
{
    m_ui->retranslateUi(this);
}

} // namespace Lantir
