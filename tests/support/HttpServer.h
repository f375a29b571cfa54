#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace Lantir::Test {

// One parsed HTTP/1.x request. Header names are lower-case; values as received.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as on the request line
    QByteArray path; // target without the query ("/api/")
    QByteArray query; // text after '?', undecoded
    QByteArray version; // "HTTP/1.1"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& lowerCaseName) const;
};

// What to send back, and how. Delivery modes other than Complete exist to imitate broken servers
// and networks: a body cut off, a stalled transfer, a connection reset.
struct HttpResponse
{
    enum class Delivery
    {
        Complete, // the whole response
        Truncated, // headers announce the full body, half of it is sent, then the connection closes
        Stall, // headers and half the body, then nothing for stallMs, then the connection closes
        Reset, // no answer at all: the connection is aborted (TCP RST)
        Trickle, // the whole response, trickleBytes every trickleIntervalMs, then the connection closes
    };

    int status = 200;
    QByteArray contentType = QByteArrayLiteral("text/html; charset=UTF-8");
    QByteArray body;
    // When set, the body is produced piece by piece as the socket drains (an empty piece ends it)
    // and `body` is ignored. A body that fits in one piece goes out with Content-Length, a longer
    // one with chunked transfer encoding, as a web server in front of PHP does. Truncated and
    // Stall deliveries need the full length, so they collect the pieces first.
    std::function<QByteArray()> stream;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers
    Delivery delivery = Delivery::Complete;
    int delayMs = 0; // wait this long before sending anything
    int stallMs = 0; // for Delivery::Stall
    int trickleBytes = 64; // for Delivery::Trickle: body bytes per slice
    int trickleIntervalMs = 50; // for Delivery::Trickle: pause between slices
    bool close = false; // close the connection after this response even if the client keeps it alive
    // Called once the last byte meant to be sent has been handed to the socket, with the number of
    // body bytes sent (not called when the client goes away first).
    std::function<void(qint64 bodyBytes)> onFinished;
};

// A small HTTP/1.1 server over QTcpServer: request line, headers and a Content-Length body;
// persistent connections (pipelined requests are answered in order) and `Connection: close`.
// Chunked request bodies are refused with 501. Responses are written in slices as the socket
// drains, so a large body is never copied into the socket's buffer as a whole, and a streamed
// body never exists as a whole at all.
// Lives in one thread: create it, listen and destroy it in the thread that runs its event loop.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    explicit HttpServer(QObject* parent = nullptr);
    ~HttpServer() override;

    void setHandler(Handler handler);
    // HTTPS from the next listen() on: every accepted connection starts TLS with these; null: plain.
    void setTls(const QSslCertificate& certificate, const QSslKey& key);
    bool listen(const QHostAddress& address, quint16 port = 0);
    void close();
    bool isListening() const;
    quint16 serverPort() const;
    QString errorString() const;
    int connectionCount() const;

    // Largest accepted header block and body; larger requests get 431 / 413 and are closed.
    static constexpr qsizetype maxHeaderBytes = 64 * 1024;
    static constexpr qsizetype maxBodyBytes = 64 * 1024 * 1024;

    static QByteArray reasonPhrase(int status);
    // A streamed body collected into one array.
    static QByteArray drainStream(const std::function<QByteArray()>& stream) { return drain(stream); }

private:
    struct Connection;

    static QByteArray drain(const std::function<QByteArray()>& stream);

    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void processInput(Connection& connection);
    void startResponse(Connection& connection, HttpResponse response, bool headOnly);
    void sendNow(Connection& connection);
    void pump(Connection& connection);
    void writeChunk(Connection& connection, const QByteArray& piece);
    void finishResponse(Connection& connection);
    void rejectAndClose(Connection& connection, int status);
    void dropConnection(QTcpSocket* socket);
    Connection* connectionFor(QTcpSocket* socket);

    void createServer();

    QTcpServer* m_server = nullptr;
    QSslCertificate m_tlsCertificate;
    QSslKey m_tlsKey;
    Handler m_handler;
    QHash<QTcpSocket*, std::shared_ptr<Connection>> m_connections;
};

} // namespace Lantir::Test
