#pragma once

#include <QDate>
#include <QSortFilterProxyModel>
#include <QString>

namespace Lantir {

// Filters the worklist view by procedure step status, scheduled date range and free text
// (patient name or ID), and sorts it.
class WorklistFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit WorklistFilterProxy(QObject* parent = nullptr);

    // Empty: every status.
    void setStatus(const QString& status);
    // Invalid dates leave that end open.
    void setDateRange(const QDate& from, const QDate& to);
    void setText(const QString& text);

    QString status() const { return m_status; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_status;
    QDate m_from;
    QDate m_to;
    QString m_text;
};

} // namespace Lantir
