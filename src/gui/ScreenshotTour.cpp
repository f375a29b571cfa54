#include "ScreenshotTour.h"

#include "MainWindow.h"
#include "TrayIcon.h"
#include "sync/SyncController.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMenu>
#include <QPixmap>
#include <QTabWidget>

namespace Lantir {

namespace {
constexpr int SettleMs = 1200; // let a tab lay out, load and paint before it is saved
constexpr int LingerMs = 4000; // the last view stays this long before the app quits
constexpr int DeadlineMs = 5 * 60 * 1000;
} // namespace

ScreenshotTour::ScreenshotTour(const QString& directory, int afterCycles, MainWindow* window, TrayIcon* tray,
                               SyncController* controller, QObject* parent)
    : QObject(parent)
    , m_dir(directory)
    , m_afterCycles(qMax(0, afterCycles))
    , m_window(window)
    , m_tray(tray)
{
    m_dir.mkpath(QStringLiteral("."));
    connect(controller, &SyncController::cycleFinished, this, [this] {
        if (++m_seen >= m_afterCycles)
            begin();
    });
    // Pictures of whatever is there if the cycles never come.
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(DeadlineMs);
    connect(&m_deadline, &QTimer::timeout, this, &ScreenshotTour::begin);
    m_deadline.start();
    if (m_afterCycles == 0)
        QTimer::singleShot(SettleMs, this, &ScreenshotTour::begin);
}

void ScreenshotTour::addWindow(const QString& name, std::function<QWidget*()> open)
{
    m_extra.append(Step { name, std::move(open), [](QWidget* w) { w->close(); } });
}

void ScreenshotTour::begin()
{
    if (m_begun || !m_window)
        return;
    m_begun = true;
    m_deadline.stop();
    const QList<QPair<QString, int>> tabs {
        { QStringLiteral("main-memory"), MainWindow::MemoryTab },
        { QStringLiteral("main-cycles"), MainWindow::CyclesTab },
        { QStringLiteral("main-worklist"), MainWindow::WorklistTab },
        { QStringLiteral("main-log"), MainWindow::LogTab },
    };
    for (const auto& tab : tabs) {
        const int index = tab.second;
        m_steps.append(
            Step { tab.first,
                   [this, index]() -> QWidget* {
                       m_window->showAndRaise();
                       m_window->findChild<QTabWidget*>(QStringLiteral("tabWidget"))->setCurrentIndex(index);
                       return m_window;
                   },
                   {} });
    }
    if (m_tray) {
        m_steps.append(Step { QStringLiteral("tray-menu"),
                              [this]() -> QWidget* {
                                  QMenu* menu = m_tray->menu();
                                  menu->ensurePolished();
                                  menu->adjustSize();
                                  return menu;
                              },
                              {} });
    }
    m_steps.append(m_extra);
    // Back to the chart, where the window stays a moment for a picture of the whole screen.
    m_steps.append(Step { QString(),
                          [this]() -> QWidget* {
                              m_window->showAndRaise();
                              m_window->findChild<QTabWidget*>(QStringLiteral("tabWidget"))
                                  ->setCurrentIndex(MainWindow::MemoryTab);
                              return nullptr;
                          },
                          {} });
    next();
}

void ScreenshotTour::next()
{
    if (m_steps.isEmpty()) {
        Q_EMIT finished(m_ok);
        return;
    }
    const Step step = m_steps.takeFirst();
    QWidget* widget = step.prepare();
    const int wait = step.name.isEmpty() ? LingerMs : SettleMs;
    QTimer::singleShot(wait, this, [this, step, widget] {
        if (!step.name.isEmpty())
            save(step.name, widget);
        if (step.done && widget)
            step.done(widget);
        next();
    });
}

void ScreenshotTour::showPostgresExample(QWidget* dialog)
{
    if (!dialog)
        return;
    const auto set = [dialog](const char* name, const QString& text) {
        if (auto* edit = dialog->findChild<QLineEdit*>(QLatin1String(name)))
            edit->setText(text);
    };
    auto* driver = dialog->findChild<QComboBox*>(QStringLiteral("databaseDriverCombo"));
    auto* ssl = dialog->findChild<QComboBox*>(QStringLiteral("postgresSslModeCombo"));
    auto* tabs = dialog->findChild<QTabWidget*>(QStringLiteral("tabs"));
    if (!driver || !ssl || !tabs)
        return;
    driver->setCurrentIndex(driver->findData(QStringLiteral("postgresql")));
    set("postgresHostEdit", QStringLiteral("db.example.org"));
    set("postgresNameEdit", QStringLiteral("lantir_worklist"));
    set("postgresUserEdit", QStringLiteral("lantir"));
    set("postgresPasswordEdit", QStringLiteral("example-password"));
    ssl->setCurrentIndex(ssl->findData(QStringLiteral("verify-full")));
    tabs->setCurrentIndex(tabs->count() - 1); // Application
}

void ScreenshotTour::save(const QString& name, QWidget* widget)
{
    const QString path = m_dir.filePath(name + QStringLiteral(".png"));
    const QPixmap pixmap = widget ? widget->grab() : QPixmap();
    if (pixmap.isNull() || !pixmap.save(path, "PNG")) {
        m_ok = false;
        qWarning().noquote() << "Could not save the screenshot" << path;
        return;
    }
    m_saved.append(path);
    qInfo().noquote() << "Saved" << path;
}

} // namespace Lantir
