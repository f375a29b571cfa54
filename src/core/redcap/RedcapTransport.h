#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPair>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <functional>
#include <optional>

#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#endif

class QEventLoop;
class QNetworkAccessManager;

namespace Lantir {

class HttpStreamingPost;

// One POST of RedcapClient's, as either transport sends it.
struct TransportRequest
{
    QUrl url;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // besides Host, Content-Length and Connection
#if QT_CONFIG(ssl)
    std::optional<QSslConfiguration> tls; // https only (building one loads the TLS library)
#endif
    QNetworkProxy proxy { QNetworkProxy::NoProxy }; // the one to go through, never DefaultProxy
    int timeoutMs = 120000; // the whole exchange
};

// What one try brought back, whichever transport sent it.
struct TransportReply
{
    bool timedOut = false;
    int status = 0; // 0: no HTTP answer
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorText; // Qt's or the HTTP reader's words
    QByteArray contentType;
    QByteArray location;
    qint64 expectedLength = -1; // Content-Length, -1 when not given
    QStringList tlsProblems; // what the TLS handshake objected to (never ignored)
    QByteArray body; // the answer, unless it went to a stream's sink
    bool streamed = false; // a 2xx body went to the sink instead of `body`
    qint64 streamedBytes = 0;

    qint64 receivedBytes() const { return streamed ? streamedBytes : body.size(); }
};

// Sends one request and waits for its answer in a local event loop (the caller's thread, which
// must not be a GUI thread). abort() may be called from that thread while send() waits, e.g. from
// a queued cancel: send() then returns at once. `cancelled` is read before waiting, so a cancel that
// came first sends nothing out for long.
class RedcapTransport
{
public:
    virtual ~RedcapTransport() = default;
    virtual TransportReply send(const TransportRequest& request, const std::atomic<bool>& cancelled) = 0;
    virtual void abort() = 0;

protected:
    RedcapTransport() = default;
    RedcapTransport(const RedcapTransport&) = delete;
    RedcapTransport& operator=(const RedcapTransport&) = delete;
};

// Through QNetworkAccessManager: the whole answer is held in memory (batch exports, version,
// data dictionary), with the system's proxy handling of that manager overridden by request.proxy.
class BufferedTransport final : public RedcapTransport
{
public:
    explicit BufferedTransport(QNetworkAccessManager* network);
    TransportReply send(const TransportRequest& request, const std::atomic<bool>& cancelled) override;
    void abort() override;

private:
    QNetworkAccessManager* m_network;
    QNetworkReply* m_reply = nullptr;
    QEventLoop* m_loop = nullptr;
};

// Through HttpStreamingPost: a 2xx body goes to the sink as it arrives through a bounded socket
// buffer, so a slow reader holds the server back instead of the answer piling up in memory.
class StreamingTransport final : public RedcapTransport
{
public:
    using Sink = std::function<void(const char* data, qsizetype size)>;
    explicit StreamingTransport(Sink sink);
    TransportReply send(const TransportRequest& request, const std::atomic<bool>& cancelled) override;
    void abort() override;

private:
    Sink m_sink;
    HttpStreamingPost* m_post = nullptr;
    QEventLoop* m_loop = nullptr;
};

// The proxy for a request to `url`: what Qt's proxy factory (the system settings, or the
// http_proxy / https_proxy / no_proxy variables) names for it, the first that can tunnel a TCP
// connection (HTTP CONNECT or SOCKS5), else none. Loopback hosts never go through a proxy.
QNetworkProxy proxyForUrl(const QUrl& url);
// "proxy.example.org:3128" for a message, or empty when `proxy` is no proxy.
QString proxyText(const QNetworkProxy& proxy);

} // namespace Lantir
