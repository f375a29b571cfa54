#pragma once

#include "redcap/HttpResponseParser.h"

#include <QByteArray>
#include <QList>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#endif

class QTcpSocket;

namespace Lantir {

// One HTTP/1.1 POST on a socket of its own, whose 2xx answer body goes to a sink as it arrives.
//
// QNetworkAccessManager reads an answer off the network as fast as it comes, however slowly its
// reader consumes it: with Qt 6.4 the socket of its HTTP thread has no read bound, so a 24 MB
// answer costs 24 MB or more of memory at once. Here the socket's read buffer is bounded
// (readBufferSize, 64 KiB by default): when the consumer falls behind, the kernel's TCP window
// fills and the server waits. Memory stays bounded by the buffer, whatever the size of the answer.
// Lantir uses it for the record id export, whose answer for a full sync lists the whole project.
//
// It only moves bytes: the request out, the answer into an HttpResponseParser, which reads what a
// REDCap server answers with (Content-Length, chunked transfer coding and read-until-close bodies,
// interim 1xx answers) and refuses the rest. https uses the configured CAs (certificate errors are
// never ignored). A proxy given with setProxy (an HTTP proxy is asked for a CONNECT tunnel) is
// used; without one it connects directly. It asks for no compression, follows no redirect, sends
// "Connection: close" and a Host header of host and port only (never a URL's user information). An answer
// outside 2xx is kept (up to errorBodyLimit) for the error message instead of going to the sink.
// Asynchronous: finished() is emitted once, after success, error or abort(); the owner's thread must run an
// event loop meanwhile.
class HttpStreamingPost : public QObject
{
    Q_OBJECT

public:
    using Sink = std::function<void(const char* data, qsizetype size)>;
    struct Header
    {
        QByteArray name;
        QByteArray value;
    };

    static constexpr qsizetype errorBodyLimit = 1024 * 1024;
    static constexpr qsizetype headerLimit = HttpResponseParser::headerLimit;

    explicit HttpStreamingPost(QUrl url, QList<Header> headers = {}, QObject* parent = nullptr);
    ~HttpStreamingPost() override;

#if QT_CONFIG(ssl)
    void setSslConfiguration(const QSslConfiguration& configuration);
#endif
    // The proxy to go through (NoProxy, HttpProxy or Socks5Proxy); direct when never set. Set
    // before start().
    void setProxy(const QNetworkProxy& proxy);
    // Bytes the socket may hold before it stops reading (at least 4 KiB). Set before start().
    void setReadBufferSize(qint64 bytes);
    qint64 readBufferSize() const
    {
        return m_readBufferSize;
    }

    void start(const QByteArray& body, Sink sink);
    // Stops the exchange; error() becomes OperationCanceledError unless it had already finished.
    void abort();

    bool isFinished() const
    {
        return m_finished;
    }
    // 0 until a status line arrived.
    int statusCode() const
    {
        return m_parser.statusCode();
    }
    // The last header of that name (case-insensitive); empty when absent.
    QByteArray rawHeader(const QByteArray& name) const;
    // From Content-Length; -1 when the answer did not say.
    qint64 contentLength() const
    {
        return m_parser.contentLength();
    }
    // Body bytes received (decoded from the chunked coding), for 2xx and other answers alike.
    qint64 bodyBytesReceived() const
    {
        return m_parser.bodyBytes();
    }
    // The body of an answer outside 2xx, up to errorBodyLimit.
    const QByteArray& errorBody() const
    {
        return m_errorBody;
    }
    QNetworkReply::NetworkError error() const
    {
        return m_error;
    }
    QString errorString() const
    {
        return m_errorString;
    }
    // What the TLS handshake objected to, in Qt's words (recorded for messages; never ignored).
    const QStringList& tlsProblems() const
    {
        return m_tlsProblems;
    }

Q_SIGNALS:
    void finished();

private:
    void connectSocket(bool tls);
    QByteArray requestHead() const;
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onSocketError();
    // Acts on the parser's state after bytes were fed; true once the exchange is over.
    bool afterParse();
    void deliver(const char* data, qsizetype size);
    void succeed();
    void fail(QNetworkReply::NetworkError code, QString text);
    void finish();

    QUrl m_url;
    QList<Header> m_requestHeaders;
    QTcpSocket* m_socket = nullptr;
    qint64 m_readBufferSize = 64 * 1024;
    QNetworkProxy m_proxy { QNetworkProxy::NoProxy };
#if QT_CONFIG(ssl)
    std::optional<QSslConfiguration> m_ssl; // unset: no TLS library is loaded for plain http
#endif
    QByteArray m_requestBody;
    Sink m_sink;

    bool m_started = false;
    bool m_reading = false; // inside onReadyRead, where m_chunk is in use
    HttpResponseParser m_parser;
    QByteArray m_chunk; // reused read buffer
    QByteArray m_errorBody;
    QNetworkReply::NetworkError m_error = QNetworkReply::NoError;
    QString m_errorString;
    QStringList m_tlsProblems;
    bool m_finished = false;
};

} // namespace Lantir
