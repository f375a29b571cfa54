#include "Icons.h"

// The resources live in this static library; pull them in before the first icon is made.
static void initLantirResources()
{
    Q_INIT_RESOURCE(lantir);
}

namespace Lantir {

namespace {
void ensureResources()
{
    static const bool done = [] {
        initLantirResources();
        return true;
    }();
    Q_UNUSED(done)
}
} // namespace

// Each icon is made once: a new QIcon would render (and cache) its pixmaps anew every time.
QIcon Icons::application()
{
    ensureResources();
    static const QIcon icon(QStringLiteral(":/icons/lantir.svg"));
    return icon;
}

QString Icons::trayResource(SyncStatus::Tray state)
{
    switch (state) {
    case SyncStatus::Tray::Ok:
        return QStringLiteral(":/icons/tray-ok.svg");
    case SyncStatus::Tray::Syncing:
        return QStringLiteral(":/icons/tray-syncing.svg");
    case SyncStatus::Tray::Warning:
        return QStringLiteral(":/icons/tray-warning.svg");
    case SyncStatus::Tray::Error:
        return QStringLiteral(":/icons/tray-error.svg");
    }
    return QStringLiteral(":/icons/tray-ok.svg");
}

QIcon Icons::tray(SyncStatus::Tray state)
{
    ensureResources();
    static const QIcon icons[] = {
        QIcon(trayResource(SyncStatus::Tray::Ok)),
        QIcon(trayResource(SyncStatus::Tray::Syncing)),
        QIcon(trayResource(SyncStatus::Tray::Warning)),
        QIcon(trayResource(SyncStatus::Tray::Error)),
    };
    return icons[static_cast<int>(state)];
}

} // namespace Lantir
