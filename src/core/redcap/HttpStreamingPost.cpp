#include "redcap/HttpStreamingPost.h"

#include "base/Logging.h"

#include <QTcpSocket>

#if QT_CONFIG(ssl)
#include <QSslError>
#include <QSslSocket>
#endif

namespace Lantir {

namespace {

QNetworkReply::NetworkError replyError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::RemoteHostClosedError:
        return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::HostNotFoundError:
        return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError:
        return QNetworkReply::TimeoutError;
    case QAbstractSocket::SslHandshakeFailedError:
        return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return QNetworkReply::ProxyAuthenticationRequiredError;
    case QAbstractSocket::ProxyConnectionRefusedError:
        return QNetworkReply::ProxyConnectionRefusedError;
    case QAbstractSocket::ProxyConnectionClosedError:
        return QNetworkReply::ProxyConnectionClosedError;
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return QNetworkReply::ProxyTimeoutError;
    case QAbstractSocket::ProxyNotFoundError:
        return QNetworkReply::ProxyNotFoundError;
    case QAbstractSocket::ProxyProtocolError:
        return QNetworkReply::UnknownProxyError;
    default:
        return QNetworkReply::UnknownNetworkError;
    }
}

bool isSuccess(int status)
{
    return status >= 200 && status <= 299;
}

// host[:port] for the Host header: never the user name or password a URL may carry.
QByteArray hostHeader(const QUrl& url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':')) {
        host = '[' + host + ']'; // an IPv6 address
    }
    if (url.port() >= 0) {
        host += ':' + QByteArray::number(url.port());
    }
    return host;
}

} // namespace

HttpStreamingPost::HttpStreamingPost(QUrl url, QList<Header> headers, QObject* parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_requestHeaders(std::move(headers))
    , m_parser([this](const char* data, qsizetype size) { deliver(data, size); })
{
}

HttpStreamingPost::~HttpStreamingPost()
{
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
}

#if QT_CONFIG(ssl)
void HttpStreamingPost::setSslConfiguration(const QSslConfiguration& configuration)
{
    m_ssl = configuration;
}
#endif

void HttpStreamingPost::setProxy(const QNetworkProxy& proxy)
{
    m_proxy = proxy;
}

void HttpStreamingPost::setReadBufferSize(qint64 bytes)
{
    m_readBufferSize = qMax<qint64>(4096, bytes);
}

QByteArray HttpStreamingPost::rawHeader(const QByteArray& name) const
{
    return m_parser.header(name);
}

void HttpStreamingPost::start(const QByteArray& body, Sink sink)
{
    Q_ASSERT(!m_started);
    m_started = true;
    m_requestBody = body;
    m_sink = std::move(sink);
    m_chunk.resize(qsizetype(qMin<qint64>(m_readBufferSize, 256 * 1024)));

    const bool tls = m_url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
#if !QT_CONFIG(ssl)
    if (tls) {
        fail(QNetworkReply::ProtocolUnknownError,
             QStringLiteral("This build cannot make secure (https) connections."));
        return;
    }
#endif
    connectSocket(tls);
    const quint16 port = quint16(m_url.port(tls ? 443 : 80));
#if QT_CONFIG(ssl)
    if (tls) {
        static_cast<QSslSocket*>(m_socket)->connectToHostEncrypted(m_url.host(), port);
        return;
    }
#endif
    m_socket->connectToHost(m_url.host(), port);
}

void HttpStreamingPost::connectSocket(bool tls)
{
#if QT_CONFIG(ssl)
    if (tls) {
        auto* socket = new QSslSocket(this);
        socket->setSslConfiguration(m_ssl ? *m_ssl : QSslConfiguration::defaultConfiguration());
        connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
            for (const QSslError& error : errors) {
                m_tlsProblems.append(error.errorString());
            }
        });
        connect(socket, &QSslSocket::encrypted, this, &HttpStreamingPost::onConnected);
        m_socket = socket;
    }
#endif
    if (!tls) {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, &HttpStreamingPost::onConnected);
    }
    // Explicit, never DefaultProxy: the caller decides (RedcapClient asks the same proxy factory for
    // both of its transports), and an unset proxy means a direct connection.
    m_socket->setProxy(m_proxy);
    // The bound that holds the server back: the socket stops reading when it holds this much.
    m_socket->setReadBufferSize(m_readBufferSize);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpStreamingPost::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpStreamingPost::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpStreamingPost::onSocketError);
}

void HttpStreamingPost::abort()
{
    fail(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
}

QByteArray HttpStreamingPost::requestHead() const
{
    QByteArray target = m_url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty()) {
        target = QByteArrayLiteral("/");
    }
    if (m_url.hasQuery()) {
        target += '?' + m_url.query(QUrl::FullyEncoded).toLatin1();
    }
    QByteArray head = QByteArrayLiteral("POST ") + target + QByteArrayLiteral(" HTTP/1.1\r\nHost: ")
        + hostHeader(m_url) + QByteArrayLiteral("\r\nContent-Length: ")
        + QByteArray::number(m_requestBody.size())
        + QByteArrayLiteral("\r\nAccept-Encoding: identity\r\nConnection: close\r\n");
    for (const Header& header : std::as_const(m_requestHeaders)) {
        head += header.name + QByteArrayLiteral(": ") + header.value + QByteArrayLiteral("\r\n");
    }
    head += QByteArrayLiteral("\r\n");
    return head;
}

void HttpStreamingPost::onConnected()
{
    m_socket->write(requestHead());
    m_socket->write(m_requestBody);
    m_requestBody = QByteArray(); // the socket holds its own copy until it is sent
}

void HttpStreamingPost::deliver(const char* data, qsizetype size)
{
    if (m_finished) {
        return;
    }
    if (isSuccess(m_parser.statusCode())) {
        if (m_sink) {
            m_sink(data, size);
        }
    } else if (m_errorBody.size() < errorBodyLimit) {
        m_errorBody.append(data, qMin(size, errorBodyLimit - m_errorBody.size()));
    }
}

void HttpStreamingPost::onReadyRead()
{
    if (m_finished || m_reading) {
        return;
    }
    m_reading = true;
    while (!m_finished) {
        const qint64 read = m_socket->read(m_chunk.data(), m_chunk.size());
        if (read <= 0) {
            break;
        }
        m_parser.feed(m_chunk.constData(), qsizetype(read));
        if (afterParse()) {
            break;
        }
    }
    m_reading = false;
    if (m_finished) {
        m_chunk = QByteArray();
    }
}

bool HttpStreamingPost::afterParse()
{
    switch (m_parser.state()) {
    case HttpResponseParser::State::Reading:
        return m_finished;
    case HttpResponseParser::State::Complete:
        succeed();
        return true;
    case HttpResponseParser::State::Malformed:
        fail(QNetworkReply::ProtocolFailure, m_parser.errorString());
        return true;
    case HttpResponseParser::State::CutOff:
        fail(QNetworkReply::RemoteHostClosedError, m_parser.errorString());
        return true;
    }
    return true;
}

void HttpStreamingPost::onDisconnected()
{
    if (m_finished) {
        return;
    }
    onReadyRead(); // what arrived before the close
    if (m_finished) {
        return;
    }
    m_parser.finishInput();
    afterParse();
}

void HttpStreamingPost::onSocketError()
{
    if (m_finished) {
        return;
    }
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    qCDebug(lcRedcap).noquote() << QStringLiteral("streamed request: socket error %1 (%2)")
                                       .arg(int(error))
                                       .arg(m_socket->errorString());
    fail(replyError(error), m_socket->errorString());
}

void HttpStreamingPost::succeed()
{
    finish();
}

void HttpStreamingPost::fail(QNetworkReply::NetworkError code, QString text)
{
    if (m_finished) {
        return;
    }
    m_error = code;
    m_errorString = std::move(text);
    finish();
}

void HttpStreamingPost::finish()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
    if (!m_reading) {
        m_chunk = QByteArray();
    }
    Q_EMIT finished();
}

} // namespace Lantir
