#include "redcap/RedcapTransport.h"

#include "redcap/HttpStreamingPost.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkRequest>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

#include <memory>

namespace Lantir {

namespace {

// Runs `loop` until the exchange finishes, `timeoutMs` passes (then `onTimeout`) or abort().
template <typename OnTimeout>
void wait(QEventLoop& loop, int timeoutMs, bool finished, const std::atomic<bool>& cancelled,
          OnTimeout onTimeout)
{
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        onTimeout();
        loop.quit();
    });
    timeout.start(qMax(1, timeoutMs));
    if (!finished && !cancelled.load()) {
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    timeout.stop();
}

} // namespace

BufferedTransport::BufferedTransport(QNetworkAccessManager* network)
    : m_network(network)
{
}

TransportReply BufferedTransport::send(const TransportRequest& request, const std::atomic<bool>& cancelled)
{
    TransportReply result;
    QNetworkRequest http(request.url);
    for (const auto& [name, value] : request.headers) {
        http.setRawHeader(name, value);
    }
    http.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    http.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
#if QT_CONFIG(ssl)
    if (request.tls) {
        http.setSslConfiguration(*request.tls);
    }
#endif
    // The same proxy as the streamed transport's, decided once by the caller.
    if (m_network->proxy() != request.proxy) {
        m_network->setProxy(request.proxy);
    }
    QEventLoop loop;
    const std::unique_ptr<QNetworkReply> reply(m_network->post(http, request.body));
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
#if QT_CONFIG(ssl)
    // Recorded for the message only: the handshake still fails.
    QObject::connect(reply.get(), &QNetworkReply::sslErrors, &loop,
                     [&result](const QList<QSslError>& errors) {
                         for (const QSslError& error : errors) {
                             result.tlsProblems.append(error.errorString());
                         }
                     });
#endif
    m_reply = reply.get();
    m_loop = &loop;
    wait(loop, request.timeoutMs, reply->isFinished(), cancelled, [&] {
        result.timedOut = true;
        reply->abort();
    });
    m_reply = nullptr;
    m_loop = nullptr;
    if (!reply->isFinished()) {
        reply->abort(); // Cancelled before the answer arrived.
    }
    reply->disconnect(&loop);

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    result.status = status.isValid() ? status.toInt() : 0;
    result.error = reply->error();
    result.errorText = reply->errorString();
    result.contentType = reply->rawHeader(QByteArrayLiteral("Content-Type"));
    result.location = reply->rawHeader(QByteArrayLiteral("Location"));
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    result.expectedLength = length.isValid() ? length.toLongLong() : -1;
    if (reply->isOpen()) { // An aborted reply is closed and has nothing to read.
        result.body = reply->readAll();
    }
    return result;
}

void BufferedTransport::abort()
{
    if (m_reply) {
        m_reply->abort();
    }
    if (m_loop) {
        m_loop->quit();
    }
}

StreamingTransport::StreamingTransport(Sink sink)
    : m_sink(std::move(sink))
{
}

TransportReply StreamingTransport::send(const TransportRequest& request, const std::atomic<bool>& cancelled)
{
    TransportReply result;
    QList<HttpStreamingPost::Header> headers;
    for (const auto& [name, value] : request.headers) {
        headers.append({ name, value });
    }
    HttpStreamingPost post(request.url, headers);
#if QT_CONFIG(ssl)
    if (request.tls) {
        post.setSslConfiguration(*request.tls);
    }
#endif
    post.setProxy(request.proxy);
    QEventLoop loop;
    QObject::connect(&post, &HttpStreamingPost::finished, &loop, &QEventLoop::quit);
    m_post = &post;
    m_loop = &loop;
    post.start(request.body, [this, &result](const char* data, qsizetype size) {
        result.streamedBytes += size;
        m_sink(data, size);
    });
    wait(loop, request.timeoutMs, post.isFinished(), cancelled, [&] {
        result.timedOut = true;
        post.abort();
    });
    m_post = nullptr;
    m_loop = nullptr;
    if (!post.isFinished()) {
        post.abort(); // Cancelled before the answer arrived.
    }
    result.status = post.statusCode();
    result.error = post.error();
    result.errorText = post.errorString();
    result.contentType = post.rawHeader(QByteArrayLiteral("Content-Type"));
    result.location = post.rawHeader(QByteArrayLiteral("Location"));
    result.expectedLength = post.contentLength();
    result.tlsProblems = post.tlsProblems();
    result.streamed = result.status >= 200 && result.status <= 299;
    if (!result.streamed) {
        result.body = post.errorBody();
    }
    return result;
}

void StreamingTransport::abort()
{
    if (m_post) {
        m_post->abort();
    }
    if (m_loop) {
        m_loop->quit();
    }
}

QNetworkProxy proxyForUrl(const QUrl& url)
{
    const QList<QNetworkProxy> proxies = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
    for (const QNetworkProxy& proxy : proxies) {
        switch (proxy.type()) {
        case QNetworkProxy::NoProxy:
        case QNetworkProxy::HttpProxy:
        case QNetworkProxy::Socks5Proxy:
            return proxy;
        default:
            break; // a caching proxy cannot tunnel: the next one, if any
        }
    }
    return QNetworkProxy(QNetworkProxy::NoProxy);
}

QString proxyText(const QNetworkProxy& proxy)
{
    if (proxy.type() == QNetworkProxy::NoProxy || proxy.type() == QNetworkProxy::DefaultProxy) {
        return {};
    }
    const QString host = proxy.hostName().contains(u':') ? u'[' + proxy.hostName() + u']' : proxy.hostName();
    return host + u':' + QString::number(proxy.port());
}

} // namespace Lantir
