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

} // namespace

HttpStreamingPost::HttpStreamingPost(QUrl url, QList<Header> headers, QObject* parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_requestHeaders(std::move(headers))
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

void HttpStreamingPost::setReadBufferSize(qint64 bytes)
{
    m_readBufferSize = qMax<qint64>(4096, bytes);
}

QByteArray HttpStreamingPost::rawHeader(const QByteArray& name) const
{
    for (auto it = m_headers.crbegin(); it != m_headers.crend(); ++it) {
        if (it->name.compare(name, Qt::CaseInsensitive) == 0) {
            return it->value;
        }
    }
    return {};
}

void HttpStreamingPost::start(const QByteArray& body, Sink sink)
{
    Q_ASSERT(m_state == State::Idle);
    m_requestBody = body;
    m_sink = std::move(sink);
    m_chunk.resize(qsizetype(qMin<qint64>(m_readBufferSize, 256 * 1024)));
    m_state = State::StatusLine;

    const bool tls = m_url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    if (tls) {
#if QT_CONFIG(ssl)
        auto* socket = new QSslSocket(this);
        socket->setSslConfiguration(m_ssl ? *m_ssl : QSslConfiguration::defaultConfiguration());
        connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
            for (const QSslError& error : errors) {
                m_tlsProblems.append(error.errorString());
            }
        });
        connect(socket, &QSslSocket::encrypted, this, &HttpStreamingPost::onConnected);
        m_socket = socket;
#else
        fail(QNetworkReply::ProtocolUnknownError,
             QStringLiteral("This build cannot make secure (https) connections."));
        return;
#endif
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, &HttpStreamingPost::onConnected);
    }
    // The bound that holds the server back: the socket stops reading when it holds this much.
    m_socket->setReadBufferSize(m_readBufferSize);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpStreamingPost::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpStreamingPost::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpStreamingPost::onSocketError);

    const quint16 port = quint16(m_url.port(tls ? 443 : 80));
#if QT_CONFIG(ssl)
    if (tls) {
        static_cast<QSslSocket*>(m_socket)->connectToHostEncrypted(m_url.host(), port);
        return;
    }
#endif
    m_socket->connectToHost(m_url.host(), port);
}

void HttpStreamingPost::abort()
{
    fail(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
}

void HttpStreamingPost::onConnected()
{
    QByteArray target = m_url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty()) {
        target = QByteArrayLiteral("/");
    }
    if (m_url.hasQuery()) {
        target += '?' + m_url.query(QUrl::FullyEncoded).toLatin1();
    }
    QByteArray request = QByteArrayLiteral("POST ") + target + QByteArrayLiteral(" HTTP/1.1\r\nHost: ")
        + m_url.authority(QUrl::FullyEncoded).toLatin1() + QByteArrayLiteral("\r\nContent-Length: ")
        + QByteArray::number(m_requestBody.size())
        + QByteArrayLiteral("\r\nAccept-Encoding: identity\r\nConnection: close\r\n");
    for (const Header& header : std::as_const(m_requestHeaders)) {
        request += header.name + QByteArrayLiteral(": ") + header.value + QByteArrayLiteral("\r\n");
    }
    request += QByteArrayLiteral("\r\n");
    m_socket->write(request);
    m_socket->write(m_requestBody);
    m_requestBody = QByteArray(); // the socket holds its own copy until it is sent
}

bool HttpStreamingPost::readLine(QByteArray* line)
{
    if (!m_socket->canReadLine()) {
        // A full buffer without a line end would never get one: the socket stopped reading.
        if (m_socket->bytesAvailable() >= qMin<qint64>(m_readBufferSize, headerLimit)) {
            fail(QNetworkReply::ProtocolFailure,
                 QStringLiteral("The server's answer is not valid HTTP: a header line is longer than ")
                     + QString::number(qMin<qint64>(m_readBufferSize, headerLimit))
                     + QStringLiteral(" bytes."));
        }
        return false;
    }
    *line = m_socket->readLine(headerLimit + 2);
    if (m_state == State::Headers || m_state == State::Trailers) {
        m_headerBytes += line->size();
        if (m_headerBytes > headerLimit) {
            fail(QNetworkReply::ProtocolFailure,
                 QStringLiteral("The server's answer is not valid HTTP: its headers are longer than ")
                     + QString::number(headerLimit) + QStringLiteral(" bytes."));
            return false;
        }
    }
    while (line->endsWith('\n') || line->endsWith('\r')) {
        line->chop(1);
    }
    return true;
}

bool HttpStreamingPost::parseStatusLine(const QByteArray& line)
{
    // HTTP/1.1 200 OK
    const QList<QByteArray> parts = line.split(' ');
    bool ok = false;
    const int status = parts.size() >= 2 ? parts.at(1).toInt(&ok) : 0;
    if (!line.startsWith("HTTP/1.") || !ok || status < 100 || status > 999) {
        fail(QNetworkReply::ProtocolFailure,
             QStringLiteral("The server's answer is not valid HTTP (it began with \"")
                 + QString::fromLatin1(line.left(40)) + QStringLiteral("\")."));
        return false;
    }
    m_status = status;
    m_headers.clear();
    m_headerBytes = 0;
    m_state = State::Headers;
    return true;
}

bool HttpStreamingPost::endOfHeaders()
{
    if (m_status < 200) { // 100 Continue and other interim answers: the real one follows
        m_status = 0;
        m_headers.clear();
        m_state = State::StatusLine;
        return true;
    }
    const QByteArray encoding = rawHeader(QByteArrayLiteral("Content-Encoding")).trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity") {
        fail(QNetworkReply::ProtocolFailure,
             QStringLiteral("The server sent a compressed answer (Content-Encoding: ")
                 + QString::fromLatin1(encoding.left(40))
                 + QStringLiteral(
                     ") although none was asked for; check the web server's compression settings."));
        return false;
    }
    const QByteArray transfer = rawHeader(QByteArrayLiteral("Transfer-Encoding")).trimmed().toLower();
    if (!transfer.isEmpty() && transfer != "identity") {
        if (!transfer.endsWith("chunked")) {
            fail(QNetworkReply::ProtocolFailure,
                 QStringLiteral("The server's answer uses a transfer coding Lantir does not read (")
                     + QString::fromLatin1(transfer.left(40)) + QStringLiteral(")."));
            return false;
        }
        m_state = State::ChunkSize;
        return true;
    }
    const QByteArray length = rawHeader(QByteArrayLiteral("Content-Length")).trimmed();
    if (!length.isEmpty()) {
        bool ok = false;
        m_contentLength = length.toLongLong(&ok);
        if (!ok || m_contentLength < 0) {
            fail(QNetworkReply::ProtocolFailure,
                 QStringLiteral("The server's answer is not valid HTTP: Content-Length \"")
                     + QString::fromLatin1(length.left(40)) + QStringLiteral("\" is not a size."));
            return false;
        }
        m_remaining = m_contentLength;
        m_state = State::FixedBody;
        return true;
    }
    if (m_status == 204 || m_status == 304) {
        succeed();
        return false;
    }
    m_state = State::BodyUntilClose;
    return true;
}

void HttpStreamingPost::deliver(const char* data, qsizetype size)
{
    m_bodyBytes += size;
    if (isSuccess(m_status)) {
        if (m_sink) {
            m_sink(data, size);
        }
    } else if (m_errorBody.size() < errorBodyLimit) {
        m_errorBody.append(data, qMin(size, errorBodyLimit - m_errorBody.size()));
    }
}

void HttpStreamingPost::onReadyRead()
{
    QByteArray line;
    while (!m_finished) {
        switch (m_state) {
        case State::Idle:
        case State::Done:
            return;
        case State::StatusLine:
            if (!readLine(&line) || !parseStatusLine(line)) {
                return;
            }
            break;
        case State::Headers: {
            if (!readLine(&line)) {
                return;
            }
            if (line.isEmpty()) {
                if (!endOfHeaders()) {
                    return;
                }
                break;
            }
            if ((line.startsWith(' ') || line.startsWith('\t')) && !m_headers.isEmpty()) {
                m_headers.last().value += ' ' + line.trimmed(); // obsolete line folding
                break;
            }
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                fail(QNetworkReply::ProtocolFailure,
                     QStringLiteral("The server's answer is not valid HTTP: a header line has no name."));
                return;
            }
            m_headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
            break;
        }
        case State::FixedBody:
        case State::ChunkData: {
            if (m_remaining == 0) {
                if (m_state == State::FixedBody) {
                    succeed();
                    return;
                }
                m_state = State::ChunkEnd;
                break;
            }
            const qint64 read = m_socket->read(m_chunk.data(), qMin<qint64>(m_chunk.size(), m_remaining));
            if (read <= 0) {
                return;
            }
            m_remaining -= read;
            deliver(m_chunk.constData(), qsizetype(read));
            break;
        }
        case State::ChunkSize: {
            if (!readLine(&line)) {
                return;
            }
            const qsizetype extension = line.indexOf(';');
            const QByteArray size = (extension < 0 ? line : line.left(extension)).trimmed();
            bool ok = false;
            const qint64 bytes = size.toLongLong(&ok, 16);
            if (!ok || bytes < 0) {
                fail(QNetworkReply::ProtocolFailure,
                     QStringLiteral("The server's answer is not valid HTTP: a chunk size reads \"")
                         + QString::fromLatin1(size.left(20)) + QStringLiteral("\"."));
                return;
            }
            if (bytes == 0) {
                m_headerBytes = 0;
                m_state = State::Trailers;
            } else {
                m_remaining = bytes;
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkEnd:
            if (!readLine(&line)) {
                return;
            }
            if (!line.isEmpty()) {
                fail(QNetworkReply::ProtocolFailure,
                     QStringLiteral(
                         "The server's answer is not valid HTTP: a chunk is longer than its size."));
                return;
            }
            m_state = State::ChunkSize;
            break;
        case State::Trailers:
            if (!readLine(&line)) {
                return;
            }
            if (line.isEmpty()) {
                succeed();
                return;
            }
            break;
        case State::BodyUntilClose: {
            const qint64 read = m_socket->read(m_chunk.data(), m_chunk.size());
            if (read <= 0) {
                return;
            }
            deliver(m_chunk.constData(), qsizetype(read));
            break;
        }
        }
    }
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
    if (m_state == State::BodyUntilClose) {
        succeed();
        return;
    }
    fail(QNetworkReply::RemoteHostClosedError,
         m_status == 0 ? QStringLiteral("The server closed the connection before it answered.")
                       : QStringLiteral("The server closed the connection before the answer was complete."));
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
    m_state = State::Done;
    finish();
}

void HttpStreamingPost::fail(QNetworkReply::NetworkError code, QString text)
{
    if (m_finished) {
        return;
    }
    m_error = code;
    m_errorString = std::move(text);
    m_state = State::Done;
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
    m_chunk = QByteArray();
    Q_EMIT finished();
}

} // namespace Lantir
