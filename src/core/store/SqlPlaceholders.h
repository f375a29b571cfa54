#pragma once

#include <QString>
#include <QStringList>

class QSqlQuery;
class QVariant;

namespace Lantir::Sql {

// Named placeholders :p0, :p1, ... for statements run tens of thousands of times a sync. Qt 6.4
// turns every positional bindValue() into a formatted name and a hash lookup; binding by a
// ready-made name skips the formatting.
constexpr int PlaceholderCount = 256;

// ":p0" .. ":p255".
const QStringList& placeholderNames();
// ":p<first>, :p<first+1>, ..." (count of them); with a prefix and suffix around each, e.g.
// placeholders(0, 3, "(", ")") gives "(:p0), (:p1), (:p2)".
QString placeholders(int first, int count, QLatin1StringView before = {}, QLatin1StringView after = {});
void bind(QSqlQuery& query, int position, const QVariant& value);

} // namespace Lantir::Sql
