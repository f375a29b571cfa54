#include "Icons.h"

#include "base/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

// The resources live in this static library; pull them in before the first icon is made.
static void initLantirResources()
{
    Q_INIT_RESOURCE(lantir);
}

namespace Lantir {

namespace {

const QString ResourceDir = QStringLiteral(":/icons");
// Where the installed program's icons are, relative to the folder of the program (bin/).
const QString InstalledDir = QStringLiteral("/../share/lantir/icons");

void ensureResources()
{
    static const bool done = [] {
        initLantirResources();
        return true;
    }();
    Q_UNUSED(done)
}

QString trayFileName(SyncStatus::Tray state)
{
    switch (state) {
    case SyncStatus::Tray::Ok:
        return QStringLiteral("tray-ok.svg");
    case SyncStatus::Tray::Syncing:
        return QStringLiteral("tray-syncing.svg");
    case SyncStatus::Tray::Warning:
        return QStringLiteral("tray-warning.svg");
    case SyncStatus::Tray::Error:
        return QStringLiteral("tray-error.svg");
    }
    return QStringLiteral("tray-ok.svg");
}

} // namespace

QStringList Icons::fileNames()
{
    return { QStringLiteral("lantir.svg"), trayFileName(SyncStatus::Tray::Ok),
             trayFileName(SyncStatus::Tray::Syncing), trayFileName(SyncStatus::Tray::Warning),
             trayFileName(SyncStatus::Tray::Error) };
}

QString Icons::installedDir()
{
    if (!QCoreApplication::instance())
        return QString();
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + InstalledDir);
}

QString Icons::chooseDir(const QString& installed)
{
    ensureResources();
    if (!installed.isEmpty()) {
        // All or nothing: one folder's icons look alike, a half-installed folder is not used.
        const QDir dir(installed);
        QStringList missing;
        for (const QString& name : fileNames()) {
            if (!QFileInfo(dir.filePath(name)).isReadable())
                missing.append(name);
        }
        if (missing.isEmpty()) {
            qCDebug(lcResources).noquote() << "Icons from" << installed;
            return installed;
        }
        qCDebug(lcResources).noquote() << "Icons folder" << installed << "lacks"
                                       << missing.join(QStringLiteral(", ")) << "- using the built-in icons";
    }
    qCDebug(lcResources).noquote() << "Icons from" << ResourceDir;
    return ResourceDir;
}

QString Icons::dir()
{
    // Decided once, so every icon comes from the same folder for the program's lifetime.
    static const QString chosen = chooseDir(installedDir());
    return chosen;
}

// Each icon is made once: a new QIcon would render (and cache) its pixmaps anew every time.
QIcon Icons::application()
{
    static const QIcon icon(dir() + QStringLiteral("/lantir.svg"));
    return icon;
}

QString Icons::trayResource(SyncStatus::Tray state)
{
    return dir() + QLatin1Char('/') + trayFileName(state);
}

QIcon Icons::tray(SyncStatus::Tray state)
{
    static const QIcon icons[] = {
        QIcon(trayResource(SyncStatus::Tray::Ok)),
        QIcon(trayResource(SyncStatus::Tray::Syncing)),
        QIcon(trayResource(SyncStatus::Tray::Warning)),
        QIcon(trayResource(SyncStatus::Tray::Error)),
    };
    return icons[static_cast<int>(state)];
}

} // namespace Lantir
