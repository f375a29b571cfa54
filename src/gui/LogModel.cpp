#include "LogModel.h"

#include <QBrush>
#include <QColor>
#include <QHash>
#include <QLocale>
#include <QMetaObject>
#include <QMutexLocker>

namespace Lantir {

namespace {
QMutex s_mutex; // guards s_model and s_previous
LogModel* s_model = nullptr;
QtMessageHandler s_previous = nullptr;
bool s_installed = false;

// A category's name as one QString that all its entries share (a category is a static name, so
// its pointer identifies it); called with s_mutex held. Bounded: a program that made categories
// without end would only make the cache start over.
QString categoryName(const char* category)
{
    static QHash<const char*, QString> names;
    if (!category)
        return QString();
    auto found = names.constFind(category);
    if (found != names.cend())
        return *found;
    if (names.size() >= 256)
        names.clear();
    return *names.insert(category, QString::fromUtf8(category));
}
} // namespace

LogModel::LogModel(QObject* parent, int capacity, qint64 textBudget)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity))
    , m_textBudget(qMax<qint64>(1, textBudget))
{
    qRegisterMetaType<Lantir::LogEntry>();
}

LogModel::~LogModel()
{
    QMutexLocker lock(&s_mutex);
    if (s_model == this)
        s_model = nullptr;
}

int LogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int LogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const LogEntry& e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return e.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Level:
            return levelName(e.type);
        case Category:
            return e.category;
        case Message:
            return e.message.section(QLatin1Char('\n'), 0, 0);
        default:
            return QVariant();
        }
    case Qt::ToolTipRole:
        return index.column() == Message ? QVariant(e.message) : QVariant();
    case SeverityRole:
        return severity(e.type);
    case Qt::ForegroundRole:
        if (e.type == QtWarningMsg)
            return QBrush(QColor(0x8a, 0x5a, 0x00));
        if (e.type == QtCriticalMsg || e.type == QtFatalMsg)
            return QBrush(QColor(0xb0, 0x1c, 0x1c));
        if (e.type == QtDebugMsg)
            return QBrush(QColor(0x6b, 0x6b, 0x6b));
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Level:
        return tr("Level");
    case Category:
        return tr("Category");
    case Message:
        return tr("Message");
    default:
        return QVariant();
    }
}

int LogModel::severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 1;
}

QString LogModel::levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return tr("Debug");
    case QtInfoMsg:
        return tr("Info");
    case QtWarningMsg:
        return tr("Warning");
    case QtCriticalMsg:
        return tr("Error");
    case QtFatalMsg:
        return tr("Fatal");
    }
    return QString();
}

void LogModel::install(LogModel* model)
{
    QMutexLocker lock(&s_mutex);
    s_model = model;
    if (!s_installed) {
        s_previous = qInstallMessageHandler(&LogModel::handleMessage);
        s_installed = true;
    }
}

void LogModel::uninstall()
{
    QMutexLocker lock(&s_mutex);
    if (s_installed) {
        qInstallMessageHandler(s_previous);
        s_previous = nullptr;
        s_installed = false;
    }
    s_model = nullptr;
}

void LogModel::handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    QtMessageHandler previous = nullptr;
    {
        QMutexLocker lock(&s_mutex);
        previous = s_previous;
        if (s_model) {
            LogEntry entry;
            entry.time = QDateTime::currentDateTimeUtc();
            entry.type = type;
            entry.category = categoryName(context.category);
            entry.message = message;
            s_model->enqueue(std::move(entry));
        }
    }
    if (previous)
        previous(type, context, message);
}

void LogModel::enqueue(LogEntry entry)
{
    QMutexLocker lock(&m_pendingMutex);
    const bool first = m_pending.isEmpty();
    if (m_pending.size() >= m_capacity) {
        m_pending.removeFirst();
        ++m_pendingDropped;
    }
    m_pending.append(std::move(entry));
    if (first)
        QMetaObject::invokeMethod(this, &LogModel::flushPending, Qt::QueuedConnection);
}

void LogModel::flushPending()
{
    QList<LogEntry> entries;
    {
        QMutexLocker lock(&m_pendingMutex);
        entries.swap(m_pending);
        m_dropped += m_pendingDropped;
        m_pendingDropped = 0;
    }
    appendEntries(std::move(entries));
}

void LogModel::append(const LogEntry& entry)
{
    appendEntries({ entry });
}

void LogModel::appendEntries(QList<LogEntry> entries)
{
    if (entries.isEmpty())
        return;
    if (entries.size() > m_capacity) {
        entries.erase(entries.begin(), entries.end() - m_capacity);
    }
    const int first = static_cast<int>(m_entries.size());
    beginInsertRows(QModelIndex(), first, first + static_cast<int>(entries.size()) - 1);
    for (const LogEntry& entry : std::as_const(entries))
        m_textBytes += bytesOf(entry);
    m_entries.append(std::move(entries));
    endInsertRows();
    trimToLimits();
}

void LogModel::trimToLimits()
{
    qsizetype removed = 0;
    qint64 bytes = m_textBytes;
    const qsizetype count = m_entries.size();
    while (count - removed > 1 && (count - removed > m_capacity || bytes > m_textBudget)) {
        bytes -= bytesOf(m_entries.at(removed));
        ++removed;
    }
    if (removed == 0)
        return;
    beginRemoveRows(QModelIndex(), 0, static_cast<int>(removed) - 1);
    m_entries.erase(m_entries.begin(), m_entries.begin() + removed);
    m_textBytes = bytes;
    endRemoveRows();
}

qint64 LogModel::bytesOf(const LogEntry& entry)
{
    // The category's text is shared by all its entries (categoryName()).
    return qint64(sizeof(LogEntry)) + entry.message.size() * qint64(sizeof(QChar));
}

void LogModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, Level), index(rowCount() - 1, Level));
}

void LogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_textBytes = 0;
    endResetModel();
}

} // namespace Lantir
