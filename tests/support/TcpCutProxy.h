#pragma once

#include <QObject>
#include <QThread>

#include <atomic>

class QTcpServer;
class QTcpSocket;

namespace Lantir::Test {

// A TCP relay on 127.0.0.1, in a thread of its own, from a port of its own to 127.0.0.1:`target`,
// that can cut the network: cut() breaks every connection passing through it at once, in the
// middle of whatever is being said, as a failing switch or a dropped VPN does. New connections pass
// again.
//  - Reset: both ends get a TCP reset; the client sees ECONNRESET, the server its client gone.
//  - Silent: the client gets the reset, but the server hears nothing: its end stays open and
//    idle, as when a cable is pulled between them (until a Reset cut or the proxy's end).
class TcpCutProxy : public QObject
{
    Q_OBJECT

public:
    explicit TcpCutProxy(quint16 target);
    ~TcpCutProxy() override;
    TcpCutProxy(const TcpCutProxy&) = delete;
    TcpCutProxy& operator=(const TcpCutProxy&) = delete;

    // Starts listening; the port, or 0 when it could not.
    quint16 start();
    enum class Cut
    {
        Reset,
        Silent,
    };
    // Breaks every open connection; how many there were.
    int cut(Cut how = Cut::Reset);
    // Bytes passed from the clients to the server so far.
    qint64 bytesUp() const { return m_bytesUp.load(); }

private:
    void onConnection();
    void relay(QTcpSocket* from, QTcpSocket* to, bool up);
    int cutAll(Cut how);

    quint16 m_target;
    QThread m_thread;
    QTcpServer* m_server = nullptr;
    std::atomic<qint64> m_bytesUp { 0 };
};

} // namespace Lantir::Test
