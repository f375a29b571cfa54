#pragma once

#include "config/SyncConfig.h"

#include <QWidget>

class QAbstractSpinBox;
class QTableWidget;

namespace Lantir {

class FieldMarks;

// One page (tab) of the settings dialog. A page shows part of a SyncConfig, checks its own fields
// and reports each problem at its field: the dialog only composes the pages. Pages that edit a
// source (REDCap, schedule, mapping) show the one selected in the dialog's Sources list:
// setSourceIndex() says which, and source() gives it. To add a page,
// derive from this class, give it a title and the four steps below, and add it in SettingsDialog.
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    SettingsPage(FieldMarks* marks, QWidget* parent = nullptr);

    // The tab's text, in the current language.
    virtual QString title() const = 0;
    // Shows `config`'s values.
    virtual void fill(const SyncConfig& config) = 0;
    // Writes what the fields show into `config` (the fields of other pages are left alone).
    virtual void store(SyncConfig& config) const = 0;
    // Marks the fields that cannot be saved as they are, shows the reason under each, and
    // refreshes the page's hints and previews. `config` holds every page's fields.
    virtual void validate(const SyncConfig& config) = 0;
    // The language changed: the page's own texts again (validate() follows).
    virtual void retranslate() = 0;

    // The source the page shows from now on (an index into SyncConfig::sources); fill() follows.
    void setSourceIndex(int index) { m_sourceIndex = index; }
    int sourceIndex() const { return m_sourceIndex; }

Q_SIGNALS:
    // The user changed a field.
    void edited();

protected:
    FieldMarks& marks() const { return *m_marks; }
    // The selected source of `config`.
    const SourceConfig& source(const SyncConfig& config) const;
    SourceConfig& source(SyncConfig& config) const;
    // Emits edited() whenever a line edit, spin box, time edit, combo box, check box or table of
    // the page changes. Called once the page's widgets exist.
    void watchEdits();
    // Every label of the page shows its text as it is, never as HTML (reasons quote paths, REDCap's
    // messages and keychain errors), and word-wrapped ones get a realistic minimum width. Called
    // once the page's widgets exist.
    void setUpLabels();
    // `whenInvalid` while the spin box or time edit holds half-typed or out-of-range text.
    static QString inputReason(const QAbstractSpinBox* spin, const QString& whenInvalid);

    // Two-column tables (site -> protocol, REDCap field -> worklist column).
    static void setUpTable(QTableWidget* table);
    static QString cellText(const QTableWidget* table, int row, int column);
    static void setCell(QTableWidget* table, int row, int column, const QString& text);
    // Gives both cells of a row an item and removes the marks of an earlier validation.
    static void clearCellMarks(QTableWidget* table, int row);
    static void markCell(QTableWidget* table, int row, int column, const QString& reason);
    static void addTableRow(QTableWidget* table);
    static void removeSelectedRows(QTableWidget* table);
    static bool hasSpace(const QString& text);

private:
    FieldMarks* m_marks;
    int m_sourceIndex = 0;
};

} // namespace Lantir
