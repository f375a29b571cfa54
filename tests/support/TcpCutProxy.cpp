#include "TcpCutProxy.h"

#include "BlockingCall.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

#include <sys/socket.h>

namespace Lantir::Test {

namespace {
const char* const PeerProperty = "lantirCutProxyPeer";

// SO_LINGER 0: closing sends a reset rather than an orderly end, as a cut link does.
void reset(QTcpSocket* socket)
{
    const linger now { 1, 0 };
    if (socket->socketDescriptor() >= 0)
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &now, sizeof(now));
    socket->abort();
}
} // namespace

TcpCutProxy::TcpCutProxy(quint16 target)
    : m_target(target)
{
}

TcpCutProxy::~TcpCutProxy()
{
    if (m_thread.isRunning()) {
        BlockingCall::run(this, [this] {
            cutAll(Cut::Reset);
            delete m_server;
            m_server = nullptr;
        });
        m_thread.quit();
        m_thread.wait();
    }
}

quint16 TcpCutProxy::start()
{
    m_thread.setObjectName(QStringLiteral("tcp-cut-proxy"));
    m_thread.start();
    moveToThread(&m_thread);
    quint16 port = 0;
    BlockingCall::run(this, [this, &port] {
        m_server = new QTcpServer(this);
        if (m_server->listen(QHostAddress::LocalHost))
            port = m_server->serverPort();
        connect(m_server, &QTcpServer::newConnection, this, &TcpCutProxy::onConnection);
    });
    return port;
}

int TcpCutProxy::cut(Cut how)
{
    int links = 0;
    BlockingCall::run(this, [this, how, &links] { links = cutAll(how); });
    return links;
}

int TcpCutProxy::cutAll(Cut how)
{
    int links = 0;
    const QList<QTcpSocket*> clients = m_server->findChildren<QTcpSocket*>(QStringLiteral("client"));
    for (QTcpSocket* client : clients) {
        auto* upstream = client->property(PeerProperty).value<QTcpSocket*>();
        client->disconnect();
        if (upstream && how == Cut::Silent) {
            upstream->disconnect(); // held open, unread, until the proxy goes
            upstream->setObjectName(QStringLiteral("held"));
        } else if (upstream) {
            upstream->disconnect();
            reset(upstream);
            upstream->deleteLater();
        }
        reset(client);
        client->deleteLater();
        ++links;
    }
    if (how == Cut::Reset) {
        for (QTcpSocket* held : m_server->findChildren<QTcpSocket*>(QStringLiteral("held"))) {
            reset(held);
            held->deleteLater();
        }
    }
    return links;
}

void TcpCutProxy::onConnection()
{
    while (QTcpSocket* client = m_server->nextPendingConnection()) {
        client->setObjectName(QStringLiteral("client"));
        auto* upstream = new QTcpSocket(m_server);
        upstream->setObjectName(QStringLiteral("upstream"));
        client->setProperty(PeerProperty, QVariant::fromValue(upstream));
        connect(client, &QTcpSocket::readyRead, this, [=] { relay(client, upstream, true); });
        connect(upstream, &QTcpSocket::readyRead, this, [=] { relay(upstream, client, false); });
        connect(upstream, &QTcpSocket::connected, this, [=] { relay(client, upstream, true); });
        // One side ends: so does the other, after what it was sent.
        connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(upstream, &QTcpSocket::disconnected, upstream, &QObject::deleteLater);
        upstream->connectToHost(QHostAddress::LocalHost, m_target);
    }
}

void TcpCutProxy::relay(QTcpSocket* from, QTcpSocket* to, bool up)
{
    if (to->state() != QAbstractSocket::ConnectedState)
        return; // kept in `from` until `to` connects
    const QByteArray bytes = from->readAll();
    if (up)
        m_bytesUp += bytes.size();
    to->write(bytes);
}

} // namespace Lantir::Test
