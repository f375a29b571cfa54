#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QString>

namespace Lantir {

struct LogEntry
{
    QDateTime time;
    QtMsgType type = QtInfoMsg;
    QString category;
    QString message;
};

// The log view's rows: the messages of every logging category (lantir.sync, lantir.redcap, ...)
// as they happen, newest last, at most `capacity` of them and at most `textBudget` bytes of
// message text (the oldest drop off): long messages cannot make the view hold more memory than
// the budget, however many of them come.
//
// install() puts a Qt message handler in place that forwards each message here and then to the
// handler that was there before (stderr). Messages arrive from any thread: the handler only
// queues them under a lock and posts one queued call, which adds them on this model's thread.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Level,
        Category,
        Message,
        ColumnCount
    };

    // 0 debug, 1 info, 2 warning, 3 critical, 4 fatal: for filtering by level.
    static constexpr int SeverityRole = Qt::UserRole + 1;
    static constexpr int DefaultCapacity = 5000;
    // About 900 lines of a cycle's usual messages; the whole log stays on standard error.
    static constexpr qint64 DefaultTextBudget = 128 * 1024;

    explicit LogModel(QObject* parent = nullptr, int capacity = DefaultCapacity,
                      qint64 textBudget = DefaultTextBudget);
    ~LogModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int capacity() const { return m_capacity; }
    qint64 textBudget() const { return m_textBudget; }
    // Bytes of the entries held, as counted against the text budget.
    qint64 textBytes() const { return m_textBytes; }
    const LogEntry& entryAt(int row) const { return m_entries.at(row); }
    // Messages lost because they arrived faster than they could be shown.
    qint64 droppedCount() const { return m_dropped; }

    // Route Qt's messages to `model` (and on to the previous handler). One model at a time; a
    // model that is destroyed stops receiving by itself.
    static void install(LogModel* model);
    static void uninstall();

    static int severity(QtMsgType type);
    static QString levelName(QtMsgType type);

public Q_SLOTS:
    void append(const Lantir::LogEntry& entry);
    void clear();
    // Headers and level names again, in the language now installed.
    void retranslate();

private:
    static void handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& message);
    void enqueue(LogEntry entry); // any thread; called with s_mutex held
    void flushPending(); // this model's thread
    void appendEntries(QList<LogEntry> entries);
    // Drops the oldest rows until both limits hold again (the newest row always stays).
    void trimToLimits();
    static qint64 bytesOf(const LogEntry& entry);

    int m_capacity;
    qint64 m_textBudget;
    qint64 m_textBytes = 0;
    QList<LogEntry> m_entries;
    qint64 m_dropped = 0;

    QMutex m_pendingMutex;
    QList<LogEntry> m_pending;
    qint64 m_pendingDropped = 0;
};

} // namespace Lantir

Q_DECLARE_METATYPE(Lantir::LogEntry)
