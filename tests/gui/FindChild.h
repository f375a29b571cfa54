#pragma once

#include <QLatin1String>
#include <QObject>
#include <QtGlobal>

namespace Lantir::Test {

// The child widget or object `name` of `parent`, without which the test cannot go on.
template <typename T> T* child(const QObject& parent, const char* name)
{
    T* found = parent.findChild<T*>(QLatin1String(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

} // namespace Lantir::Test
