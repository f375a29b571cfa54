#include "HttpServer.h"

#include <QDateTime>
#include <QLocale>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace Lantir::Test {

namespace {

// Output is handed to the socket in slices of this size, and only while less than
// kHighWater bytes wait in its buffer.
constexpr qsizetype kChunk = 256 * 1024;
constexpr qsizetype kHighWater = 512 * 1024;

QByteArray errorPage(int status)
{
    const QByteArray code = QByteArray::number(status);
    const QByteArray reason = HttpServer::reasonPhrase(status);
    return QByteArrayLiteral("<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>")
        + code + ' ' + reason + QByteArrayLiteral("</title>\n</head><body>\n<h1>") + reason
        + QByteArrayLiteral("</h1>\n</body></html>\n");
}

QByteArray httpDate()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

// Makes the next close() send a TCP RST instead of a FIN, as a crashing server or a proxy
// dropping the connection would.
void setLingerZero(QTcpSocket* socket)
{
#ifdef Q_OS_UNIX
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        struct linger option;
        option.l_onoff = 1;
        option.l_linger = 0;
        ::setsockopt(static_cast<int>(fd), SOL_SOCKET, SO_LINGER, &option, sizeof(option));
    }
#else
    Q_UNUSED(socket);
#endif
}

bool containsToken(const QByteArray& headerValue, const QByteArray& token)
{
    const QList<QByteArray> parts = headerValue.split(',');
    return std::any_of(parts.cbegin(), parts.cend(), [&token](const QByteArray& part) {
        return part.trimmed().compare(token, Qt::CaseInsensitive) == 0;
    });
}

// Accepts each connection as a QSslSocket in server mode. Data is read only once decrypted, so
// the HTTP side sees plain requests; a client that refuses the certificate just goes away.
class TlsTcpServer : public QTcpServer
{
public:
    TlsTcpServer(const QSslCertificate& certificate, const QSslKey& key, QObject* parent)
        : QTcpServer(parent)
        , m_certificate(certificate)
        , m_key(key)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto* socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(m_certificate);
        tls.setPrivateKey(m_key);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for a certificate
        socket->setSslConfiguration(tls);
        addPendingConnection(socket);
        socket->startServerEncryption();
    }

private:
    QSslCertificate m_certificate;
    QSslKey m_key;
};

} // namespace

QByteArray HttpRequest::header(const QByteArray& lowerCaseName) const
{
    for (const auto& entry : headers) {
        if (entry.first == lowerCaseName)
            return entry.second;
    }
    return {};
}

struct HttpServer::Connection
{
    QTcpSocket* socket = nullptr;
    QByteArray in;
    bool busy = false; // a response is being prepared, delayed or written
    bool writing = false; // body slices are still to be handed to the socket
    bool closed = false; // the socket is gone or going; ignore it
    bool keepAlive = true;
    bool http11 = true; // the request was HTTP/1.1: chunked responses allowed
    bool headOnly = false;
    bool continueSent = false;
    HttpResponse response;
    qsizetype bodyPos = 0;
    qsizetype bodyEnd = 0;
    qint64 bodyBytesSent = 0;
    bool chunked = false; // the body comes from response.stream, framed as chunks
    QByteArray nextPiece; // a streamed piece read ahead to choose the framing
    bool trickleTimerPending = false; // Delivery::Trickle: the next slice waits for a timer
};

HttpServer::HttpServer(QObject* parent)
    : QObject(parent)
{
    createServer();
}

void HttpServer::createServer()
{
    if (m_server)
        m_server->deleteLater();
    if (m_tlsCertificate.isNull() || m_tlsKey.isNull())
        m_server = new QTcpServer(this);
    else
        m_server = new TlsTcpServer(m_tlsCertificate, m_tlsKey, this);
    connect(m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

void HttpServer::setTls(const QSslCertificate& certificate, const QSslKey& key)
{
    m_tlsCertificate = certificate;
    m_tlsKey = key;
    if (m_server->isListening())
        m_server->close();
    createServer();
}

HttpServer::~HttpServer()
{
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        it.value()->closed = true;
        it.key()->disconnect(this);
    }
}

void HttpServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

bool HttpServer::listen(const QHostAddress& address, quint16 port)
{
    return m_server->listen(address, port);
}

void HttpServer::close()
{
    m_server->close();
    const QList<QTcpSocket*> sockets = m_connections.keys();
    for (QTcpSocket* socket : sockets)
        socket->abort();
}

bool HttpServer::isListening() const
{
    return m_server->isListening();
}

quint16 HttpServer::serverPort() const
{
    return m_server->serverPort();
}

QString HttpServer::errorString() const
{
    return m_server->errorString();
}

int HttpServer::connectionCount() const
{
    return static_cast<int>(m_connections.size());
}

QByteArray HttpServer::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 204:
        return QByteArrayLiteral("No Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 406:
        return QByteArrayLiteral("Not Acceptable");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    default:
        break;
    }
    if (status >= 500)
        return QByteArrayLiteral("Server Error");
    if (status >= 400)
        return QByteArrayLiteral("Client Error");
    return QByteArrayLiteral("Status");
}

HttpServer::Connection* HttpServer::connectionFor(QTcpSocket* socket)
{
    const auto it = m_connections.constFind(socket);
    if (it == m_connections.cend() || it.value()->closed)
        return nullptr;
    return it.value().get();
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        auto connection = std::make_shared<Connection>();
        connection->socket = socket;
        m_connections.insert(socket, connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] {
            if (Connection* c = connectionFor(socket)) {
                if (c->writing)
                    pump(*c);
            }
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { dropConnection(socket); });
        connect(socket, &QTcpSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError) {
            // A peer that goes away mid-answer is normal (client timeouts); forget the connection.
            if (socket->state() != QAbstractSocket::ConnectedState)
                dropConnection(socket);
        });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void HttpServer::dropConnection(QTcpSocket* socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it.value()->closed = true;
    m_connections.erase(it);
    socket->disconnect(this);
    socket->deleteLater();
}

void HttpServer::onReadyRead(QTcpSocket* socket)
{
    const auto it = m_connections.constFind(socket);
    if (it == m_connections.cend() || it.value()->closed)
        return;
    const std::shared_ptr<Connection> keep = it.value();
    keep->in.append(socket->readAll());
    if (keep->in.size() > maxHeaderBytes + maxBodyBytes) {
        // A client that keeps sending while its earlier request is answered; stop reading it.
        socket->abort();
        return;
    }
    if (!keep->busy)
        processInput(*keep);
}

void HttpServer::processInput(Connection& c)
{
    while (!c.busy && !c.closed) {
        const qsizetype headerEnd = c.in.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (c.in.size() > maxHeaderBytes)
                rejectAndClose(c, 431);
            return;
        }
        if (headerEnd > maxHeaderBytes) {
            rejectAndClose(c, 431);
            return;
        }

        HttpRequest request;
        const QList<QByteArray> lines = c.in.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || requestLine.at(0).isEmpty()
            || !requestLine.at(2).startsWith("HTTP/1.")) {
            rejectAndClose(c, 400);
            return;
        }
        request.method = requestLine.at(0);
        request.target = requestLine.at(1);
        request.version = requestLine.at(2);
        QByteArray target = request.target;
        if (target.startsWith("http://") || target.startsWith("https://")) {
            // absolute-form, as sent to proxies: keep only the path
            const qsizetype slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? QByteArrayLiteral("/") : target.mid(slash);
        }
        const qsizetype question = target.indexOf('?');
        request.path = question < 0 ? target : target.left(question);
        request.query = question < 0 ? QByteArray() : target.mid(question + 1);

        bool badHeader = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            if (line.isEmpty())
                continue;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                badHeader = true;
                break;
            }
            request.headers.append({ line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
        }
        if (badHeader) {
            rejectAndClose(c, 400);
            return;
        }
        if (!request.header("transfer-encoding").isEmpty()) {
            rejectAndClose(c, 501);
            return;
        }
        qint64 length = 0;
        const QByteArray lengthText = request.header("content-length");
        if (!lengthText.isEmpty()) {
            bool ok = false;
            length = lengthText.toLongLong(&ok);
            if (!ok || length < 0) {
                rejectAndClose(c, 400);
                return;
            }
            if (length > maxBodyBytes) {
                rejectAndClose(c, 413);
                return;
            }
        }
        const qsizetype bodyStart = headerEnd + 4;
        if (c.in.size() < bodyStart + length) {
            if (!c.continueSent
                && request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0) {
                c.socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
                c.continueSent = true;
            }
            return;
        }
        request.body = c.in.mid(bodyStart, length);
        c.in.remove(0, bodyStart + length);
        c.continueSent = false;

        c.http11 = request.version != "HTTP/1.0";
        const QByteArray connectionHeader = request.header("connection");
        if (request.version == "HTTP/1.0")
            c.keepAlive = containsToken(connectionHeader, "keep-alive");
        else
            c.keepAlive = !containsToken(connectionHeader, "close");

        HttpResponse response;
        if (m_handler) {
            response = m_handler(request);
        } else {
            response.status = 404;
            response.body = errorPage(404);
        }
        if (c.closed)
            return;
        startResponse(c, std::move(response), request.method == "HEAD");
    }
}

void HttpServer::rejectAndClose(Connection& c, int status)
{
    HttpResponse response;
    response.status = status;
    response.body = errorPage(status);
    response.close = true;
    c.in.clear();
    startResponse(c, std::move(response), false);
}

void HttpServer::startResponse(Connection& c, HttpResponse response, bool headOnly)
{
    c.busy = true;
    c.headOnly = headOnly;
    c.response = std::move(response);
    if (c.response.delayMs > 0) {
        QTcpSocket* socket = c.socket;
        QTimer::singleShot(c.response.delayMs, socket, [this, socket] {
            if (Connection* conn = connectionFor(socket))
                sendNow(*conn);
        });
        return;
    }
    sendNow(c);
}

QByteArray HttpServer::drain(const std::function<QByteArray()>& stream)
{
    QByteArray all;
    for (QByteArray piece = stream(); !piece.isEmpty(); piece = stream())
        all += piece;
    return all;
}

void HttpServer::sendNow(Connection& c)
{
    HttpResponse& r = c.response;
    if (r.delivery == HttpResponse::Delivery::Reset) {
        if (r.onFinished)
            r.onFinished(0);
        c.closed = true;
        setLingerZero(c.socket);
        c.socket->abort();
        return;
    }
    c.chunked = false;
    c.nextPiece.clear();
    if (r.stream) {
        const bool canChunk = r.delivery == HttpResponse::Delivery::Complete && !c.headOnly && c.http11;
        if (!canChunk) {
            r.body = drain(r.stream);
            r.stream = nullptr;
        } else {
            // Read two pieces ahead: a body that ends within the first goes out with Content-Length.
            r.body = r.stream();
            if (!r.body.isEmpty())
                c.nextPiece = r.stream();
            if (c.nextPiece.isEmpty())
                r.stream = nullptr;
            else
                c.chunked = true;
        }
    }
    const bool keepAlive = c.keepAlive && !r.close && r.delivery == HttpResponse::Delivery::Complete;
    QByteArray head;
    head.reserve(256);
    head += QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status)
        + QByteArrayLiteral("\r\nDate: ") + httpDate() + QByteArrayLiteral("\r\nServer: Apache\r\n");
    if (!r.contentType.isEmpty())
        head += QByteArrayLiteral("Content-Type: ") + r.contentType + QByteArrayLiteral("\r\n");
    if (c.chunked)
        head += QByteArrayLiteral("Transfer-Encoding: chunked\r\n");
    else
        head += QByteArrayLiteral("Content-Length: ") + QByteArray::number(r.body.size())
            + QByteArrayLiteral("\r\n");
    for (const auto& extra : r.headers)
        head += extra.first + QByteArrayLiteral(": ") + extra.second + QByteArrayLiteral("\r\n");
    head += keepAlive ? QByteArrayLiteral("Connection: keep-alive\r\n\r\n")
                      : QByteArrayLiteral("Connection: close\r\n\r\n");
    c.keepAlive = keepAlive;
    c.socket->write(head);

    c.bodyPos = 0;
    c.bodyBytesSent = 0;
    if (c.headOnly)
        c.bodyEnd = 0;
    else if (r.delivery == HttpResponse::Delivery::Complete || r.delivery == HttpResponse::Delivery::Trickle)
        c.bodyEnd = r.body.size();
    else
        c.bodyEnd = r.body.size() / 2;
    if (c.chunked) {
        writeChunk(c, r.body);
        r.body.clear();
        c.bodyEnd = 0;
    }
    c.writing = true;
    pump(c);
}

void HttpServer::writeChunk(Connection& c, const QByteArray& piece)
{
    c.socket->write(QByteArray::number(piece.size(), 16) + QByteArrayLiteral("\r\n"));
    c.socket->write(piece);
    c.socket->write(QByteArrayLiteral("\r\n"));
    c.bodyBytesSent += piece.size();
}

void HttpServer::pump(Connection& c)
{
    if (c.chunked) {
        while (c.socket->bytesToWrite() < kHighWater) {
            QByteArray piece = std::move(c.nextPiece);
            c.nextPiece.clear();
            if (piece.isEmpty())
                piece = c.response.stream();
            if (piece.isEmpty()) {
                c.socket->write(QByteArrayLiteral("0\r\n\r\n"));
                c.chunked = false;
                finishResponse(c);
                return;
            }
            writeChunk(c, piece);
        }
        return;
    }
    if (c.response.delivery == HttpResponse::Delivery::Trickle && c.bodyPos < c.bodyEnd) {
        // One slice now, the next when the timer fires (bytesWritten must not speed it up).
        if (c.trickleTimerPending)
            return;
        const qsizetype n = std::min<qsizetype>(std::max(1, c.response.trickleBytes), c.bodyEnd - c.bodyPos);
        c.socket->write(c.response.body.constData() + c.bodyPos, n);
        c.bodyPos += n;
        c.bodyBytesSent += n;
        if (c.bodyPos < c.bodyEnd) {
            c.trickleTimerPending = true;
            QTcpSocket* socket = c.socket;
            QTimer::singleShot(std::max(0, c.response.trickleIntervalMs), socket, [this, socket] {
                if (Connection* conn = connectionFor(socket)) {
                    conn->trickleTimerPending = false;
                    if (conn->writing)
                        pump(*conn);
                }
            });
            return;
        }
    }
    while (c.bodyPos < c.bodyEnd && c.socket->bytesToWrite() < kHighWater) {
        const qsizetype n = std::min(kChunk, c.bodyEnd - c.bodyPos);
        c.socket->write(c.response.body.constData() + c.bodyPos, n);
        c.bodyPos += n;
        c.bodyBytesSent += n;
    }
    if (c.bodyPos >= c.bodyEnd)
        finishResponse(c);
}

void HttpServer::finishResponse(Connection& c)
{
    c.writing = false;
    if (c.response.onFinished)
        c.response.onFinished(c.bodyBytesSent);
    const HttpResponse::Delivery delivery = c.response.delivery;
    const int stallMs = c.response.stallMs;
    c.response = HttpResponse(); // the socket holds what is still to be sent
    QTcpSocket* socket = c.socket;
    switch (delivery) {
    case HttpResponse::Delivery::Complete:
        if (!c.keepAlive) {
            c.closed = true;
            socket->disconnectFromHost();
            return;
        }
        c.busy = false;
        if (!c.in.isEmpty()) {
            // A pipelined request is waiting; answer it from the event loop, not recursively.
            QTimer::singleShot(0, socket, [this, socket] {
                const auto it = m_connections.constFind(socket);
                if (it != m_connections.cend() && !it.value()->closed && !it.value()->busy) {
                    const std::shared_ptr<Connection> keep = it.value();
                    processInput(*keep);
                }
            });
        }
        return;
    case HttpResponse::Delivery::Truncated:
    case HttpResponse::Delivery::Trickle:
        c.closed = true;
        socket->disconnectFromHost();
        return;
    case HttpResponse::Delivery::Stall:
        QTimer::singleShot(std::max(0, stallMs), socket, [socket] { socket->disconnectFromHost(); });
        return;
    case HttpResponse::Delivery::Reset:
        return;
    }
}

} // namespace Lantir::Test
