#pragma once

#include <QObject>
#include <QStringList>
#include <QThread>

#include <mutex>

class QTcpServer;
class QTcpSocket;

namespace Lantir::Test {

// A small HTTP proxy on 127.0.0.1 in a thread of its own, that records what went through it.
//
// It speaks both ways a client uses an HTTP proxy: a CONNECT tunnel (QTcpSocket / QSslSocket with
// an HttpProxy, and https through QNetworkAccessManager) and forwarding of requests in absolute
// form ("POST http://host:port/api/ HTTP/1.1", plain http through QNetworkAccessManager). Whatever
// host a request names, the proxy connects to 127.0.0.1 on that port: a test may name the REDCap
// server "redcap.lantir.test" (a name that is not loopback, so Qt does not skip the proxy) while
// every byte stays on this computer.
class RecordingProxy : public QObject
{
    Q_OBJECT

public:
    RecordingProxy();
    ~RecordingProxy() override;
    RecordingProxy(const RecordingProxy&) = delete;
    RecordingProxy& operator=(const RecordingProxy&) = delete;

    // Starts listening; the port, or 0 when it could not.
    quint16 start();
    // "host:port" of every CONNECT asked for, in order.
    QStringList tunnels() const;
    // The request line of every request forwarded in absolute form, in order.
    QStringList forwarded() const;

private:
    struct Link;

    void onConnection();
    void onClientData(Link* link);
    bool openUpstream(Link* link, const QByteArray& authority);
    void recordForwarded(Link* link, const QByteArray& bytes);
    void record(QStringList* list, const QByteArray& entry);

    QThread m_thread;
    QTcpServer* m_server = nullptr;
    mutable std::mutex m_mutex;
    QStringList m_tunnels;
    QStringList m_forwarded;
};

} // namespace Lantir::Test
