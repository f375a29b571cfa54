#include "FieldMarks.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>

namespace Lantir {

namespace {
const QString InvalidStyle = QStringLiteral("border: 1px solid #c62828; border-radius: 2px;");
}

void FieldMarks::addWarningSign(QLineEdit* edit)
{
    QAction* action = edit->addAction(edit->style()->standardIcon(QStyle::SP_MessageBoxWarning),
                                      QLineEdit::TrailingPosition);
    action->setVisible(false);
    m_warningActions.insert(edit, action);
}

void FieldMarks::clear()
{
    for (QWidget* field : std::as_const(m_marked)) {
        field->setStyleSheet(QString());
        field->setToolTip(QString());
        field->setProperty("invalid", false);
        if (QAction* action = m_warningActions.value(field))
            action->setVisible(false);
    }
    m_marked.clear();
    m_count = 0;
}

void FieldMarks::mark(QWidget* field, const QString& reason)
{
    if (reason.isEmpty())
        return;
    if (!m_marked.contains(field)) {
        m_marked.append(field);
        field->setToolTip(reason);
    } else {
        field->setToolTip(field->toolTip() + QLatin1Char('\n') + reason);
    }
    field->setStyleSheet(InvalidStyle);
    field->setProperty("invalid", true);
    if (QAction* action = m_warningActions.value(field)) {
        action->setToolTip(field->toolTip());
        action->setVisible(true);
    }
    ++m_count;
}

bool FieldMarks::isMarked(const QWidget* field) const
{
    return m_marked.contains(const_cast<QWidget*>(field));
}

bool FieldMarks::hasProblemIn(const QWidget* page) const
{
    for (const QWidget* field : m_marked) {
        if (page->isAncestorOf(field))
            return true;
    }
    return false;
}

void FieldMarks::showErrors(QLabel* label, const QStringList& reasons)
{
    label->setText(reasons.join(QLatin1Char('\n')));
    label->setVisible(!reasons.isEmpty());
}

void FieldMarks::showError(QLabel* label, const QString& reason)
{
    showErrors(label, reason.isEmpty() ? QStringList() : QStringList { reason });
}

} // namespace Lantir
