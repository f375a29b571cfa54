#pragma once

#include "SyncStatus.h"

#include <QIcon>
#include <QString>
#include <QStringList>

namespace Lantir {

// The application and tray state icons, drawn from SVG files so they stay crisp at every size and
// device pixel ratio. They come from <bin>/../share/lantir/icons, where the packages install them,
// when that folder holds all of them, else from the copies built into the program (:/icons, from
// resources/icons). GUI thread only.
class Icons
{
public:
    static QIcon application();
    static QIcon tray(SyncStatus::Tray state);
    // The SVG file of a tray state, in dir().
    static QString trayResource(SyncStatus::Tray state);

    // The folder the icons come from, chosen once: chooseDir(installedDir()).
    static QString dir();
    // The installed icons folder beside the program's bin/ (empty without an application object).
    static QString installedDir();
    // `installed` when it holds every file of fileNames(), else ":/icons".
    static QString chooseDir(const QString& installed);
    // The icon files: lantir.svg and the four tray states.
    static QStringList fileNames();
};

} // namespace Lantir
