#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace Lantir {

class SyncController;

// "Sync one source": one action per enabled source, each syncing that source alone. The main
// window's Sync Now button and the tray menu both carry one; refresh() follows the configuration.
class SourceSyncMenu : public QObject
{
    Q_OBJECT

public:
    // `menu` (owned by the caller) gets the actions; objectName of each: "syncSource:<name>".
    SourceSyncMenu(SyncController* controller, QMenu* menu, QObject* parent = nullptr);

    // Rebuilds the actions when the enabled sources changed; enables them unless `disabled`.
    void refresh(bool disabled);
    // The language changed: the actions' texts again at the next refresh().
    void retranslate() { m_sources.clear(); }
    QStringList sources() const { return m_sources; }
    QMenu* menu() const { return m_menu; }

Q_SIGNALS:
    // One source was asked to sync now.
    void syncRequested(const QString& source);

private:
    SyncController* m_controller;
    QMenu* m_menu;
    QStringList m_sources;
};

} // namespace Lantir
