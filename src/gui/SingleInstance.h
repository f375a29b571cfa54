#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace Lantir {

// One Lantir per user and configuration: a second launch asks the first to show its window and
// exits. Uses a local socket named after the user (and the --config file, so a test instance
// with its own config runs beside the real one).
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(const QString& key, QObject* parent = nullptr);
    ~SingleInstance() override;

    // True when another instance answered (it was asked to show itself); false when this one
    // is now the primary and listens.
    bool notifyRunning();
    // Starts listening; false when the socket could not be created (then every launch runs).
    bool listen();

    QString serverName() const { return m_name; }

Q_SIGNALS:
    void activationRequested();

private:
    QString m_name;
    QLocalServer* m_server = nullptr;
};

} // namespace Lantir
