#include "FieldMappingPage.h"

#include "FieldMarks.h"
#include "WorklistColumnDelegate.h"
#include "ui_FieldMappingPage.h"
#include "worklist/WorklistColumns.h"

namespace Lantir {

FieldMappingPage::FieldMappingPage(FieldMarks* marks, QWidget* parent)
    : SettingsPage(marks, parent)
    , m_ui(std::make_unique<Ui::FieldMappingPage>())
{
    m_ui->setupUi(this);
    setUpLabels();
    setUpTable(m_ui->mappingTable);
    m_ui->mappingTable->setItemDelegateForColumn(1, new WorklistColumnDelegate(m_ui->mappingTable));
    connect(m_ui->addMappingButton, &QPushButton::clicked, this, [this] { addTableRow(m_ui->mappingTable); });
    connect(m_ui->removeMappingButton, &QPushButton::clicked, this,
            [this] { removeSelectedRows(m_ui->mappingTable); });
    watchEdits();
}

FieldMappingPage::~FieldMappingPage() = default;

QString FieldMappingPage::title() const
{
    return tr("Field mapping");
}

void FieldMappingPage::fill(const SyncConfig& c)
{
    const MappingConfig& m = source(c).mapping;
    m_ui->mappingTable->setRowCount(0);
    m_ui->mappingTable->setRowCount(int(m.fieldMapping.size()));
    for (int row = 0; row < m.fieldMapping.size(); ++row) {
        setCell(m_ui->mappingTable, row, 0, m.fieldMapping.at(row).first);
        setCell(m_ui->mappingTable, row, 1, m.fieldMapping.at(row).second);
    }
}

void FieldMappingPage::store(SyncConfig& c) const
{
    MappingConfig& m = source(c).mapping;
    m.fieldMapping.clear();
    for (int row = 0; row < m_ui->mappingTable->rowCount(); ++row) {
        const QString field = cellText(m_ui->mappingTable, row, 0);
        const QString column = cellText(m_ui->mappingTable, row, 1);
        if (!field.isEmpty() || !column.isEmpty())
            m.fieldMapping.append({ field, column });
    }
}

QString FieldMappingPage::rowProblem(int row)
{
    QTableWidget* table = m_ui->mappingTable;
    const QString field = cellText(table, row, 0);
    const QString target = cellText(table, row, 1);
    QString reason;
    int column = 0;
    if (field.isEmpty()) {
        reason = tr("Row %1: enter the REDCap field, or remove the row.").arg(row + 1);
    } else if (hasSpace(field)) {
        reason = tr("Row %1: “%2” is not a REDCap field name (they have no spaces).").arg(row + 1).arg(field);
    } else if (target.isEmpty()) {
        reason = tr("Row %1: choose the worklist column %2 goes to.").arg(row + 1).arg(field);
        column = 1;
    }
    if (!reason.isEmpty())
        markCell(table, row, column, reason);
    return reason;
}

void FieldMappingPage::validate(const SyncConfig& /*config*/)
{
    QStringList reasons;
    QStringList warnings;
    QStringList unwritten;
    QHash<QString, int> targets;
    QTableWidget* table = m_ui->mappingTable;
    const QSignalBlocker block(table);
    for (int row = 0; row < table->rowCount(); ++row) {
        clearCellMarks(table, row);
        if (const QString reason = rowProblem(row); !reason.isEmpty()) {
            reasons << reason;
            continue;
        }
        const QString target = cellText(table, row, 1);
        if (!Worklist::isSyncWritable(Worklist::columnFromName(target))) {
            unwritten << tr("row %1 (%2)").arg(row + 1).arg(target);
            table->item(row, 1)->setToolTip(
                tr("Lantir does not write %1; this row writes nothing.").arg(target));
        } else if (targets.contains(target)) {
            warnings << tr("Rows %1 and %2 both write %3; the later row wins when both have a value.")
                            .arg(targets.value(target) + 1)
                            .arg(row + 1)
                            .arg(target);
        }
        targets.insert(target, row);
    }
    if (!unwritten.isEmpty()) {
        warnings.prepend(tr("Not worklist columns Lantir writes, so these rows are kept (pylantir "
                            "configurations use them) but write nothing: %1.")
                             .arg(unwritten.join(QStringLiteral(", "))));
    }
    marks().mark(table, reasons.join(QLatin1Char('\n')));
    FieldMarks::showErrors(m_ui->mappingError, reasons);
    FieldMarks::showErrors(m_ui->mappingWarning, warnings);
}

void FieldMappingPage::retranslate()
{
    m_ui->retranslateUi(this);
}

} // namespace Lantir
