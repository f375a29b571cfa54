// The desktop application's start in the notification area, the worklist view's date filter and
// sorting driven through the window's own controls, and the About box.

#include "AppSettings.h"
#include "DesktopApp.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TestEnvironment.h"
#include "TrayIcon.h"
#include "base/LantirVersion.h"
#include "sync/SyncController.h"
#include "worklist/WorklistColumns.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QMessageBox>
#include <QSet>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace Lantir;
using namespace Lantir::Test;

class TestMainWindowViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void startsMinimisedWhenTheSettingSaysSo();
    void startsShownByDefault();
    void worklistDateFilterAndSortThroughTheControls();
    void aboutBoxShowsVersionAndLicense();

private:
    QString settingsFile() const { return m_dir->filePath(QStringLiteral("lantir.ini")); }
    QString databasePath() const { return m_dir->filePath(QStringLiteral("worklist.db")); }
    // The dates in the view's column, top to bottom.
    static QStringList columnTexts(const QTableView* view, int column);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SimulatorThread> m_simulator;
};

void TestMainWindowViews::initTestCase()
{
    isolateSettings("tst_mainwindowviews");
}

void TestMainWindowViews::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_simulator = std::make_unique<SimulatorThread>(24, 2);
    QVERIFY(m_simulator->isListening());
}

void TestMainWindowViews::cleanup()
{
    m_simulator.reset();
    m_dir.reset();
}

QStringList TestMainWindowViews::columnTexts(const QTableView* view, int column)
{
    QStringList texts;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        texts << view->model()->index(row, column).data().toString();
    return texts;
}

void TestMainWindowViews::startsMinimisedWhenTheSettingSaysSo()
{
    {
        AppSettings settings(settingsFile());
        settings.setStartMinimized(true);
        QVERIFY(settings.save());
    }
    auto app = makeDesktopApp(settingsFile());
    QVERIFY(startDesktopApp(*app));
    MainWindow* window = app->mainWindow();
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        // Only the tray icon: no window at all.
        QVERIFY(app->trayIcon()->isVisible());
        QVERIFY(!window->isVisible());
    } else {
        // No notification area to live in (as here, offscreen): a minimised window, never a
        // shown one, so Lantir can still be found and closed.
        QVERIFY(!app->trayIcon()->isVisible());
        QVERIFY(window->isMinimized());
    }
    // Showing it from the tray or a second launch brings it back as a normal window.
    app->showMainWindow();
    QVERIFY(window->isVisible());
    QVERIFY(!window->isMinimized());
}

void TestMainWindowViews::startsShownByDefault()
{
    auto app = makeDesktopApp(settingsFile());
    QVERIFY(startDesktopApp(*app));
    QVERIFY(!app->settings()->startMinimized());
    QVERIFY(app->mainWindow()->isVisible());
    QVERIFY(!app->mainWindow()->isMinimized());
}

void TestMainWindowViews::worklistDateFilterAndSortThroughTheControls()
{
    auto app = makeDesktopApp(settingsFile());
    QVERIFY(startDesktopApp(*app));
    MainWindow* window = app->mainWindow();
    QSignalSpy finished(app->controller(), &SyncController::cycleFinished);
    app->applyConfig(simulatorConfig((*m_simulator)->apiUrl(), databasePath()),
                     RedcapSimulator::defaultToken());
    QVERIFY(finished.wait(TestEnvironment::scaledMs(15000)));
    QVERIFY(finished.first().first().value<CycleReport>().ok);

    QSignalSpy loaded(window, &MainWindow::worklistLoaded);
    auto* tabs = window->findChild<QTabWidget*>(QStringLiteral("tabWidget"));
    tabs->setCurrentIndex(MainWindow::WorklistTab);
    QVERIFY(loaded.wait(TestEnvironment::scaledMs(10000)));
    auto* view = window->findChild<QTableView*>(QStringLiteral("worklistTableView"));
    const int total = view->model()->rowCount();
    QVERIFY(total > 0);

    // The scan dates the simulator made, and one in the middle to filter on.
    QStringList dates = columnTexts(view, Worklist::ScheduledStartDate);
    std::sort(dates.begin(), dates.end());
    const QStringList distinct(QSet<QString>(dates.cbegin(), dates.cend()).values());
    QVERIFY2(distinct.size() >= 3, qPrintable(distinct.join(QLatin1Char(' '))));
    const QString middle = dates.at(dates.size() / 2);
    const QDate middleDate = QDate::fromString(middle, Qt::ISODate);
    QVERIFY(middleDate.isValid());
    const auto count
        = [&](auto predicate) { return int(std::count_if(dates.cbegin(), dates.cend(), predicate)); };

    auto* fromCheck = window->findChild<QCheckBox*>(QStringLiteral("fromCheckBox"));
    auto* fromEdit = window->findChild<QDateEdit*>(QStringLiteral("fromDateEdit"));
    auto* toCheck = window->findChild<QCheckBox*>(QStringLiteral("toCheckBox"));
    auto* toEdit = window->findChild<QDateEdit*>(QStringLiteral("toDateEdit"));

    // From: the date as a user sets it, then ticking the box turns the filter on.
    fromEdit->setDate(middleDate);
    QCOMPARE(view->model()->rowCount(), total); // not ticked: no filter yet
    QTest::mouseClick(fromCheck, Qt::LeftButton);
    QVERIFY(fromCheck->isChecked());
    const int fromCount = count([&](const QString& d) { return d >= middle; });
    QCOMPARE(view->model()->rowCount(), fromCount);
    for (const QString& date : columnTexts(view, Worklist::ScheduledStartDate))
        QVERIFY2(date >= middle, qPrintable(date));

    // To the same day: only that day.
    toEdit->setDate(middleDate);
    QTest::mouseClick(toCheck, Qt::LeftButton);
    QCOMPARE(view->model()->rowCount(), count([&](const QString& d) { return d == middle; }));

    // To a day before From: nothing; then From off again: everything up to that day.
    toEdit->setFocus();
    toEdit->setDate(middleDate.addDays(-1));
    QCOMPARE(view->model()->rowCount(), 0);
    QTest::mouseClick(fromCheck, Qt::LeftButton);
    QVERIFY(!fromCheck->isChecked());
    QCOMPARE(view->model()->rowCount(), count([&](const QString& d) { return d < middle; }));
    QTest::mouseClick(toCheck, Qt::LeftButton);
    QCOMPARE(view->model()->rowCount(), total);

    // Sorting by clicking a column's header: ascending, then descending.
    QHeaderView* header = view->horizontalHeader();
    QVERIFY(view->isSortingEnabled());
    const int column = Worklist::PatientId;
    const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                    header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    if (header->sortIndicatorOrder() != Qt::AscendingOrder)
        QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(header->sortIndicatorSection(), column);
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    QStringList ids = columnTexts(view, column);
    QStringList sorted = ids;
    std::sort(sorted.begin(), sorted.end(),
              [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    QCOMPARE(ids, sorted);
    QVERIFY(ids.constFirst() != ids.constLast());

    QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    ids = columnTexts(view, column);
    std::reverse(sorted.begin(), sorted.end());
    QCOMPARE(ids.constFirst(), sorted.constFirst());
    QCOMPARE(ids.constLast(), sorted.constLast());
}

void TestMainWindowViews::aboutBoxShowsVersionAndLicense()
{
    auto app = makeDesktopApp(settingsFile());
    QVERIFY(startDesktopApp(*app));
    MainWindow* window = app->mainWindow();
    auto* about = window->findChild<QAction*>(QStringLiteral("aboutAction"));
    QVERIFY(about);

    // The box is modal: read and close it from the event loop it runs.
    QString title;
    QString text;
    bool seen = false;
    QTimer::singleShot(0, window, [&] {
        QTRY_VERIFY(qobject_cast<QMessageBox*>(QApplication::activeModalWidget()));
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QCOMPARE(box->objectName(), QStringLiteral("aboutBox"));
        QVERIFY(box->isVisible());
        title = box->windowTitle();
        text = box->text();
        seen = true;
        box->accept();
    });
    // Should the check above fail, the box still closes and the test goes on to report it.
    QTimer::singleShot(TestEnvironment::scaledMs(10000), window, [] {
        if (QWidget* modal = QApplication::activeModalWidget())
            modal->close();
    });
    about->trigger();
    QVERIFY(seen);
    QCOMPARE(title, QStringLiteral("About Lantir"));
    QVERIFY2(text.contains(QStringLiteral("Lantir ") + QStringLiteral(LANTIR_VERSION)), qPrintable(text));
    QVERIFY(QStringLiteral(LANTIR_VERSION).contains(QLatin1Char('.')));
    QVERIFY2(text.contains(QStringLiteral("Apache License, Version 2.0")), qPrintable(text));
    QVERIFY(!QApplication::activeModalWidget());
}

QTEST_MAIN(TestMainWindowViews)
#include "tst_mainwindowviews.moc"
