#include "store/SqlPlaceholders.h"

#include <QSqlQuery>
#include <QVariant>

namespace Lantir::Sql {

const QStringList& placeholderNames()
{
    static const QStringList names = [] {
        QStringList list;
        for (int i = 0; i < PlaceholderCount; ++i)
            list.append(QStringLiteral(":p%1").arg(i));
        return list;
    }();
    return names;
}

QString placeholders(int first, int count, QLatin1StringView before, QLatin1StringView after)
{
    QString text;
    for (int i = first; i < first + count; ++i) {
        if (i > first)
            text += QLatin1String(", ");
        text += before + placeholderNames().at(i) + after;
    }
    return text;
}

void bind(QSqlQuery& query, int position, const QVariant& value)
{
    query.bindValue(placeholderNames().at(position), value);
}

} // namespace Lantir::Sql
