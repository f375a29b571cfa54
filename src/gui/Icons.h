#pragma once

#include "SyncStatus.h"

#include <QIcon>

namespace Lantir {

// The application and tray state icons, drawn from the SVG sources in resources/icons so they
// stay crisp at every size and device pixel ratio. GUI thread only.
class Icons
{
public:
    static QIcon application();
    static QIcon tray(SyncStatus::Tray state);
    static QString trayResource(SyncStatus::Tray state);
};

} // namespace Lantir
