#pragma once

#include "DatabaseReader.h"
#include "MemoryHistory.h"
#include "SyncStatus.h"
#include "store/CycleReport.h"

#include <QFutureWatcher>
#include <QList>
#include <QMainWindow>
#include <QTimer>

#include <memory>

class QSettings;
class QSortFilterProxyModel;

namespace Lantir {

namespace Ui {
class MainWindow;
}

class CycleTableModel;
class LogModel;
class MemoryChartView;
class SourceSyncMenu;
class SyncController;
class SyncStatus;
class WorklistFilterProxy;
class WorklistTableModel;

// What the history loader hands the window: built on the worker thread so the GUI thread only
// swaps it in.
struct LoadedHistory
{
    bool ok = true;
    QString error;
    qint64 total = 0; // cycles read
    MemoryHistory memory; // bounded
    QList<CycleReport> recent; // the newest ones, oldest first, for the table and status
};

struct LoadedWorklist
{
    bool ok = true;
    QString error;
    QList<WorklistRow> rows;
};

// The main window: a status strip (state, each source's health, last and next sync, memory alarm,
// Sync Now with a menu of single sources, Pause)
// above four tabs: the memory chart, the cycles table, the worklist and the log.
//
// It never touches the database on its own thread: history, the worklist and CSV exports are
// read on worker threads over their own read-only connections (DatabaseReader).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum Tab
    {
        MemoryTab,
        CyclesTab,
        WorklistTab,
        LogTab,
    };

    // `settingsFile`: an INI file for the window's own state (geometry, tab, columns); empty: the
    // application's settings (QSettings of organisation and application), where AppSettings keeps
    // its values too.
    MainWindow(SyncController* controller, SyncStatus* status, const QString& settingsFile = QString(),
               QWidget* parent = nullptr);
    ~MainWindow() override;

    // The database to show history and worklist from (the one the sync writes, with its password).
    // Reloads both when it is another one.
    void setDatabase(const DatabaseTarget& database);
    const DatabaseTarget& database() const { return m_database; }
    void setMemoryThresholds(double warnMbPerHour, double criticalMb);

    // Closing hides the window and Lantir keeps running in the tray (said once); when false,
    // closing the window closes it and the application quits as usual.
    void setCloseToTray(bool closeToTray);
    bool closesToTray() const { return m_closeToTray; }

    MemoryChartView* chartView() const;
    CycleTableModel* cycleModel() const { return m_cycleModel; }
    WorklistTableModel* worklistModel() const { return m_worklistModel; }
    WorklistFilterProxy* worklistProxy() const { return m_worklistProxy; }
    LogModel* logModel() const { return m_logModel; }
    bool isHistoryLoading() const;
    bool isWorklistLoading() const;

    // Without dialogs, for the menu actions and tests. The CSV export reads the full history
    // from `sync_cycles` on a worker thread and reports through csvExported().
    void exportHistoryCsv(const QString& path);
    bool exportChartPng(const QString& path);
    void reloadWorklist();
    void reloadHistory();
    // Something other than a sync changed worklist rows (a scanner's MPPS): the worklist view reads
    // them again now when it shows, else when it is next shown.
    void worklistChangedElsewhere();

public Q_SLOTS:
    void showAndRaise();

Q_SIGNALS:
    void settingsRequested();
    void quitRequested();
    void historyLoaded(qint64 cycles);
    void worklistLoaded(int rows);
    void csvExported(const QString& path, bool ok, const QString& message);
    // The window was closed into the tray; `firstTime` when the user was told about it now.
    void hiddenToTray(bool firstTime);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void fillStatusChoices();
    void setupWorklistColumns();
    void setupModels();
    void setupActions();
    void updateStatus();
    void updateCountdown();
    void onCycleFinished(const CycleReport& report);
    void onHistoryLoaded();
    void onWorklistLoaded();
    void onTabChanged(int index);
    void applyWorklistFilter();
    void applyLogFilter();
    void chooseCsvFile();
    void choosePngFile();
    void showAbout();
    // Where the window's state is kept; `forWriting` first creates a missing file privately (0600).
    std::unique_ptr<QSettings> stateSettings(bool forWriting = false) const;
    void saveWindowState();
    void restoreWindowState();

    std::unique_ptr<Ui::MainWindow> m_ui;
    SyncController* m_controller;
    SyncStatus* m_status;
    CycleTableModel* m_cycleModel;
    QSortFilterProxyModel* m_cycleProxy;
    WorklistTableModel* m_worklistModel;
    WorklistFilterProxy* m_worklistProxy;
    LogModel* m_logModel;
    QSortFilterProxyModel* m_logProxy;
    QTimer m_countdownTimer;
    SourceSyncMenu* m_sourceSync = nullptr;
    QString m_blockedSource; // the source whose last cycle stopped before cancelling many rows

    QString m_settingsFile;
    DatabaseTarget m_database;
    double m_warnMbPerHour = 10.0;
    double m_criticalMb = 500.0;
    bool m_closeToTray = false;
    bool m_stateIconShown = false;
    SyncStatus::Tray m_shownTrayState = SyncStatus::Tray::Ok;
    bool m_worklistStale = true;
    bool m_logFollow = true;

    QFutureWatcher<LoadedHistory>* m_historyWatcher;
    QList<CycleReport> m_liveDuringLoad; // cycles that ended while the history was being read
    bool m_historyReloadPending = false;
    bool m_worklistReloadPending = false;
    QFutureWatcher<LoadedWorklist>* m_worklistWatcher;
    QFutureWatcher<QString>* m_csvWatcher; // empty: written
    QString m_csvPath;
};

} // namespace Lantir
