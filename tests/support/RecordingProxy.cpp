#include "RecordingProxy.h"

#include "BlockingCall.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>

namespace Lantir::Test {

// One client connection and the connection to the server it asked for.
struct RecordingProxy::Link
{
    enum class Mode
    {
        Head, // reading the first request's head
        Tunnel, // CONNECT accepted: bytes pass both ways unread
        Forward, // absolute-form requests: passed on as they are, their request lines recorded
    };
    QTcpSocket* client = nullptr;
    QTcpSocket* upstream = nullptr;
    Mode mode = Mode::Head;
    QByteArray head; // the first request's head, until it is complete
    QByteArray scan; // forwarded bytes not yet read past
    qint64 bodyLeft = 0; // of the forwarded request being passed on
};

RecordingProxy::RecordingProxy() = default;

RecordingProxy::~RecordingProxy()
{
    if (m_thread.isRunning()) {
        BlockingCall::run(this, [this] {
            delete m_server; // its children: the client and upstream sockets
            m_server = nullptr;
        });
        m_thread.quit();
        m_thread.wait();
    }
}

quint16 RecordingProxy::start()
{
    m_thread.setObjectName(QStringLiteral("recording-proxy"));
    m_thread.start();
    moveToThread(&m_thread);
    quint16 port = 0;
    BlockingCall::run(this, [this, &port] {
        m_server = new QTcpServer(this);
        if (m_server->listen(QHostAddress::LocalHost)) {
            port = m_server->serverPort();
        }
        connect(m_server, &QTcpServer::newConnection, this, &RecordingProxy::onConnection);
    });
    return port;
}

QStringList RecordingProxy::tunnels() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_tunnels;
}

QStringList RecordingProxy::forwarded() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_forwarded;
}

void RecordingProxy::record(QStringList* list, const QByteArray& entry)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    list->append(QString::fromLatin1(entry));
}

void RecordingProxy::onConnection()
{
    while (QTcpSocket* client = m_server->nextPendingConnection()) {
        auto link = std::make_shared<Link>();
        link->client = client;
        client->setParent(m_server);
        connect(client, &QTcpSocket::readyRead, this, [this, link] { onClientData(link.get()); });
        connect(client, &QTcpSocket::disconnected, this, [link] {
            if (link->upstream) {
                link->upstream->disconnectFromHost();
            }
            link->client->deleteLater();
        });
    }
}

void RecordingProxy::onClientData(Link* link)
{
    const QByteArray bytes = link->client->readAll();
    if (link->mode == Link::Mode::Tunnel) {
        link->upstream->write(bytes);
        return;
    }
    if (link->mode == Link::Mode::Forward) {
        recordForwarded(link, bytes);
        link->upstream->write(bytes);
        return;
    }
    link->head += bytes;
    const qsizetype end = link->head.indexOf("\r\n\r\n");
    if (end < 0) {
        return;
    }
    const QList<QByteArray> requestLine = link->head.left(link->head.indexOf("\r\n")).split(' ');
    const QByteArray method = requestLine.value(0);
    const QByteArray target = requestLine.value(1);
    if (method == "CONNECT") {
        record(&m_tunnels, target);
        if (!openUpstream(link, target)) {
            return;
        }
        link->mode = Link::Mode::Tunnel;
        link->client->write("HTTP/1.1 200 Connection established\r\n\r\n");
        link->upstream->write(link->head.mid(end + 4));
    } else if (target.startsWith("http://")) {
        const qsizetype from = qsizetype(qstrlen("http://"));
        const qsizetype slash = target.indexOf('/', from);
        if (!openUpstream(link, target.mid(from, slash < 0 ? -1 : slash - from))) {
            return;
        }
        link->mode = Link::Mode::Forward;
        recordForwarded(link, link->head);
        link->upstream->write(link->head);
    } else {
        link->client->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        link->client->disconnectFromHost();
        return;
    }
    link->head.clear();
}

// Connects to 127.0.0.1 on the port `authority` ("host:port") names, whatever the host.
bool RecordingProxy::openUpstream(Link* link, const QByteArray& authority)
{
    const quint16 port = authority.mid(authority.lastIndexOf(':') + 1).toUShort();
    link->upstream = new QTcpSocket(link->client);
    link->upstream->connectToHost(QHostAddress::LocalHost, port);
    if (port == 0 || !link->upstream->waitForConnected(5000)) {
        link->client->write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        link->client->disconnectFromHost();
        return false;
    }
    QTcpSocket* client = link->client;
    QTcpSocket* upstream = link->upstream;
    connect(upstream, &QTcpSocket::readyRead, client,
            [client, upstream] { client->write(upstream->readAll()); });
    connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
    return true;
}

// Reads along the forwarded bytes request by request (head, then Content-Length bytes of body)
// and records each request line.
void RecordingProxy::recordForwarded(Link* link, const QByteArray& bytes)
{
    link->scan += bytes;
    while (!link->scan.isEmpty()) {
        if (link->bodyLeft > 0) {
            const qsizetype skipped = qsizetype(qMin<qint64>(link->bodyLeft, link->scan.size()));
            link->scan.remove(0, skipped);
            link->bodyLeft -= skipped;
            continue;
        }
        const qsizetype end = link->scan.indexOf("\r\n\r\n");
        if (end < 0) {
            return;
        }
        const QList<QByteArray> lines = link->scan.left(end).split('\n');
        record(&m_forwarded, lines.value(0).trimmed());
        for (const QByteArray& line : lines) {
            if (line.toLower().startsWith("content-length:")) {
                link->bodyLeft = line.mid(15).trimmed().toLongLong();
            }
        }
        link->scan.remove(0, end + 4);
    }
}

} // namespace Lantir::Test
