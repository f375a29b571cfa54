#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QLocalServer;
class QLockFile;

namespace Lantir {

// One Lantir per user and configuration: a second launch asks the first to show its window and
// exits. Uses a local socket named after the user (and the --config file, so a test instance
// with its own config runs beside the real one), guarded by a lock file: only the holder of the
// lock creates (or clears a crashed instance's stale) socket, so two launches at the same moment
// cannot delete each other's socket.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    enum class Role
    {
        Primary, // this process holds the lock and listens
        Secondary, // another instance holds the lock and was asked to show itself
        Alone, // no lock or no socket could be had: this process runs without the guard
    };

    explicit SingleInstance(const QString& key, QObject* parent = nullptr);
    ~SingleInstance() override;

    // Becomes the instance, or hands over to the one that is. A launch that loses the race waits
    // (up to `waitMs`) for the winner to listen. Primary and Alone run on; Secondary exits.
    Role claim(int waitMs = 5000);

    QString serverName() const { return m_name; }
    QString lockPath() const;

Q_SIGNALS:
    void activationRequested();

private:
    // True when another instance answered (it was asked to show itself).
    bool notifyRunning();
    // Starts listening; only called with the lock held.
    bool listen();

    QString m_name;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer* m_server = nullptr;
};

} // namespace Lantir
