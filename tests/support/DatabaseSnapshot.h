#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

namespace Lantir::Test {

// Every row of the given tables of a SQLite file, read through its own connection, so a test
// can say "the database is exactly as it was".
class DatabaseSnapshot
{
public:
    static DatabaseSnapshot take(const QString& path,
                                 const QStringList& tables
                                 = { QStringLiteral("worklist_items"), QStringLiteral("lantir_entry_keys"),
                                     QStringLiteral("lantir_state") });

    bool operator==(const DatabaseSnapshot& other) const { return m_rows == other.m_rows; }
    bool operator!=(const DatabaseSnapshot& other) const { return !(*this == other); }
    int rowCount() const { return m_rows.size(); }
    QString describe() const;

private:
    QList<QVariantList> m_rows;
};

} // namespace Lantir::Test
