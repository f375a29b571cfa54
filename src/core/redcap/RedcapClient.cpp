#include "redcap/RedcapClient.h"

#include "base/LantirVersion.h"
#include "base/Logging.h"
#include "config/FieldRules.h"
#include "redcap/RecordIdScanner.h"
#include "redcap/RedcapErrorParser.h"
#include "redcap/RedcapResponse.h"
#include "redcap/RedcapTransport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimeZone>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#endif

#include <memory>
#include <optional>

namespace Lantir {

namespace {

constexpr qint64 maxRetryDelayMs = 5 * 60 * 1000;

Error cancelledError()
{
    return makeError(Error::Kind::Cancelled, QStringLiteral("The REDCap request was cancelled."));
}

Error configError(const QString& message)
{
    return makeError(Error::Kind::Config, message);
}

// application/x-www-form-urlencoded: every byte outside A-Z a-z 0-9 - . _ ~ is percent-encoded,
// so '+', '&', '=', '%', '[', ']' and spaces in values and keys arrive unchanged.
QByteArray encodeForm(const QList<QPair<QString, QString>>& fields)
{
    QByteArray body;
    for (const auto& [key, value] : fields) {
        if (!body.isEmpty()) {
            body += '&';
        }
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

QString hostAndPort(const QUrl& url)
{
    const QString host = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
    return url.port() > 0 ? host + u':' + QString::number(url.port()) : host;
}

QString secondsText(int milliseconds)
{
    return QString::number(milliseconds / 1000.0, 'g', 4)
        + (milliseconds == 1000 ? QStringLiteral(" second") : QStringLiteral(" seconds"));
}

QString triesText(int tries)
{
    return tries == 1 ? QStringLiteral("1 try") : QString::number(tries) + QStringLiteral(" tries");
}

// Transport failures with no usable HTTP answer, in words. `retryable` is set for faults that
// another try may not meet (refused, reset, unknown host, temporary failures). `proxy` names the
// proxy the request went through ("host:port"), empty when it went directly.
Error networkError(const TransportReply& reply, const QUrl& url, const QString& proxy, bool* retryable)
{
    const QString where = hostAndPort(url);
    const QString viaProxy = proxy.isEmpty() ? QString() : QStringLiteral(" through the proxy ") + proxy;
    *retryable = true;
    switch (reply.error) {
    case QNetworkReply::ConnectionRefusedError:
        return makeError(Error::Kind::Network,
                         QStringLiteral("Could not connect to REDCap at ") + where + viaProxy
                             + QStringLiteral(": the connection was refused. Check the API URL and that the "
                                              "server is running."));
    case QNetworkReply::RemoteHostClosedError:
        return makeError(
            Error::Kind::Network,
            (reply.receivedBytes() > 0
                 ? QStringLiteral("The REDCap server closed the connection before its answer was complete (")
                     + QString::number(reply.receivedBytes()) + QStringLiteral(" bytes received).")
                 : QStringLiteral("The REDCap server closed the connection without answering."))
                + QStringLiteral(" Check the network; if it happens on large exports, use a smaller "
                                 "batch size."));
    case QNetworkReply::HostNotFoundError:
        return makeError(
            Error::Kind::Network,
            QStringLiteral("The server name ") + url.host()
                + QStringLiteral(" could not be found. Check the API URL and the network connection "
                                 "(DNS)."));
    case QNetworkReply::TimeoutError:
        return makeError(Error::Kind::Timeout,
                         QStringLiteral("The connection to ") + where + viaProxy
                             + QStringLiteral(" timed out. Check the network connection."));
    case QNetworkReply::SslHandshakeFailedError:
        *retryable = false;
        return makeError(
            Error::Kind::Network,
            QStringLiteral("The secure (TLS) connection to ") + where + QStringLiteral(" failed: ")
                + RedcapErrorParser::shorten(reply.tlsProblems.isEmpty()
                                                 ? reply.errorText
                                                 : reply.tlsProblems.join(QStringLiteral("; ")))
                + QStringLiteral(". If the server uses a private certificate authority, set the CA "
                                 "file option to its PEM certificate; otherwise ask the REDCap "
                                 "administrators to renew the certificate."));
    case QNetworkReply::ProxyAuthenticationRequiredError:
        *retryable = false;
        return makeError(Error::Kind::Network,
                         QStringLiteral("The network proxy ") + proxy
                             + QStringLiteral(" requires a login. Put its user name and password into the "
                                              "proxy setting (https_proxy=http://user:password@host:port) or "
                                              "ask the IT department to allow REDCap API traffic."));
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownProxyError:
        return makeError(Error::Kind::Network,
                         QStringLiteral("The network proxy ") + proxy
                             + QStringLiteral(" failed on the request to ") + where + QStringLiteral(" (")
                             + RedcapErrorParser::shorten(reply.errorText)
                             + QStringLiteral("). Check the proxy setting (the system's, or https_proxy and "
                                              "no_proxy) and that the proxy is running."));
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::UnknownServerError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
        return makeError(Error::Kind::Network,
                         QStringLiteral("A network error interrupted the request to ") + where + viaProxy
                             + QStringLiteral(" (") + RedcapErrorParser::shorten(reply.errorText)
                             + QStringLiteral("). Check the network connection."));
    default:
        break;
    }
    *retryable = false;
    return makeError(Error::Kind::Network,
                     QStringLiteral("The request to ") + where + viaProxy + QStringLiteral(" failed (")
                         + RedcapErrorParser::shorten(reply.errorText)
                         + QStringLiteral("). Check the API URL."));
}

// An HTTP answer that is not REDCap data: a redirect, an error status or a broken transfer.
// Returns false (and leaves `error` alone) when the answer is a 2xx that arrived whole.
bool judgeAnswer(const TransportReply& reply, const QUrl& url, const QString& proxy, Error* error,
                 bool* retryable)
{
    const int status = reply.status;
    if (status >= 300 && status <= 399 && !reply.location.isEmpty()) {
        const QUrl target = url.resolved(QUrl::fromEncoded(reply.location));
        *error = makeError(
            Error::Kind::Http,
            QStringLiteral("The server redirected the API request (") + QString::number(status)
                + QStringLiteral(") to ")
                + RedcapErrorParser::shorten(
                    target.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment),
                    200)
                + QStringLiteral(". Enter that address as the API URL (it must end with /api/)."));
        return true;
    }
    if (status > 0 && (status < 200 || status > 299)) {
        *error = RedcapErrorParser::parse(status, reply.body, reply.contentType);
        *retryable = RedcapErrorParser::isRetryableStatus(status);
        return true;
    }
    const bool success = status >= 200 && status <= 299;
    if (reply.error == QNetworkReply::ProtocolFailure && success) {
        // The answer began but broke the rules of HTTP (a streamed answer is checked as it is read).
        *error = makeError(Error::Kind::Response,
                           reply.errorText
                               + (proxy.isEmpty() ? QStringLiteral(" Check the REDCap server.")
                                                  : QStringLiteral(" Check the REDCap server and the proxy ")
                                          + proxy + QStringLiteral(" in front of it.")));
        return true;
    }
    if (reply.error != QNetworkReply::NoError && success) {
        // The answer began but its transfer broke off: worth another try.
        *retryable = true;
        *error = makeError(Error::Kind::Response,
                           QStringLiteral("REDCap's answer was cut off: the connection closed after ")
                               + QString::number(reply.receivedBytes())
                               + (reply.expectedLength > 0
                                      ? QStringLiteral(" of ") + QString::number(reply.expectedLength)
                                      : QString())
                               + QStringLiteral(" bytes. Check the network; if it happens on large exports, "
                                                "use a smaller batch size."));
        return true;
    }
    return false;
}

} // namespace

// One HTTP try: REDCap's body when `error` is None.
struct RedcapClient::Exchange
{
    Error error;
    bool retryable = false;
    bool timedOut = false;
    QByteArray body;
};

RedcapClient::RedcapClient(RedcapClientOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_network(new QNetworkAccessManager(this))
{
    // A redirect would turn the POST into a GET (losing the export request) or carry the token to
    // another address: it is reported instead of followed.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

RedcapClient::~RedcapClient() = default;

// The rules are FieldRules'; the sentences are for a person who reads a sync error.
Result<void> RedcapClient::validateUrl(const QUrl& url, bool allowInsecureHttp)
{
    using FieldRules::Problem;
    const QString example = QStringLiteral(" (for example https://redcap.example.org/api/)");
    switch (FieldRules::apiUrl(url, allowInsecureHttp)) {
    case Problem::None:
        return {};
    case Problem::Empty:
        return configError(
            QStringLiteral("The REDCap API URL is empty. Enter the address of the REDCap server's API")
            + example + u'.');
    case Problem::UrlNotHttp:
        return configError(QStringLiteral("The REDCap API URL must start with https://") + example + u'.');
    case Problem::UrlNoHost:
        return configError(QStringLiteral("The REDCap API URL has no server name. Enter it in full") + example
                           + u'.');
    case Problem::UrlUserInfo:
        return configError(
            QStringLiteral("The REDCap API URL must not contain a user name or password; REDCap's API "
                           "only needs the API token. Remove the part before '@'."));
    case Problem::UrlQueryOrFragment:
        return configError(
            QStringLiteral("The REDCap API URL must not contain a query ('?...') or fragment "
                           "('#...'); the token and export settings are sent in the request body. "
                           "Remove everything after /api/."));
    case Problem::UrlNotApiPath: {
        const bool missingSlash = url.path().endsWith(QLatin1String("/api"));
        return configError(QStringLiteral("The REDCap API URL must end with /api/") + example
                           + (missingSlash ? QStringLiteral("; add the final '/'.")
                                           : QStringLiteral(". Copy it from the project's API page.")));
    }
    case Problem::UrlInsecureHttp:
        return configError(QStringLiteral("The REDCap API URL uses http://, which would send the API token "
                                          "unencrypted to ")
                           + url.host()
                           + QStringLiteral(". Use https:// (allow insecure HTTP only for a test server on a "
                                            "trusted network)."));
    default:
        return configError(QStringLiteral("The REDCap API URL is not a valid web address. Enter it in full")
                           + example + u'.');
    }
}

Result<void> RedcapClient::validateToken(const QString& token)
{
    using FieldRules::Problem;
    const QString copyHint = QStringLiteral(" Copy it again from the REDCap project's API page.");
    switch (FieldRules::token(token)) {
    case Problem::None:
        return {};
    case Problem::Empty:
        return configError(
            QStringLiteral("The REDCap API token is empty. Copy it from the REDCap project's API page "
                           "(it has 32 characters)."));
    case Problem::TokenSpaces:
        return configError(QStringLiteral("The REDCap API token starts or ends with spaces or a line break; "
                                          "remove them."));
    case Problem::TokenLength:
        return configError(
            QStringLiteral("The REDCap API token must be 32 characters long (0-9 and A-F), but the "
                           "one given has ")
            + QString::number(token.size()) + QStringLiteral(".") + copyHint);
    default:
        return configError(QStringLiteral("The REDCap API token may contain only the characters 0-9 and A-F, "
                                          "but the one given has others.")
                           + copyHint);
    }
}

Result<QString> RedcapClient::exportVersion()
{
    Result<QByteArray> body = post(QStringLiteral("version"), {});
    if (!body) {
        return body.error();
    }
    Result<QString> version = RedcapResponse::parseVersion(body.value());
    if (!version) {
        return scrubbed(version.error());
    }
    return version;
}

Result<QStringList> RedcapClient::exportFieldNames()
{
    Result<QByteArray> body = post(QStringLiteral("metadata"), {});
    if (!body) {
        return body.error();
    }
    Result<QStringList> names = RedcapResponse::parseFieldNames(body.value());
    if (!names) {
        return scrubbed(names.error());
    }
    return names;
}

Result<RecordIdList> RedcapClient::exportRecordIds(const QString& recordIdField, const QDateTime& begin,
                                                   const QDateTime& end)
{
    if (recordIdField.trimmed().isEmpty()) {
        return configError(
            QStringLiteral("No record ID field was given for the export. Set the record ID field "
                           "(the first field of the project's data dictionary)."));
    }
    if (begin.isValid() && end.isValid() && begin > end) {
        return configError(QStringLiteral("The export date range begins (") + begin.toString(Qt::ISODate)
                           + QStringLiteral(") after it ends (") + end.toString(Qt::ISODate)
                           + QStringLiteral("). Check the computer's clock."));
    }
    FormFields fields {
        { QStringLiteral("type"), QStringLiteral("flat") },
        { QStringLiteral("rawOrLabel"), QStringLiteral("raw") },
        { QStringLiteral("fields[0]"), recordIdField },
    };
    const QList<QPair<QString, QDateTime>> range {
        { QStringLiteral("dateRangeBegin"), begin },
        { QStringLiteral("dateRangeEnd"), end },
    };
    for (const auto& [name, when] : range) {
        if (!when.isValid()) {
            continue;
        }
        Result<QString> text = serverTime(when);
        if (!text) {
            return text.error();
        }
        fields.append({ name, text.value() });
    }

    // Streamed: the answer lists every row of every record touched, which for a full export is
    // the size of the project; only the ids are kept.
    RecordIdScanner scanner(recordIdField);
    Result<QByteArray> body = post(QStringLiteral("record"), fields, &scanner);
    if (!body) {
        return body.error();
    }
    Result<RecordIdList> ids = scanner.finish();
    if (!ids) {
        return scrubbed(ids.error());
    }
    qCDebug(lcRedcap) << scanner.rowCount() << "rows listed" << ids.value().size() << "records";
    return ids;
}

Result<QJsonArray> RedcapClient::exportRecords(const QStringList& recordIds, const QStringList& fields)
{
    Result<QByteArray> answer = exportRecordsAnswer(recordIds, fields);
    if (!answer) {
        return answer.error();
    }
    return recordsOf(std::move(answer).value());
}

Result<QByteArray> RedcapClient::exportRecordsAnswer(const QStringList& recordIds, const QStringList& fields)
{
    if (recordIds.isEmpty()) {
        // Without records[] REDCap exports the whole project: never the intent of an empty batch.
        return QByteArrayLiteral("[]");
    }
    FormFields form {
        { QStringLiteral("type"), QStringLiteral("flat") },
        { QStringLiteral("rawOrLabel"), QStringLiteral("raw") },
    };
    form.reserve(form.size() + recordIds.size() + fields.size());
    for (qsizetype i = 0; i < fields.size(); ++i) {
        form.append({ QStringLiteral("fields[") + QString::number(i) + u']', fields.at(i) });
    }
    for (qsizetype i = 0; i < recordIds.size(); ++i) {
        form.append({ QStringLiteral("records[") + QString::number(i) + u']', recordIds.at(i) });
    }
    return post(QStringLiteral("record"), form);
}

Result<QJsonArray> RedcapClient::recordsOf(QByteArray answer) const
{
    Result<QJsonArray> rows = RedcapResponse::parseRecords(std::move(answer));
    if (!rows) {
        return scrubbed(rows.error());
    }
    return rows;
}

void RedcapClient::cancel()
{
    m_cancelled.store(true);
    // interrupt() runs in the client's thread, inside whichever local loop is waiting there.
    QMetaObject::invokeMethod(
        this, [this] { interrupt(); }, Qt::QueuedConnection);
}

void RedcapClient::resetCancel()
{
    m_cancelled.store(false);
}

bool RedcapClient::isCancelled() const
{
    return m_cancelled.load();
}

int RedcapClient::requestCount() const
{
    return m_requestCount.loadRelaxed();
}

void RedcapClient::resetRequestCount()
{
    m_requestCount.storeRelaxed(0);
}

void RedcapClient::interrupt()
{
    // A cancel withdrawn (resetCancel) before this queued call ran must not hit a later request.
    if (!m_cancelled.load()) {
        return;
    }
    if (m_activeTransport) {
        m_activeTransport->abort();
    }
    if (m_activeLoop) {
        m_activeLoop->quit();
    }
}

Result<void> RedcapClient::checkCallable() const
{
    if (QThread::currentThread() != thread()) {
        return configError(QStringLiteral("The REDCap client was called from a thread it does not belong to; "
                                          "create it in the sync thread that uses it."));
    }
    const QCoreApplication* app = QCoreApplication::instance();
    if (app && app->inherits("QGuiApplication") && QThread::currentThread() == app->thread()) {
        return configError(
            QStringLiteral("The REDCap client must not run in the GUI thread (the window would "
                           "freeze during exports); run it in the sync thread."));
    }
    return {};
}

Result<void> RedcapClient::prepareTls()
{
    if (m_options.apiUrl.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0
        || m_tlsPrepared) {
        return {};
    }
#if QT_CONFIG(ssl)
    if (!QSslSocket::supportsSsl()) {
        return makeError(
            Error::Kind::Network,
            QStringLiteral("Secure connections (TLS) are not available on this computer: the OpenSSL "
                           "library could not be loaded. Install OpenSSL."));
    }
    if (!m_options.caFile.isEmpty()) {
        QFile file(m_options.caFile);
        if (!file.exists()) {
            return configError(QStringLiteral("The CA certificate file ") + m_options.caFile
                               + QStringLiteral(" does not exist. Check the CA file setting."));
        }
        if (!file.open(QIODevice::ReadOnly)) {
            return configError(QStringLiteral("The CA certificate file ") + m_options.caFile
                               + QStringLiteral(" could not be read (") + file.errorString()
                               + QStringLiteral("). Check its permissions."));
        }
        const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (certificates.isEmpty()) {
            return configError(
                QStringLiteral("The CA certificate file ") + m_options.caFile
                + QStringLiteral(" holds no PEM certificate (text blocks starting with "
                                 "-----BEGIN CERTIFICATE-----). Export the CA certificate in PEM "
                                 "format."));
        }
        m_extraCaCertificates = certificates;
    }
    m_tlsPrepared = true;
    return {};
#else
    return makeError(Error::Kind::Network,
                     QStringLiteral("This build of Lantir cannot make secure (https) connections."));
#endif
}

Result<QString> RedcapClient::serverTime(const QDateTime& when) const
{
    QDateTime converted;
    if (m_options.serverTimeZone.isEmpty()) {
        converted = when.toLocalTime();
    } else {
        const QTimeZone zone(m_options.serverTimeZone);
        if (!zone.isValid()) {
            return configError(
                QStringLiteral("The REDCap server time zone \"")
                + RedcapErrorParser::shorten(QString::fromUtf8(m_options.serverTimeZone), 60)
                + QStringLiteral("\" is not a known time zone. Use an IANA name such as "
                                 "Europe/Berlin or America/Chicago, or leave it empty for this "
                                 "computer's zone."));
        }
        converted = when.toTimeZone(zone);
    }
    return converted.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

Result<QByteArray> RedcapClient::post(const QString& content, const FormFields& fields,
                                      RecordIdScanner* stream)
{
    if (Result<void> callable = checkCallable(); !callable) {
        return callable.error();
    }
    if (m_cancelled.load()) {
        return cancelledError();
    }
    if (Result<void> url = validateUrl(m_options.apiUrl, m_options.allowInsecureHttp); !url) {
        return scrubbed(url.error());
    }
    if (Result<void> token = validateToken(m_options.token); !token) {
        return token.error();
    }
    if (Result<void> tls = prepareTls(); !tls) {
        return scrubbed(tls.error());
    }

    FormFields form {
        { QStringLiteral("token"), m_options.token },
        { QStringLiteral("content"), content },
        { QStringLiteral("format"), QStringLiteral("json") },
        { QStringLiteral("returnFormat"), QStringLiteral("json") },
    };
    form.append(fields);
    const QByteArray body = encodeForm(form);
    form.clear();

    const int maxTries = qMax(1, m_options.maxTries);
    Exchange last;
    int tries = 0;
    for (int tryNumber = 1; tryNumber <= maxTries; ++tryNumber) {
        tries = tryNumber;
        last = sendOnce(content, body, tryNumber, stream);
        if (m_cancelled.load()) {
            return cancelledError();
        }
        if (!last.error.isError()) {
            return std::move(last.body);
        }
        last.body = QByteArray();
        if (!last.retryable || tryNumber == maxTries) {
            break;
        }
        const qint64 delay = qMin<qint64>(
            maxRetryDelayMs, qint64(qMax(0, m_options.retryBaseDelayMs)) << qMin(tryNumber - 1, 20));
        qCWarning(lcRedcap).noquote()
            << QStringLiteral("content=%1: %2 Trying again in %3 ms (try %4 of %5).")
                   .arg(content, scrubbed(last.error.message))
                   .arg(delay)
                   .arg(tryNumber + 1)
                   .arg(maxTries);
        if (!pause(int(delay))) {
            return cancelledError();
        }
    }

    Error error = last.error;
    if (last.timedOut) {
        error.message = QStringLiteral("REDCap did not send a complete answer within ")
            + secondsText(m_options.timeoutMs) + QStringLiteral(" (gave up after ") + triesText(tries)
            + QStringLiteral("). Check the network connection and the server; for very large exports use a "
                             "smaller batch size or a longer request timeout.");
    } else if (tries > 1) {
        error.message += QStringLiteral(" Gave up after ") + triesText(tries) + u'.';
    }
    error = scrubbed(error);
    qCDebug(lcRedcap).noquote() << QStringLiteral("content=%1 failed: %2").arg(content, error.message);
    return error;
}

TransportRequest RedcapClient::makeRequest(const QByteArray& body) const
{
    TransportRequest request;
    request.url = m_options.apiUrl;
    request.body = body;
    request.headers = {
        { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded") },
        { QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Lantir/" LANTIR_VERSION) },
        { QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json") },
    };
#if QT_CONFIG(ssl)
    // Certificate errors are never ignored; a private CA is trusted only through caFile. Built for
    // https only: the default configuration loads the TLS library (OpenSSL, some 4 MB resident).
    // (Even a default-constructed QSslConfiguration loads it: hence the optional.)
    if (request.url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0) {
        request.tls = QSslConfiguration::defaultConfiguration();
        if (!m_extraCaCertificates.isEmpty()) {
            request.tls->addCaCertificates(m_extraCaCertificates);
        }
    }
#endif
    // One decision for both transports, so the record id export and the batch exports always take
    // the same way to REDCap.
    request.proxy = proxyForUrl(request.url);
    request.timeoutMs = m_options.timeoutMs;
    return request;
}

RedcapClient::Exchange RedcapClient::sendOnce(const QString& content, const QByteArray& body, int tryNumber,
                                              RecordIdScanner* stream)
{
    if (stream) {
        stream->reset();
    }
    const TransportRequest request = makeRequest(body);
    const QString proxy = proxyText(request.proxy);
    // The record id export's answer lists every row of every record touched (for a full sync, the
    // whole project): it is streamed to the scanner. Every other answer is read whole.
    std::unique_ptr<RedcapTransport> transport;
    if (stream) {
        transport = std::make_unique<StreamingTransport>(
            [stream](const char* data, qsizetype size) { stream->feed(data, size); });
    } else {
        transport = std::make_unique<BufferedTransport>(m_network);
    }

    QElapsedTimer elapsed;
    elapsed.start();
    m_requestCount.fetchAndAddRelaxed(1);
    m_activeTransport = transport.get();
    TransportReply reply = transport->send(request, m_cancelled);
    m_activeTransport = nullptr;
    const qint64 ms = elapsed.elapsed();

    const QString outcome = m_cancelled.load() ? QStringLiteral("cancelled")
        : reply.timedOut                       ? QStringLiteral("timed out")
        : reply.status > 0                     ? QStringLiteral("HTTP ") + QString::number(reply.status)
                                               : QStringLiteral("network error %1").arg(int(reply.error));
    qCDebug(lcRedcap).noquote()
        << QStringLiteral("content=%1: %2, %3 bytes received in %4 ms (%5 bytes sent, try %6 of %7%8)")
               .arg(content, outcome)
               .arg(reply.receivedBytes())
               .arg(ms)
               .arg(body.size())
               .arg(tryNumber)
               .arg(qMax(1, m_options.maxTries))
               .arg(proxy.isEmpty() ? QString() : QStringLiteral(", through the proxy ") + proxy);
    return judge(reply, proxy);
}

RedcapClient::Exchange RedcapClient::judge(TransportReply& reply, const QString& proxy) const
{
    Exchange exchange;
    if (m_cancelled.load()) {
        exchange.error = cancelledError();
        return exchange;
    }
    if (reply.timedOut) {
        exchange.timedOut = true;
        exchange.retryable = true;
        exchange.error = makeError(Error::Kind::Timeout,
                                   QStringLiteral("REDCap did not send a complete answer within ")
                                       + secondsText(m_options.timeoutMs) + u'.');
        return exchange;
    }
    if (judgeAnswer(reply, m_options.apiUrl, proxy, &exchange.error, &exchange.retryable)) {
        return exchange;
    }
    if (reply.error != QNetworkReply::NoError) { // No HTTP answer at all.
        exchange.error = networkError(reply, m_options.apiUrl, proxy, &exchange.retryable);
        return exchange;
    }
    if (!reply.streamed) { // a streamed answer is checked by its scanner
        exchange.error = RedcapErrorParser::parse(reply.status, reply.body, reply.contentType);
        exchange.body = std::move(reply.body);
    }
    return exchange;
}

bool RedcapClient::pause(int milliseconds)
{
    if (m_cancelled.load()) {
        return false;
    }
    if (milliseconds <= 0) {
        return true;
    }
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    m_activeLoop = &loop;
    timer.start(milliseconds);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    m_activeLoop = nullptr;
    return !m_cancelled.load();
}

QString RedcapClient::scrubbed(QString text) const
{
    if (m_options.token.size() >= 8) {
        text.replace(m_options.token, QStringLiteral("[token]"), Qt::CaseInsensitive);
    }
    return text;
}

Error RedcapClient::scrubbed(Error error) const
{
    error.message = scrubbed(std::move(error.message));
    return error;
}

} // namespace Lantir
