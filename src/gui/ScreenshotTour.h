#pragma once

#include <QDir>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <functional>

class QWidget;

namespace Lantir {

class MainWindow;
class SyncController;
class TrayIcon;

// `lantir --screenshot-dir DIR`: once the given number of cycles has ended, shows each tab of
// the main window and the tray menu in turn and saves each as DIR/<name>.png, then emits
// finished(). Used by tests/gui/screenshots.sh for the pictures in docs/screenshots.
class ScreenshotTour : public QObject
{
    Q_OBJECT

public:
    ScreenshotTour(const QString& directory, int afterCycles, MainWindow* window, TrayIcon* tray,
                   SyncController* controller, QObject* parent = nullptr);

    // Extra pictures taken after the built-in ones: `open` shows a window and returns it;
    // it is saved as <name>.png and closed.
    void addWindow(const QString& name, std::function<QWidget*()> open);

    QStringList saved() const { return m_saved; }

    // Shows the settings dialog's Application page with a PostgreSQL server filled in, for the
    // picture of that choice; the dialog is closed without saving.
    static void showPostgresExample(QWidget* settingsDialog);

Q_SIGNALS:
    void finished(bool ok);

private:
    struct Step
    {
        QString name;
        std::function<QWidget*()> prepare; // returns the widget to grab
        std::function<void(QWidget*)> done;
    };

    void begin();
    void next();
    void save(const QString& name, QWidget* widget);

    QDir m_dir;
    int m_afterCycles;
    int m_seen = 0;
    bool m_begun = false;
    bool m_ok = true;
    QPointer<MainWindow> m_window;
    TrayIcon* m_tray;
    QList<Step> m_steps;
    QList<Step> m_extra;
    QStringList m_saved;
    QTimer m_deadline;
};

} // namespace Lantir
