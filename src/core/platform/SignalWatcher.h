#pragma once

#include <QObject>

class QSocketNotifier;

namespace Lantir {

// Turns SIGINT and SIGTERM (Ctrl+C on Windows) into a Qt signal delivered on the main thread,
// so shutdown runs as ordinary code rather than inside a signal handler.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void stopRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace Lantir
