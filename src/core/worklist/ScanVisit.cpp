#include "worklist/ScanVisit.h"

namespace Lantir {

namespace {
const QString NoValue;

bool sameName(const QString& a, const QString& b)
{
    // The merge hands every visit the same shared name strings: equal data is the usual match.
    return (a.constData() == b.constData() && a.size() == b.size()) || a == b;
}
} // namespace

qsizetype FieldValues::indexOf(const QString& field) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (sameName(m_entries.at(i).first, field))
            return i;
    }
    return -1;
}

void FieldValues::insert(const QString& field, const QString& value)
{
    const qsizetype at = indexOf(field);
    if (at < 0)
        m_entries.append(Entry(field, value));
    else
        m_entries[at].second = value;
}

const QString& FieldValues::value(const QString& field) const
{
    const qsizetype at = indexOf(field);
    return at < 0 ? NoValue : m_entries.at(at).second;
}

} // namespace Lantir
