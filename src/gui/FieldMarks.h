#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

class QAction;
class QLabel;
class QLineEdit;
class QWidget;

namespace Lantir {

// The invalid fields of the settings pages: each is outlined in red with the reasons as tooltip
// (and a warning sign inside line edits), and counted so the dialog knows whether it may save.
class FieldMarks
{
public:
    // Gives `edit` a warning sign that shows while it is marked.
    void addWarningSign(QLineEdit* edit);
    // Removes every mark.
    void clear();
    // Marks `field` with `reason` (several reasons add up); an empty reason marks nothing.
    void mark(QWidget* field, const QString& reason);

    int count() const { return m_count; }
    bool isMarked(const QWidget* field) const;
    // A marked field lies inside `page`.
    bool hasProblemIn(const QWidget* page) const;

    // Shows `reasons` one a line in `label`, hidden when there are none.
    static void showErrors(QLabel* label, const QStringList& reasons);
    static void showError(QLabel* label, const QString& reason);

private:
    QHash<QWidget*, QAction*> m_warningActions;
    QList<QWidget*> m_marked;
    int m_count = 0;
};

} // namespace Lantir
