#pragma once

#include "worklist/WorklistColumns.h"

#include <QList>

namespace Lantir::Test {

// Every column a sync may write (Worklist::isSyncWritable), in column order: what a source that
// owns all of them passes to WorklistStore::upsert.
inline QList<Worklist::Column> allWritable()
{
    QList<Worklist::Column> columns;
    for (int c = 0; c < Worklist::ColumnCount; ++c) {
        if (Worklist::isSyncWritable(static_cast<Worklist::Column>(c)))
            columns.append(static_cast<Worklist::Column>(c));
    }
    return columns;
}

} // namespace Lantir::Test
