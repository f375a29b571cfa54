#include "SourceSyncMenu.h"

#include "sync/SyncController.h"

#include <QAction>
#include <QMenu>

namespace Lantir {

SourceSyncMenu::SourceSyncMenu(SyncController* controller, QMenu* menu, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
    , m_menu(menu)
{
}

void SourceSyncMenu::refresh(bool disabled)
{
    const QStringList names = m_controller->sourceNames();
    if (names != m_sources) {
        m_sources = names;
        m_menu->clear();
        for (const QString& name : names) {
            // The name is data, not a mnemonic: a '&' in it is shown as it is.
            QString label = name;
            label.replace(QLatin1Char('&'), QLatin1String("&&"));
            QAction* action = m_menu->addAction(tr("Sync %1 Now").arg(label));
            action->setObjectName(QStringLiteral("syncSource:") + name);
            action->setData(name);
            connect(action, &QAction::triggered, this, [this, name] {
                m_controller->syncNow(false, name);
                Q_EMIT syncRequested(name);
            });
        }
    }
    for (QAction* action : m_menu->actions())
        action->setEnabled(!disabled);
}

} // namespace Lantir
