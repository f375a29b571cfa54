#include "SingleInstance.h"

#include "base/Logging.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QThread>

namespace Lantir {

namespace {
constexpr int ConnectTimeoutMs = 500;
constexpr int RetryPauseMs = 50;
const QByteArray ShowMessage = QByteArrayLiteral("show\n");
} // namespace

SingleInstance::SingleInstance(const QString& key, QObject* parent)
    : QObject(parent)
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    const QByteArray hash
        = QCryptographicHash::hash((user + QLatin1Char('|') + key).toUtf8(), QCryptographicHash::Sha256)
              .toHex()
              .left(16);
    m_name = QStringLiteral("lantir-") + QString::fromLatin1(hash);
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::lockPath() const
{
    return QDir(QDir::tempPath()).filePath(m_name + QStringLiteral(".lock"));
}

SingleInstance::Role SingleInstance::claim(int waitMs)
{
    auto lock = std::make_unique<QLockFile>(lockPath());
    // Held for as long as the instance runs; a crashed holder's lock is taken over (its process
    // is gone), never one of a live instance however old.
    lock->setStaleLockTime(0);
    const QDeadlineTimer deadline(waitMs);
    for (;;) {
        if (lock->tryLock(0)) {
            m_lock = std::move(lock);
            if (listen())
                return Role::Primary;
            qCWarning(lcConfig).noquote()
                << "Could not listen on" << m_name << "; a second launch will start another Lantir";
            return Role::Alone;
        }
        if (lock->error() == QLockFile::PermissionError || lock->error() == QLockFile::UnknownError) {
            qCWarning(lcConfig).noquote() << "Could not create the lock file" << lockPath()
                                          << "; check that the temporary folder is writable";
            return notifyRunning() ? Role::Secondary : Role::Alone;
        }
        // Another launch holds the lock: once it listens, hand over to it.
        if (notifyRunning())
            return Role::Secondary;
        if (deadline.hasExpired()) {
            qCWarning(lcConfig).noquote()
                << "The running Lantir holding" << lockPath() << "does not answer; starting anyway";
            return Role::Alone;
        }
        QThread::msleep(RetryPauseMs);
    }
}

bool SingleInstance::notifyRunning()
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(ConnectTimeoutMs))
        return false;
    socket.write(ShowMessage);
    socket.waitForBytesWritten(ConnectTimeoutMs);
    socket.disconnectFromServer();
    return true;
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        // A stale socket left by a crash: this process holds the lock, so no live instance owns it.
        QLocalServer::removeServer(m_name);
        if (!m_server->listen(m_name))
            return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (socket->readAll().startsWith(ShowMessage.trimmed()))
                    Q_EMIT activationRequested();
                socket->disconnectFromServer();
            });
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    return true;
}

} // namespace Lantir
