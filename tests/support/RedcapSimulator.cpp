#include "RedcapSimulator.h"

#include "BlockingCall.h"
#include "HttpServer.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QThread>

#include <limits>

namespace Lantir::Test {

Q_LOGGING_CATEGORY(lcSimulator, "lantir.test.simulator")

namespace {

const QByteArray kJsonType = QByteArrayLiteral("application/json; charset=utf-8");
const QByteArray kHtmlType = QByteArrayLiteral("text/html; charset=UTF-8");
const QByteArray kApiPath = QByteArrayLiteral("/api/");

QString decodeFormComponent(QByteArray bytes)
{
    bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

// Strict `YYYY-MM-DD HH:MM:SS` in `zone`, as REDCap reads dateRangeBegin/End.
std::optional<qint64> parseServerTime(const QString& text, const QTimeZone& zone)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() != 19 || trimmed.at(10) != QLatin1Char(' '))
        return std::nullopt;
    const QDate date = QDate::fromString(trimmed.left(10), QStringLiteral("yyyy-MM-dd"));
    const QTime time = QTime::fromString(trimmed.mid(11), QStringLiteral("HH:mm:ss"));
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QDateTime when(date, time, zone);
    if (!when.isValid())
        return std::nullopt;
    return when.toSecsSinceEpoch();
}

QString statusMessage(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("The request was invalid");
    case 401:
        return QStringLiteral("API token was missing or incorrect");
    case 403:
        return QStringLiteral("You do not have permissions to use the API");
    case 404:
        return QStringLiteral("The URI you requested is invalid or the resource does not exist.");
    case 406:
        return QStringLiteral("The data being imported was formatted incorrectly");
    case 408:
        return QStringLiteral("The request took too long to complete");
    case 429:
        return QStringLiteral("The maximum number of API requests per minute has been exceeded");
    case 500:
        return QStringLiteral("The server encountered an error processing your request.");
    case 501:
        return QStringLiteral("The requested method is not implemented.");
    case 503:
        return QStringLiteral("REDCap is currently offline for maintenance");
    default:
        return QStringLiteral("The server answered with HTTP status %1").arg(status);
    }
}

} // namespace

// The decoded form body: scalars (last one wins, as in PHP) and arrays (`name[i]=` or `name=a,b`).
struct RedcapSimulator::Params
{
    QList<QPair<QString, QString>> items;

    static Params parse(const QByteArray& body)
    {
        Params params;
        const QList<QByteArray> parts = body.split('&');
        for (const QByteArray& part : parts) {
            if (part.isEmpty())
                continue;
            const qsizetype eq = part.indexOf('=');
            const QByteArray key = eq < 0 ? part : part.left(eq);
            const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1);
            params.items.append({ decodeFormComponent(key), decodeFormComponent(value) });
        }
        return params;
    }

    QString value(const QString& key) const
    {
        for (auto it = items.crbegin(); it != items.crend(); ++it) {
            if (it->first == key)
                return it->second;
        }
        return {};
    }

    QStringList list(const QString& key) const
    {
        QStringList values;
        const QString prefix = key + QLatin1Char('[');
        for (const auto& item : items) {
            if (item.first.startsWith(prefix) && item.first.endsWith(QLatin1Char(']'))) {
                values.append(item.second);
            } else if (item.first == key) {
                const QStringList split = item.second.split(QLatin1Char(','), Qt::SkipEmptyParts);
                for (const QString& s : split)
                    values.append(s.trimmed());
            }
        }
        values.removeAll(QString());
        return values;
    }

    QUrlQuery toQuery() const
    {
        QUrlQuery query;
        for (const auto& item : items) {
            // QUrlQuery keeps items percent-encoded; encode what would split or confuse an item.
            query.addQueryItem(QString::fromUtf8(QUrl::toPercentEncoding(item.first, "[]")),
                               QString::fromUtf8(QUrl::toPercentEncoding(item.second, " :/,")));
        }
        return query;
    }
};

RedcapSimulator::RedcapSimulator(QObject* parent)
    : QObject(parent)
    , m_token(defaultToken())
    , m_zone(QTimeZone::systemTimeZone())
{
    m_project.generate(SimulatorProject(), nowMs());
}

RedcapSimulator::~RedcapSimulator()
{
    // Destroyed in the simulator's thread after other threads have used it: taking the lock
    // orders everything they did (under it) before the members go.
    QMutexLocker lock(&m_mutex);
}

QString RedcapSimulator::defaultToken()
{
    return QStringLiteral("5A1D0C3E9B7F42D6A8E1C4B7F0D3A6E9");
}

void RedcapSimulator::setToken(const QString& token)
{
    QMutexLocker lock(&m_mutex);
    m_token = token;
}

void RedcapSimulator::generate(const SimulatorProject& project)
{
    const qint64 now = nowMs();
    QMutexLocker lock(&m_mutex);
    m_project.generate(project, now);
}

bool RedcapSimulator::listen(quint16 port)
{
    if (QThread::currentThread() != thread() && thread() && thread()->isRunning()) {
        bool ok = false;
        BlockingCall::run(this, [this, port, &ok] { ok = listenHere(port); });
        return ok;
    }
    return listenHere(port);
}

bool RedcapSimulator::listenHere(quint16 port)
{
    if (!m_server) {
        m_server = new HttpServer(this);
        m_server->setHandler([this](const HttpRequest& request) { return handle(request); });
    }
    if (m_server->isListening())
        m_server->close();
    {
        QMutexLocker lock(&m_mutex);
        m_server->setTls(m_tlsCertificate, m_tlsKey);
        m_tls = !m_tlsCertificate.isNull() && !m_tlsKey.isNull();
    }
    const bool ok = m_server->listen(QHostAddress::LocalHost, port);
    QMutexLocker lock(&m_mutex);
    m_port = ok ? m_server->serverPort() : 0;
    m_errorString = ok ? QString() : m_server->errorString();
    return ok;
}

void RedcapSimulator::close()
{
    if (QThread::currentThread() != thread() && thread() && thread()->isRunning()) {
        BlockingCall::run(this, [this] { closeHere(); });
        return;
    }
    closeHere();
}

void RedcapSimulator::closeHere()
{
    if (m_server)
        m_server->close();
    QMutexLocker lock(&m_mutex);
    m_port = 0;
}

quint16 RedcapSimulator::port() const
{
    QMutexLocker lock(&m_mutex);
    return m_port;
}

QUrl RedcapSimulator::apiUrl() const
{
    QMutexLocker lock(&m_mutex);
    return QUrl(
        (m_tls ? QStringLiteral("https://127.0.0.1:%1/api/") : QStringLiteral("http://127.0.0.1:%1/api/"))
            .arg(m_port));
}

void RedcapSimulator::setTls(const QSslCertificate& certificate, const QSslKey& key)
{
    QMutexLocker lock(&m_mutex);
    m_tlsCertificate = certificate;
    m_tlsKey = key;
}

QString RedcapSimulator::errorString() const
{
    QMutexLocker lock(&m_mutex);
    return m_errorString;
}

void RedcapSimulator::injectFault(Fault fault, int count, const QString& content, int param)
{
    if (count <= 0)
        return;
    QMutexLocker lock(&m_mutex);
    m_faults.push_back({ fault, count, content, param });
}

void RedcapSimulator::clearFaults()
{
    QMutexLocker lock(&m_mutex);
    m_faults.clear();
}

int RedcapSimulator::pendingFaults() const
{
    QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const FaultEntry& f : m_faults)
        n += f.remaining;
    return n;
}

void RedcapSimulator::setValue(const QString& recordId, const QString& repeatInstrument, int repeatInstance,
                               const QString& field, const QString& value)
{
    const qint64 now = nowMs();
    QString error;
    QMutexLocker lock(&m_mutex);
    if (!m_project.setValue(recordId, repeatInstrument, repeatInstance, field, value, now, &error))
        qCWarning(lcSimulator).noquote() << "setValue ignored:" << error;
}

void RedcapSimulator::removeRecord(const QString& recordId)
{
    QMutexLocker lock(&m_mutex);
    m_project.removeRecord(recordId);
}

void RedcapSimulator::removeRow(const QString& recordId, const QString& repeatInstrument, int repeatInstance)
{
    const qint64 now = nowMs();
    QMutexLocker lock(&m_mutex);
    m_project.removeRow(recordId, repeatInstrument, repeatInstance, now);
}

void RedcapSimulator::removeField(const QString& field)
{
    QMutexLocker lock(&m_mutex);
    if (field.isEmpty())
        m_removedFields.clear();
    else if (!m_removedFields.contains(field))
        m_removedFields.append(field);
}

void RedcapSimulator::setServerTimeZone(const QTimeZone& zone)
{
    QMutexLocker lock(&m_mutex);
    m_zone = zone.isValid() ? zone : QTimeZone::systemTimeZone();
}

QTimeZone RedcapSimulator::serverTimeZone() const
{
    QMutexLocker lock(&m_mutex);
    return m_zone;
}

void RedcapSimulator::setModifiedAt(const QString& recordId, const QDateTime& when)
{
    QMutexLocker lock(&m_mutex);
    if (!m_project.setModifiedAt(recordId, when.toMSecsSinceEpoch()))
        qCWarning(lcSimulator).noquote() << "setModifiedAt: no record" << recordId;
}

QDateTime RedcapSimulator::modifiedAt(const QString& recordId) const
{
    QMutexLocker lock(&m_mutex);
    const std::optional<qint64> ms = m_project.modifiedAt(recordId);
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms, m_zone) : QDateTime();
}

int RedcapSimulator::recordCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_project.recordCount();
}

QStringList RedcapSimulator::exportColumnNames() const
{
    QMutexLocker lock(&m_mutex);
    return m_project.exportColumnNames();
}

QJsonArray RedcapSimulator::exportAll() const
{
    QMutexLocker lock(&m_mutex);
    return m_project.exportAll();
}

void RedcapSimulator::setChurn(int records)
{
    QMutexLocker lock(&m_mutex);
    m_churn = std::max(0, records);
}

void RedcapSimulator::setCycleChurn(int changes, quint32 seed)
{
    QMutexLocker lock(&m_mutex);
    m_cycleChanges = std::max(0, changes);
    if (m_cycleChanges == 0)
        return;
    if (!m_cycleChurn || seed != m_cycleChurnSeed) {
        m_cycleChurn = std::make_unique<RecordChurn>(seed);
        m_cycleChurnSeed = seed;
    }
    m_cycleChurnStarted = false;
}

RecordChurn::Stats RedcapSimulator::cycleChurnStats() const
{
    QMutexLocker lock(&m_mutex);
    return m_cycleChurn ? m_cycleChurn->stats() : RecordChurn::Stats();
}

SimulatorTruth RedcapSimulator::truth() const
{
    QMutexLocker lock(&m_mutex);
    return SimulatorTruth { m_project.exportAll(), m_cycleChurn ? m_cycleChurn->retired() : QJsonArray() };
}

int RedcapSimulator::requestCount(const QString& content) const
{
    QMutexLocker lock(&m_mutex);
    return content.isEmpty() ? m_total : m_counts.value(content);
}

QList<QUrlQuery> RedcapSimulator::requestLog() const
{
    QMutexLocker lock(&m_mutex);
    return m_log;
}

void RedcapSimulator::setRequestLogLimit(int entries)
{
    QMutexLocker lock(&m_mutex);
    m_logLimit = std::max(0, entries);
    while (m_log.size() > m_logLimit)
        m_log.removeFirst();
}

void RedcapSimulator::resetRequestLog()
{
    QMutexLocker lock(&m_mutex);
    m_log.clear();
    m_counts.clear();
    m_total = 0;
}

qint64 RedcapSimulator::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

HttpResponse RedcapSimulator::jsonError(int status, const QString& message)
{
    HttpResponse response;
    response.status = status;
    response.contentType = kJsonType;
    QJsonObject object;
    object.insert(QStringLiteral("error"), message);
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse RedcapSimulator::htmlPage(int status, const QByteArray& title, const QByteArray& text)
{
    HttpResponse response;
    response.status = status;
    response.contentType = kHtmlType;
    response.body = QByteArrayLiteral("<!DOCTYPE html>\n<html><head><title>") + title
        + QByteArrayLiteral("</title></head>\n<body><h1>") + title + QByteArrayLiteral("</h1>\n<p>") + text
        + QByteArrayLiteral("</p>\n<hr><address>Apache Server at 127.0.0.1</address>\n</body></html>\n");
    return response;
}

HttpResponse RedcapSimulator::handle(const HttpRequest& request)
{
    QElapsedTimer timer;
    timer.start();
    Params params;
    const bool formPost = request.method == "POST"
        && request.header("content-type").toLower().startsWith("application/x-www-form-urlencoded");
    if (formPost)
        params = Params::parse(request.body);
    const QString content = params.value(QStringLiteral("content"));
    const bool api = request.path == kApiPath;

    FaultEntry fault { Fault::None, 0, {}, 0 };
    {
        QMutexLocker lock(&m_mutex);
        ++m_total;
        ++m_counts[content];
        if (m_logLimit > 0) {
            m_log.append(params.toQuery());
            while (m_log.size() > m_logLimit)
                m_log.removeFirst();
        }
        if (api) {
            for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
                if (it->content.isEmpty() || it->content == content) {
                    fault = *it;
                    if (--it->remaining <= 0)
                        m_faults.erase(it);
                    break;
                }
            }
        }
    }

    HttpResponse response;
    if (!api) {
        response = htmlPage(404, "Not Found", "The requested URL was not found on this server.");
    } else {
        response = applyFault(fault, params);
    }
    const int status = response.status;
    response.onFinished = [this, content, status, timer](qint64 bytes) {
        Q_EMIT requestServed(content, status, bytes, timer.nsecsElapsed() / 1000);
    };
    return response;
}

HttpResponse RedcapSimulator::applyFault(const FaultEntry& fault, const Params& params)
{
    switch (fault.fault) {
    case Fault::None:
        return route(params);
    case Fault::Delay: {
        HttpResponse response = route(params);
        response.delayMs = fault.param > 0 ? fault.param : 1000;
        return response;
    }
    case Fault::Stall: {
        HttpResponse response = route(params);
        response.delivery = HttpResponse::Delivery::Stall;
        response.stallMs = fault.param > 0 ? fault.param : 30000;
        return response;
    }
    case Fault::TruncatedBody: {
        HttpResponse response = route(params);
        response.delivery = HttpResponse::Delivery::Truncated;
        return response;
    }
    case Fault::Status: {
        const int status = fault.param >= 100 && fault.param <= 599 ? fault.param : 500;
        if (status >= 502 && status <= 504) {
            const QByteArray reason = HttpServer::reasonPhrase(status);
            return htmlPage(
                status, QByteArray::number(status) + ' ' + reason,
                "The proxy server could not handle the request. Reason: error reading from remote server");
        }
        return jsonError(status, statusMessage(status));
    }
    case Fault::HtmlPage: {
        const int status = fault.param >= 100 && fault.param <= 599 ? fault.param : 200;
        if (status == 200)
            return htmlPage(200, "REDCap",
                            "REDCap is currently offline for maintenance. Please try again later.");
        return htmlPage(status, QByteArray::number(status) + ' ' + HttpServer::reasonPhrase(status),
                        "The proxy server received an invalid response from an upstream server.");
    }
    case Fault::MalformedJson: {
        HttpResponse response;
        response.contentType = kJsonType;
        response.body = QByteArrayLiteral(
            "[{\"record_id\": \"1\", \"redcap_repeat_instrument\": \"\", \"redcap_repeat_instance\": \"\", "
            "\"study_id\": \"CPIP-00");
        return response;
    }
    case Fault::ObjectInsteadOfList: {
        HttpResponse response;
        response.contentType = kJsonType;
        response.body = QByteArrayLiteral("{\"record_id\":\"1\"}");
        return response;
    }
    case Fault::EmptyBody: {
        HttpResponse response;
        response.contentType = kJsonType;
        return response;
    }
    case Fault::ResetConnection: {
        HttpResponse response;
        response.delivery = HttpResponse::Delivery::Reset;
        return response;
    }
    case Fault::WrongTypes: {
        QJsonArray rows;
        {
            QMutexLocker lock(&m_mutex);
            rows = m_project.exportAll(2);
        }
        QJsonArray broken;
        for (const QJsonValue& row : qAsConst(rows)) {
            const QJsonObject object = row.toObject();
            QJsonObject wrong;
            int i = 0;
            for (auto it = object.constBegin(); it != object.constEnd(); ++it, ++i) {
                if (i % 2 == 0)
                    wrong.insert(it.key(), QJsonArray { it.value() });
                else
                    wrong.insert(it.key(), QJsonObject { { QStringLiteral("value"), it.value() } });
            }
            if (wrong.isEmpty())
                wrong.insert(QStringLiteral("record_id"), QJsonArray { QStringLiteral("1") });
            broken.append(wrong);
        }
        if (broken.isEmpty())
            broken.append(
                QJsonObject { { QStringLiteral("record_id"), QJsonArray { QStringLiteral("1") } } });
        HttpResponse response;
        response.contentType = kJsonType;
        response.body = QJsonDocument(broken).toJson(QJsonDocument::Compact);
        return response;
    }
    case Fault::Trickle: {
        HttpResponse response = route(params);
        response.delivery = HttpResponse::Delivery::Trickle;
        response.trickleBytes = 64;
        response.trickleIntervalMs = fault.param > 0 ? fault.param : 50;
        return response;
    }
    case Fault::MissingRecordRows:
    case Fault::ForeignRecordRows:
    case Fault::DuplicateRows:
    case Fault::UnknownFields:
    case Fault::NonUtf8:
        return rewriteRows(params, fault.fault);
    }
    return route(params);
}

// The normal answer, altered as `fault` says. Answers that are not a list of rows (errors,
// version) pass unchanged.
HttpResponse RedcapSimulator::rewriteRows(const Params& params, Fault fault)
{
    HttpResponse response = route(params);
    if (response.status != 200 || params.value(QStringLiteral("content")) != QLatin1String("record"))
        return response;
    QByteArray body = response.stream ? HttpServer::drainStream(response.stream) : response.body;
    response.stream = nullptr;
    if (fault == Fault::NonUtf8) {
        // Inside the first text value: an invalid lead byte, a lone continuation byte, an overlong '/'.
        QByteArray marker = QByteArrayLiteral("\"study_id\":\"");
        if (!body.contains(marker))
            marker = QByteArrayLiteral("\":\"");
        const qsizetype at = body.indexOf(marker);
        if (at >= 0)
            body.insert(at + marker.size(), QByteArrayLiteral("\xff\x80\xc0\xaf"));
        response.body = body;
        return response;
    }
    const QJsonArray rows = QJsonDocument::fromJson(body).array();
    const QString idField = RedcapProject::recordIdField();
    const QStringList requested = params.list(QStringLiteral("records"));
    QJsonArray out;
    switch (fault) {
    case Fault::MissingRecordRows: {
        const QString dropped = requested.value(0);
        for (const QJsonValue& row : rows) {
            if (row.toObject().value(idField).toString() != dropped)
                out.append(row);
        }
        break;
    }
    case Fault::ForeignRecordRows: {
        out = rows;
        QJsonArray all;
        {
            QMutexLocker lock(&m_mutex);
            all = m_project.exportAll();
        }
        QString foreign;
        for (const QJsonValue& row : std::as_const(all)) {
            const QString id = row.toObject().value(idField).toString();
            if (foreign.isEmpty() && !requested.contains(id))
                foreign = id;
            if (!foreign.isEmpty() && id == foreign) {
                // Only the requested fields, as the real export would send them.
                QJsonObject trimmed;
                const QJsonObject object = row.toObject();
                const QJsonObject shape = rows.isEmpty() ? object : rows.first().toObject();
                for (auto it = shape.constBegin(); it != shape.constEnd(); ++it)
                    trimmed.insert(it.key(), object.value(it.key()));
                out.append(trimmed);
            }
        }
        break;
    }
    case Fault::DuplicateRows:
        for (const QJsonValue& row : rows) {
            out.append(row);
            out.append(row);
        }
        break;
    case Fault::UnknownFields:
        for (const QJsonValue& row : rows) {
            QJsonObject object = row.toObject();
            object.insert(QStringLiteral("zz_not_in_project"), QStringLiteral("surprise"));
            object.insert(QStringLiteral("redcap_survey_identifier"), QString());
            object.insert(QStringLiteral("extra_number"), 42);
            out.append(object);
        }
        break;
    default:
        out = rows;
        break;
    }
    response.body = QJsonDocument(out).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse RedcapSimulator::route(const Params& params)
{
    const QString token = params.value(QStringLiteral("token"));
    {
        QMutexLocker lock(&m_mutex);
        if (token.isEmpty() || token != m_token)
            return jsonError(403, QStringLiteral("You do not have permissions to use the API"));
    }
    const QString content = params.value(QStringLiteral("content"));
    if (content == QLatin1String("version")) {
        HttpResponse response;
        response.contentType = kHtmlType;
        response.body = QByteArray(redcapVersion);
        return response;
    }
    if (content == QLatin1String("metadata"))
        return exportMetadata(params);
    if (content == QLatin1String("record"))
        return exportRecords(params);
    return jsonError(400, QStringLiteral("The value of the parameter \"content\" is not valid"));
}

namespace {

std::optional<QString> unsupportedFormat(const QString& format)
{
    if (format == QLatin1String("json"))
        return std::nullopt;
    return QStringLiteral("The simulator answers format=json only (format was '%1'; REDCap's default is xml)")
        .arg(format);
}

} // namespace

HttpResponse RedcapSimulator::exportMetadata(const Params& params)
{
    if (const auto error = unsupportedFormat(params.value(QStringLiteral("format"))))
        return jsonError(400, *error);
    QString error;
    std::optional<QByteArray> body;
    {
        QMutexLocker lock(&m_mutex);
        body = m_project.metadataJson(params.list(QStringLiteral("fields")),
                                      params.list(QStringLiteral("forms")), &error);
    }
    if (!body)
        return jsonError(400, error);
    QStringList removed;
    {
        QMutexLocker lock(&m_mutex);
        removed = m_removedFields;
    }
    if (!removed.isEmpty()) {
        QJsonArray kept;
        const QJsonArray rows = QJsonDocument::fromJson(*body).array();
        for (const QJsonValue& row : rows) {
            if (!removed.contains(row.toObject().value(QLatin1String("field_name")).toString()))
                kept.append(row);
        }
        *body = QJsonDocument(kept).toJson(QJsonDocument::Compact);
    }
    HttpResponse response;
    response.contentType = kJsonType;
    response.body = std::move(*body);
    return response;
}

HttpResponse RedcapSimulator::exportRecords(const Params& params)
{
    if (const auto error = unsupportedFormat(params.value(QStringLiteral("format"))))
        return jsonError(400, *error);
    const QString type = params.value(QStringLiteral("type"));
    if (!type.isEmpty() && type != QLatin1String("flat"))
        return jsonError(400,
                         QStringLiteral("The simulator exports type=flat only (type was '%1')").arg(type));
    const QString rawOrLabel = params.value(QStringLiteral("rawOrLabel"));
    if (!rawOrLabel.isEmpty() && rawOrLabel != QLatin1String("raw"))
        return jsonError(400,
                         QStringLiteral("The simulator exports rawOrLabel=raw only (rawOrLabel was '%1')")
                             .arg(rawOrLabel));
    if (!params.value(QStringLiteral("filterLogic")).trimmed().isEmpty())
        return jsonError(400, QStringLiteral("The simulator does not evaluate filterLogic"));

    const QStringList fields = params.list(QStringLiteral("fields"));
    const QStringList forms = params.list(QStringLiteral("forms"));
    const QStringList events = params.list(QStringLiteral("events"));
    const QString begin = params.value(QStringLiteral("dateRangeBegin")).trimmed();
    const QString end = params.value(QStringLiteral("dateRangeEnd")).trimmed();

    RedcapProject::Selection selection;
    selection.records = params.list(QStringLiteral("records"));
    selection.filterRecords = !selection.records.isEmpty();

    QMutexLocker lock(&m_mutex);
    if (m_project.isLongitudinal()) {
        QStringList invalid;
        for (const QString& event : events) {
            if (event != m_project.eventName())
                invalid.append(QLatin1Char('\'') + event + QLatin1Char('\''));
        }
        if (!invalid.isEmpty())
            return jsonError(
                400,
                QStringLiteral("The following values in the parameter \"events\" are not valid: ")
                    + invalid.join(QStringLiteral(", ")));
    }
    QStringList gone;
    for (const QString& field : fields) {
        if (m_removedFields.contains(field.trimmed()))
            gone.append(QLatin1Char('\'') + field.trimmed() + QLatin1Char('\''));
    }
    if (!gone.isEmpty())
        return jsonError(400,
                         QStringLiteral("The following values in the parameter \"fields\" are not valid: ")
                             + gone.join(QStringLiteral(", ")));
    if (!fields.isEmpty() || !forms.isEmpty()) {
        QString error;
        const std::optional<QVector<int>> columns = m_project.resolveColumns(fields, forms, &error);
        if (!columns)
            return jsonError(400, error);
        selection.allColumns = false;
        selection.columns = *columns;
    }
    const qint64 now = nowMs();
    if (!begin.isEmpty()) {
        const std::optional<qint64> secs = parseServerTime(begin, m_zone);
        if (!secs)
            return jsonError(400,
                             QStringLiteral("The value of the parameter \"dateRangeBegin\" is not a valid "
                                            "date/time: use the format YYYY-MM-DD HH:MM:SS"));
        selection.beginSecs = *secs;
        selection.endSecs = now / 1000; // REDCap: the end defaults to the current server time
    }
    if (!end.isEmpty()) {
        const std::optional<qint64> secs = parseServerTime(end, m_zone);
        if (!secs)
            return jsonError(400,
                             QStringLiteral("The value of the parameter \"dateRangeEnd\" is not a valid "
                                            "date/time: use the format YYYY-MM-DD HH:MM:SS"));
        selection.endSecs = *secs;
    }

    // A sync cycle starts with the ids of the records touched in its window.
    const bool recordIdExport = fields.size() == 1 && fields.constFirst() == RedcapProject::recordIdField()
        && forms.isEmpty() && !selection.filterRecords;
    if (recordIdExport && m_cycleChanges > 0) {
        if (m_cycleChurnStarted) {
            const bool ranged = selection.endSecs != std::numeric_limits<qint64>::max();
            m_cycleChurn->step(m_project, m_cycleChanges, ranged ? selection.endSecs * 1000 : now);
        }
        m_cycleChurnStarted = true;
    }

    HttpResponse response;
    response.contentType = kJsonType;
    // Each piece is rendered under the lock: the project copies a record on write only while an
    // export still holds it (use_count), and that count is no ordering between threads; the lock
    // orders the export's reads before any later change made in place.
    response.stream = [this, render = m_project.exportStream(selection)] {
        QMutexLocker renderLock(&m_mutex);
        return render();
    };
    if (m_churn > 0)
        m_project.churn(m_churn, now);
    return response;
}

} // namespace Lantir::Test
