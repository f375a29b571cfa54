#include "MainWindow.h"

#include "AppSettings.h"
#include "CycleCsv.h"
#include "CycleTableModel.h"
#include "Icons.h"
#include "LogModel.h"
#include "MemoryChartView.h"
#include "SourceSyncMenu.h"
#include "SyncStatus.h"
#include "WorklistFilterProxy.h"
#include "WorklistTableModel.h"
#include "base/LantirVersion.h"
#include "base/Logging.h"
#include "sync/SyncController.h"
#include "ui_MainWindow.h"

#include <QCloseEvent>
#include <QDate>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

namespace Lantir {

namespace {
constexpr int WorklistRowLimit = 100000;
constexpr int StatusMessageMs = 8000;

const QString SettingsGroup = QStringLiteral("MainWindow");

LoadedHistory loadHistory(const DatabaseTarget& database, int recentCount)
{
    LoadedHistory loaded;
    Result<QList<CycleReport>> reports = DatabaseReader::loadCycles(database);
    if (!reports) {
        loaded.ok = false;
        loaded.error = reports.error().message;
        return loaded;
    }
    const QList<CycleReport>& all = reports.value();
    loaded.total = all.size();
    loaded.memory.addAll(all);
    const qsizetype from = qMax<qsizetype>(0, all.size() - recentCount);
    loaded.recent = all.mid(from);
    return loaded;
}

LoadedWorklist loadWorklist(const DatabaseTarget& database)
{
    LoadedWorklist loaded;
    Result<QList<WorklistRow>> rows = DatabaseReader::loadWorklist(database, WorklistRowLimit);
    if (!rows) {
        loaded.ok = false;
        loaded.error = rows.error().message;
    } else {
        loaded.rows = std::move(rows).value();
    }
    return loaded;
}

QString writeCsv(const QString& path, const DatabaseTarget& database, const QList<CycleReport>& shown)
{
    // The full history is in sync_cycles; without a database, the cycles this window holds.
    QList<CycleReport> reports;
    if (DatabaseReader::isConfigured(database)) {
        Result<QList<CycleReport>> loaded = DatabaseReader::loadCycles(database);
        if (!loaded)
            return loaded.error().message;
        reports = std::move(loaded).value();
    }
    if (reports.isEmpty())
        reports = shown;
    if (Result<void> written = CycleCsv::write(path, reports); !written)
        return written.error().message;
    return QString();
}

// Setting a style sheet re-polishes the widget even when it is the same; the strip is updated
// every cycle and on every state change.
void setStyleSheetIfChanged(QWidget* widget, const QString& styleSheet)
{
    if (widget->styleSheet() != styleSheet)
        widget->setStyleSheet(styleSheet);
}

QString documentsFile(const QString& name)
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    return QDir(dir).filePath(name);
}
} // namespace

MainWindow::MainWindow(SyncController* controller, SyncStatus* status, const QString& settingsFile,
                       QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_controller(controller)
    , m_status(status)
    , m_cycleModel(new CycleTableModel(this))
    , m_cycleProxy(new QSortFilterProxyModel(this))
    , m_worklistModel(new WorklistTableModel(this))
    , m_worklistProxy(new WorklistFilterProxy(this))
    , m_logModel(new LogModel(this))
    , m_logProxy(new QSortFilterProxyModel(this))
    , m_settingsFile(settingsFile)
    , m_historyWatcher(new QFutureWatcher<LoadedHistory>(this))
    , m_worklistWatcher(new QFutureWatcher<LoadedWorklist>(this))
    , m_csvWatcher(new QFutureWatcher<QString>(this))
{
    m_ui->setupUi(this);
    // The labels show REDCap's messages, paths and log lines: as they are, never as HTML.
    for (QLabel* label : findChildren<QLabel*>())
        label->setTextFormat(Qt::PlainText);
    setWindowIcon(Icons::application());
    QFont stateFont = m_ui->stateLabel->font();
    stateFont.setBold(true);
    stateFont.setPointSizeF(stateFont.pointSizeF() * 1.25);
    m_ui->stateLabel->setFont(stateFont);
    m_ui->statusBar->setObjectName(QStringLiteral("statusBar"));

    setupModels();
    setupActions();
    // Compact rows: one line of text each.
    for (QTableView* view : { m_ui->cyclesTableView, m_ui->worklistTableView, m_ui->logTableView })
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);

    connect(m_status, &SyncStatus::changed, this, &MainWindow::updateStatus);
    connect(m_controller, &SyncController::cycleFinished, this, &MainWindow::onCycleFinished);
    connect(m_historyWatcher, &QFutureWatcherBase::finished, this, &MainWindow::onHistoryLoaded);
    connect(m_worklistWatcher, &QFutureWatcherBase::finished, this, &MainWindow::onWorklistLoaded);
    connect(m_csvWatcher, &QFutureWatcherBase::finished, this, [this] {
        const QString error = m_csvWatcher->result();
        const bool ok = error.isEmpty();
        const QString message
            = ok ? tr("History saved to %1").arg(QDir::toNativeSeparators(m_csvPath)) : error;
        statusBar()->showMessage(message, StatusMessageMs);
        Q_EMIT csvExported(m_csvPath, ok, message);
    });
    connect(m_ui->tabWidget, &QTabWidget::currentChanged, this, &MainWindow::onTabChanged);

    m_countdownTimer.setInterval(1000);
    connect(&m_countdownTimer, &QTimer::timeout, this, &MainWindow::updateCountdown);
    m_countdownTimer.start();

    restoreWindowState();
    updateStatus();
}

MainWindow::~MainWindow()
{
    saveWindowState();
    // The readers hold no pointer into this window, but let them end before the models go.
    m_historyWatcher->waitForFinished();
    m_worklistWatcher->waitForFinished();
    m_csvWatcher->waitForFinished();
}

MemoryChartView* MainWindow::chartView() const
{
    return m_ui->memoryChartView;
}

void MainWindow::setupModels()
{
    // Cycles: newest first, sortable by the raw numbers.
    m_cycleProxy->setSourceModel(m_cycleModel);
    m_cycleProxy->setSortRole(CycleTableModel::SortRole);
    m_ui->cyclesTableView->setModel(m_cycleProxy);
    m_ui->cyclesTableView->sortByColumn(CycleTableModel::Time, Qt::DescendingOrder);
    QHeaderView* cycleHeader = m_ui->cyclesTableView->horizontalHeader();
    cycleHeader->setSectionResizeMode(QHeaderView::Interactive);
    cycleHeader->setStretchLastSection(true);
    m_ui->cyclesTableView->resizeColumnsToContents();

    // Worklist: filter by status, date range and text; sortable; the columns a coordinator looks
    // at first, the others a right-click on the header away.
    m_worklistProxy->setSourceModel(m_worklistModel);
    m_ui->worklistTableView->setModel(m_worklistProxy);
    m_ui->worklistTableView->sortByColumn(Worklist::ScheduledStartDate, Qt::DescendingOrder);
    setupWorklistColumns();
    for (const char* status : { "", "SCHEDULED", "IN_PROGRESS", "COMPLETED", "DISCONTINUED" })
        m_ui->statusComboBox->addItem(QString(), QString::fromLatin1(status));
    fillStatusChoices();
    const QDate today = QDate::currentDate();
    m_ui->fromDateEdit->setDate(today);
    m_ui->toDateEdit->setDate(today.addDays(30));
    m_ui->fromDateEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_ui->toDateEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    connect(m_ui->statusComboBox, &QComboBox::currentIndexChanged, this, &MainWindow::applyWorklistFilter);
    connect(m_ui->fromCheckBox, &QCheckBox::toggled, m_ui->fromDateEdit, &QWidget::setEnabled);
    connect(m_ui->toCheckBox, &QCheckBox::toggled, m_ui->toDateEdit, &QWidget::setEnabled);
    connect(m_ui->fromCheckBox, &QCheckBox::toggled, this, &MainWindow::applyWorklistFilter);
    connect(m_ui->toCheckBox, &QCheckBox::toggled, this, &MainWindow::applyWorklistFilter);
    connect(m_ui->fromDateEdit, &QDateEdit::dateChanged, this, &MainWindow::applyWorklistFilter);
    connect(m_ui->toDateEdit, &QDateEdit::dateChanged, this, &MainWindow::applyWorklistFilter);
    connect(m_ui->searchLineEdit, &QLineEdit::textChanged, this, &MainWindow::applyWorklistFilter);
    connect(m_ui->reloadWorklistButton, &QPushButton::clicked, this, &MainWindow::reloadWorklist);

    // Log: newest at the bottom, follows new messages while scrolled to the end.
    m_logProxy->setSourceModel(m_logModel);
    m_logProxy->setFilterRole(LogModel::SeverityRole);
    m_logProxy->setFilterKeyColumn(LogModel::Level);
    m_ui->logTableView->setModel(m_logProxy);
    QHeaderView* logHeader = m_ui->logTableView->horizontalHeader();
    logHeader->setSectionResizeMode(LogModel::Time, QHeaderView::ResizeToContents);
    logHeader->setSectionResizeMode(LogModel::Level, QHeaderView::ResizeToContents);
    logHeader->setSectionResizeMode(LogModel::Category, QHeaderView::ResizeToContents);
    logHeader->setStretchLastSection(true);
    m_ui->logLevelComboBox->setCurrentIndex(1);
    connect(m_ui->logLevelComboBox, &QComboBox::currentIndexChanged, this, &MainWindow::applyLogFilter);
    connect(m_ui->clearLogButton, &QPushButton::clicked, m_logModel, &LogModel::clear);
    QScrollBar* logScroll = m_ui->logTableView->verticalScrollBar();
    connect(logScroll, &QScrollBar::valueChanged, this,
            [this, logScroll](int value) { m_logFollow = value >= logScroll->maximum(); });
    connect(m_logProxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_logFollow)
            m_ui->logTableView->scrollToBottom();
    });
    applyLogFilter();
    LogModel::install(m_logModel);

    // Memory chart.
    connect(m_ui->rangeComboBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_ui->memoryChartView->setRange(static_cast<MemoryChartView::Range>(index));
    });
}

void MainWindow::setupWorklistColumns()
{
    QHeaderView* header = m_ui->worklistTableView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionsMovable(true);
    const QList<Worklist::Column> order {
        Worklist::ScheduledStartDate,
        Worklist::ScheduledStartTime,
        Worklist::PatientId,
        Worklist::PatientName,
        Worklist::PerformedProcedureStepStatus,
        Worklist::ProtocolName,
        Worklist::Modality,
        Worklist::StudyDescription,
        Worklist::PatientBirthDate,
        Worklist::PatientSex,
        Worklist::DataSource,
        Worklist::Id,
    };
    for (int visual = 0; visual < order.size(); ++visual)
        header->moveSection(header->visualIndex(order.at(visual)), visual);
    for (Worklist::Column column :
         { Worklist::StudyInstanceUid, Worklist::PatientWeightLb, Worklist::AccessionNumber,
           Worklist::ReferringPhysicianName, Worklist::ScheduledStationAeTitle, Worklist::PerformingPhysician,
           Worklist::ProcedureDescription, Worklist::StationName, Worklist::HisrisCodingDesignator })
        header->setSectionHidden(column, true);

    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint& pos) {
        QMenu menu(this);
        menu.setObjectName(QStringLiteral("worklistColumnsMenu"));
        for (int visual = 0; visual < header->count(); ++visual) {
            const int logical = header->logicalIndex(visual);
            QAction* action
                = menu.addAction(WorklistTableModel::columnTitle(static_cast<Worklist::Column>(logical)));
            action->setCheckable(true);
            action->setChecked(!header->isSectionHidden(logical));
            connect(action, &QAction::toggled, header,
                    [header, logical](bool shown) { header->setSectionHidden(logical, !shown); });
        }
        menu.exec(header->mapToGlobal(pos));
    });
}

void MainWindow::fillStatusChoices()
{
    const QStringList names { tr("All statuses"), tr("Scheduled"), tr("In progress"), tr("Completed"),
                              tr("Discontinued") };
    for (int i = 0; i < names.size() && i < m_ui->statusComboBox->count(); ++i)
        m_ui->statusComboBox->setItemText(i, names.at(i));
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void MainWindow::retranslate()
{
    m_ui->retranslateUi(this);
    fillStatusChoices();
    m_cycleModel->retranslate();
    m_worklistModel->retranslate();
    m_logModel->retranslate();
    m_sourceSync->retranslate();
    if (!m_worklistWatcher->isRunning())
        applyWorklistFilter();
    updateStatus();
}

void MainWindow::setupActions()
{
    auto* sourceMenu = new QMenu(this);
    sourceMenu->setObjectName(QStringLiteral("syncSourceMenu"));
    m_ui->syncSourceButton->setMenu(sourceMenu);
    m_sourceSync = new SourceSyncMenu(m_controller, sourceMenu, this);
    connect(m_sourceSync, &SourceSyncMenu::syncRequested, this, &MainWindow::updateStatus);
    connect(m_ui->syncNowButton, &QPushButton::clicked, this, [this] {
        m_controller->syncNow();
        updateStatus();
    });
    connect(m_ui->syncNowAction, &QAction::triggered, this, [this] {
        m_controller->syncNow();
        updateStatus();
    });
    connect(m_ui->pauseButton, &QPushButton::clicked, this,
            [this](bool paused) { m_controller->setPaused(paused); });
    // The last cycle stopped before cancelling many rows; a person confirms it, for one cycle.
    connect(m_ui->forceCancelButton, &QPushButton::clicked, this, [this] {
        m_ui->forceCancelButton->setVisible(false);
        m_controller->forceCancelOnce(m_blockedSource);
        // A full cycle of that source also finds the deleted records again.
        m_controller->syncNow(true, m_blockedSource);
        updateStatus();
    });
    connect(m_ui->pauseAction, &QAction::triggered, this,
            [this](bool paused) { m_controller->setPaused(paused); });
    connect(m_ui->settingsAction, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(m_ui->quitAction, &QAction::triggered, this, &MainWindow::quitRequested);
    connect(m_ui->exportCsvAction, &QAction::triggered, this, &MainWindow::chooseCsvFile);
    connect(m_ui->exportPngAction, &QAction::triggered, this, &MainWindow::choosePngFile);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_ui->settingsAction->setShortcuts({ QKeySequence(QStringLiteral("Ctrl+,")), QKeySequence::Preferences });
    m_ui->quitAction->setShortcuts(QKeySequence::Quit);
    m_ui->syncNowAction->setShortcutContext(Qt::ApplicationShortcut);
}

void MainWindow::setDatabase(const DatabaseTarget& database)
{
    const bool changed = database != m_database;
    m_database = database;
    m_ui->worklistInfoLabel->setToolTip(DatabaseReader::isConfigured(database)
                                            ? tr("Worklist database: %1").arg(database.describe())
                                            : QString());
    if (changed) {
        m_ui->memoryChartView->clearHistory();
        m_cycleModel->clear();
        m_worklistModel->setRows({});
        reloadHistory();
        m_worklistStale = true;
        if (m_ui->tabWidget->currentIndex() == WorklistTab)
            reloadWorklist();
    }
}

void MainWindow::setMemoryThresholds(double warnMbPerHour, double criticalMb)
{
    m_warnMbPerHour = warnMbPerHour;
    m_criticalMb = criticalMb;
    m_ui->memoryChartView->setThresholds(warnMbPerHour, criticalMb);
    updateStatus();
}

void MainWindow::setCloseToTray(bool closeToTray)
{
    m_closeToTray = closeToTray;
}

bool MainWindow::isHistoryLoading() const
{
    return m_historyWatcher->isRunning();
}

bool MainWindow::isWorklistLoading() const
{
    return m_worklistWatcher->isRunning();
}

void MainWindow::reloadHistory()
{
    if (!DatabaseReader::isConfigured(m_database))
        return;
    if (m_historyWatcher->isRunning()) {
        m_historyReloadPending = true;
        return;
    }
    m_liveDuringLoad.clear();
    statusBar()->showMessage(tr("Reading the sync history…"));
    m_historyWatcher->setFuture(QtConcurrent::run(loadHistory, m_database, m_cycleModel->capacity()));
}

void MainWindow::onHistoryLoaded()
{
    LoadedHistory loaded = m_historyWatcher->result();
    if (!loaded.ok) {
        statusBar()->showMessage(tr("Could not read the sync history: %1").arg(loaded.error),
                                 StatusMessageMs);
    } else {
        statusBar()->showMessage(tr("Stored cycles read: %1").arg(loaded.total), StatusMessageMs);
        // Cycles that ended while it was being read go on top (those already stored are skipped).
        for (const CycleReport& report : std::as_const(m_liveDuringLoad))
            loaded.memory.add(report);
        m_ui->memoryChartView->setHistory(loaded.memory);
        m_cycleModel->addHistory(loaded.recent);
        m_ui->cyclesTableView->resizeColumnsToContents();
        m_status->setHistory(loaded.recent);
    }
    m_liveDuringLoad.clear();
    Q_EMIT historyLoaded(loaded.total);
    if (m_historyReloadPending) {
        m_historyReloadPending = false;
        reloadHistory();
    }
}

void MainWindow::reloadWorklist()
{
    m_worklistStale = false;
    if (!DatabaseReader::isConfigured(m_database)) {
        m_ui->worklistInfoLabel->setText(tr("No database configured yet."));
        return;
    }
    if (m_worklistWatcher->isRunning()) {
        m_worklistReloadPending = true;
        return;
    }
    m_ui->worklistInfoLabel->setText(tr("Reading the worklist…"));
    m_ui->reloadWorklistButton->setEnabled(false);
    m_worklistWatcher->setFuture(QtConcurrent::run(loadWorklist, m_database));
}

void MainWindow::onWorklistLoaded()
{
    LoadedWorklist loaded = m_worklistWatcher->result();
    m_ui->reloadWorklistButton->setEnabled(true);
    int rows = 0;
    if (!loaded.ok) {
        m_ui->worklistInfoLabel->setText(tr("Could not read the worklist: %1").arg(loaded.error));
    } else {
        rows = static_cast<int>(loaded.rows.size());
        m_worklistModel->setRows(std::move(loaded.rows));
        m_ui->worklistTableView->resizeColumnsToContents();
        applyWorklistFilter();
    }
    Q_EMIT worklistLoaded(rows);
    if (m_worklistReloadPending) {
        m_worklistReloadPending = false;
        reloadWorklist();
    }
}

void MainWindow::applyWorklistFilter()
{
    m_worklistProxy->setStatus(m_ui->statusComboBox->currentData().toString());
    m_worklistProxy->setDateRange(m_ui->fromCheckBox->isChecked() ? m_ui->fromDateEdit->date() : QDate(),
                                  m_ui->toCheckBox->isChecked() ? m_ui->toDateEdit->date() : QDate());
    m_worklistProxy->setText(m_ui->searchLineEdit->text());
    const int total = m_worklistModel->rowCount();
    const int shown = m_worklistProxy->rowCount();
    QString info = shown == total ? tr("Worklist items: %1").arg(total)
                                  : tr("Worklist items: %1 of %2 shown").arg(shown).arg(total);
    if (total >= WorklistRowLimit)
        info += QLatin1Char(' ') + tr("(the newest %1 only)").arg(QLocale().toString(WorklistRowLimit));
    m_ui->worklistInfoLabel->setText(info);
}

void MainWindow::applyLogFilter()
{
    const int minimum = qBound(0, m_ui->logLevelComboBox->currentIndex(), 3);
    // Severity 0..4; "errors only" starts at 3.
    m_logProxy->setFilterRegularExpression(QRegularExpression(QStringLiteral("^[%1-4]$").arg(minimum)));
}

void MainWindow::worklistChangedElsewhere()
{
    m_worklistStale = true;
    if (m_ui->tabWidget->currentIndex() == WorklistTab && isVisible())
        reloadWorklist();
}

void MainWindow::onTabChanged(int index)
{
    if (index == WorklistTab && m_worklistStale)
        reloadWorklist();
}

void MainWindow::onCycleFinished(const CycleReport& report)
{
    if (m_historyWatcher->isRunning())
        m_liveDuringLoad.append(report);
    m_ui->memoryChartView->addReport(report);
    m_cycleModel->addReport(report);
    if (m_cycleModel->rowCount() == 1)
        m_ui->cyclesTableView->resizeColumnsToContents(); // the first row sets the widths
    if (report.ok && !report.dryRun
        && (report.inserted > 0 || report.updated > 0 || m_worklistModel->rowCount() == 0)) {
        m_worklistStale = true;
        if (m_ui->tabWidget->currentIndex() == WorklistTab && isVisible())
            reloadWorklist();
    }
}

void MainWindow::updateStatus()
{
    const SyncStatus::Display display = m_status->display();
    m_ui->stateLabel->setText(m_status->stateText());
    m_ui->lastSyncLabel->setText(m_status->lastSyncText());
    m_ui->lastSyncLabel->setToolTip(
        m_status->hasLastReport() ? SyncStatus::cycleErrorText(m_status->lastReport()) : QString());
    m_ui->sourcesLabel->setText(m_status->isConfigured() ? m_status->sourcesText() : QString());
    m_ui->sourcesLabel->setVisible(m_status->isConfigured());
    const bool blocked = m_status->hasLastReport() && !m_status->lastReport().ok
        && m_status->lastReport().cancelBlocked && !m_controller->isCycleRunning();
    m_blockedSource = blocked ? m_status->lastReport().source : QString();
    if (m_ui->forceCancelButton->isVisibleTo(this) != blocked)
        m_ui->forceCancelButton->setVisible(blocked);
    updateCountdown();

    const SyncStatus::Tray tray = m_status->trayState();
    if (!m_stateIconShown || tray != m_shownTrayState) {
        m_ui->stateIconLabel->setPixmap(Icons::tray(tray).pixmap(QSize(32, 32), devicePixelRatioF()));
        m_shownTrayState = tray;
        m_stateIconShown = true;
    }
    m_ui->stateIconLabel->setToolTip(m_status->stateText());
    QString stateColour;
    if (display == SyncStatus::Display::Error)
        stateColour = QStringLiteral("color: #b71c1c;");
    else if (display == SyncStatus::Display::NotConfigured)
        stateColour = QStringLiteral("color: #8a5a00;");
    setStyleSheetIfChanged(m_ui->stateLabel, stateColour);

    // Memory: trend and alarm, in the strip and beside the chart.
    const MemoryAlarm& alarm = m_status->memoryAlarm();
    QString alarmStyle;
    if (alarm.level == MemoryAlarmLevel::Warning)
        alarmStyle = QStringLiteral(
            "QLabel { background: #fff3cd; color: #6b4500; border-radius: 3px; padding: 2px 6px; }");
    else if (alarm.level == MemoryAlarmLevel::Critical)
        alarmStyle = QStringLiteral("QLabel { background: #f8d7da; color: #7a1010; border-radius: 3px; "
                                    "padding: 2px 6px; font-weight: bold; }");
    const QString alarmText = m_status->alarmText();
    m_ui->memoryStatusLabel->setText(m_status->alarmTitle());
    m_ui->memoryStatusLabel->setToolTip(alarm.level == MemoryAlarmLevel::None ? QString() : alarmText);
    setStyleSheetIfChanged(m_ui->memoryStatusLabel, alarmStyle);
    // Beside the chart (whose title names the thresholds) only while an alarm is on.
    m_ui->alarmLabel->setText(alarmText);
    setStyleSheetIfChanged(m_ui->alarmLabel, alarmStyle);
    m_ui->alarmLabel->setVisible(alarm.level != MemoryAlarmLevel::None);
    m_ui->trendLabel->setText(m_status->trendText());
    m_ui->memoryChartView->setAlarmLevel(alarm.level);

    // Controls.
    const bool configured = m_status->isConfigured();
    const bool running = m_status->isCycleRunning();
    const bool queued = m_status->isSyncNowQueued();
    const bool paused = m_controller->isPaused();
    m_ui->syncNowButton->setEnabled(configured && !running);
    m_sourceSync->refresh(!configured);
    m_ui->syncSourceButton->setVisible(m_sourceSync->sources().size() > 1);
    m_ui->syncNowAction->setEnabled(configured && !queued);
    m_ui->syncNowAction->setText(running ? tr("&Sync Again After This Cycle") : tr("&Sync Now"));
    m_ui->pauseButton->setEnabled(configured);
    m_ui->pauseAction->setEnabled(configured);
    m_ui->pauseButton->setChecked(paused);
    m_ui->pauseAction->setChecked(paused);
    m_ui->pauseButton->setText(paused ? tr("&Resume") : tr("&Pause"));
    m_ui->pauseAction->setText(paused ? tr("&Resume Scheduled Syncs") : tr("&Pause Scheduled Syncs"));
}

void MainWindow::updateCountdown()
{
    m_ui->nextSyncLabel->setText(m_status->nextSyncText(QDateTime::currentDateTimeUtc()));
}

void MainWindow::exportHistoryCsv(const QString& path)
{
    if (m_csvWatcher->isRunning()) {
        statusBar()->showMessage(tr("An export is already running."), StatusMessageMs);
        return;
    }
    m_csvPath = path;
    QList<CycleReport> shown = m_cycleModel->reports();
    std::reverse(shown.begin(), shown.end()); // oldest first, like sync_cycles
    statusBar()->showMessage(tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
    m_csvWatcher->setFuture(QtConcurrent::run(writeCsv, path, m_database, shown));
}

bool MainWindow::exportChartPng(const QString& path)
{
    const bool ok = m_ui->memoryChartView->exportPng(path);
    statusBar()->showMessage(ok ? tr("Chart saved to %1").arg(QDir::toNativeSeparators(path))
                                : tr("Could not save the chart to %1. Choose a folder you may write to.")
                                      .arg(QDir::toNativeSeparators(path)),
                             StatusMessageMs);
    return ok;
}

void MainWindow::chooseCsvFile()
{
    const QString name
        = QStringLiteral("lantir-cycles-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export History as CSV"), documentsFile(name),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportHistoryCsv(path);
}

void MainWindow::choosePngFile()
{
    const QString name
        = QStringLiteral("lantir-memory-%1.png").arg(QDate::currentDate().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Chart as PNG"), documentsFile(name),
                                                      tr("PNG images (*.png)"));
    if (!path.isEmpty() && !exportChartPng(path)) {
        QMessageBox box(QMessageBox::Warning, tr("Export Chart as PNG"),
                        tr("Could not save the chart to %1. Choose a folder you may write to.")
                            .arg(QDir::toNativeSeparators(path)),
                        QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText); // a path may hold any character
        box.exec();
    }
}

void MainWindow::showAbout()
{
    QMessageBox box(this);
    box.setObjectName(QStringLiteral("aboutBox"));
    box.setWindowTitle(tr("About Lantir"));
    box.setIconPixmap(Icons::application().pixmap(QSize(64, 64), devicePixelRatioF()));
    box.setTextFormat(Qt::RichText);
    box.setText(
        tr("<h3>Lantir %1</h3>"
           "<p>Syncs REDCap scan visits into the DICOM Modality Worklist database and keeps an eye on "
           "its own memory.</p>"
           "<p>Licensed under the Apache License, Version 2.0 (Apache-2.0).</p>"
           "<p>Built with Qt %2, running on Qt %3.</p>")
            .arg(QStringLiteral(LANTIR_VERSION).toHtmlEscaped(),
                 QStringLiteral(QT_VERSION_STR).toHtmlEscaped(),
                 QString::fromLatin1(qVersion()).toHtmlEscaped()));
    box.exec();
}

void MainWindow::showAndRaise()
{
    if (isMinimized())
        setWindowState(windowState() & ~Qt::WindowMinimized);
    show();
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowState();
    if (!m_closeToTray) {
        event->accept();
        return;
    }
    event->ignore();
    hide();
    const std::unique_ptr<QSettings> settings = stateSettings(true);
    const QString key = SettingsGroup + QStringLiteral("/trayNoticeShown");
    const bool firstTime = !settings->value(key, false).toBool();
    if (firstTime)
        settings->setValue(key, true);
    Q_EMIT hiddenToTray(firstTime);
}

std::unique_ptr<QSettings> MainWindow::stateSettings(bool forWriting) const
{
    auto settings = m_settingsFile.isEmpty()
        ? std::make_unique<QSettings>()
        : std::make_unique<QSettings>(m_settingsFile, QSettings::IniFormat);
    if (forWriting) {
        if (const Result<void> prepared = AppSettings::preparePrivateFile(*settings); !prepared)
            qCWarning(lcConfig).noquote() << prepared.error().message;
    }
    return settings;
}

void MainWindow::saveWindowState()
{
    const std::unique_ptr<QSettings> stored = stateSettings(true);
    QSettings& settings = *stored;
    settings.beginGroup(SettingsGroup);
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("currentTab"), m_ui->tabWidget->currentIndex());
    settings.setValue(QStringLiteral("chartRange"), m_ui->rangeComboBox->currentIndex());
    settings.setValue(QStringLiteral("logLevel"), m_ui->logLevelComboBox->currentIndex());
    settings.setValue(QStringLiteral("cyclesHeader"), m_ui->cyclesTableView->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("worklistHeader"),
                      m_ui->worklistTableView->horizontalHeader()->saveState());
    settings.endGroup();
}

void MainWindow::restoreWindowState()
{
    const std::unique_ptr<QSettings> stored = stateSettings();
    QSettings& settings = *stored;
    settings.beginGroup(SettingsGroup);
    const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1040, 700);
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    const int tab = settings.value(QStringLiteral("currentTab"), 0).toInt();
    if (tab >= 0 && tab < m_ui->tabWidget->count())
        m_ui->tabWidget->setCurrentIndex(tab);
    const int range = settings.value(QStringLiteral("chartRange"), 0).toInt();
    if (range >= 0 && range < m_ui->rangeComboBox->count()) {
        m_ui->rangeComboBox->setCurrentIndex(range);
        m_ui->memoryChartView->setRange(static_cast<MemoryChartView::Range>(range));
    }
    const int level = settings.value(QStringLiteral("logLevel"), 1).toInt();
    if (level >= 0 && level < m_ui->logLevelComboBox->count())
        m_ui->logLevelComboBox->setCurrentIndex(level);
    const QByteArray header = settings.value(QStringLiteral("cyclesHeader")).toByteArray();
    if (!header.isEmpty())
        m_ui->cyclesTableView->horizontalHeader()->restoreState(header);
    const QByteArray worklistHeader = settings.value(QStringLiteral("worklistHeader")).toByteArray();
    if (!worklistHeader.isEmpty())
        m_ui->worklistTableView->horizontalHeader()->restoreState(worklistHeader);
    settings.endGroup();
}

} // namespace Lantir
