#pragma once

#include "base/Result.h"
#include "redcap/RecordIdList.h"
#include "redcap/RedcapClientOptions.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QStringList>

#include <atomic>

class QEventLoop;
class QNetworkAccessManager;

namespace Lantir {

class RecordIdScanner;
class RedcapTransport;
struct TransportReply;
struct TransportRequest;

// Talks to one REDCap project's API: version, data dictionary and flat JSON record exports.
//
// Threading: every export call is synchronous for its caller. It sends one POST through a
// RedcapTransport (the client's own QNetworkAccessManager; for the record id export, a streamed
// HttpStreamingPost) and waits in a local QEventLoop, so sync code stays linear. Use the
// client only from the thread it lives in (create it in the sync worker thread, or move it there):
// NEVER from the GUI thread, whose window would freeze for the length of an export. Calls from a
// GUI application's main thread or from a foreign thread fail with Error::Kind::Config.
// cancel() is the one member that may be called from any thread.
//
// Failures come back as Errors in plain words with the fix: timeouts, refused or broken
// connections, 408, 429 and 5xx are tried again (up to maxTries, pausing retryBaseDelayMs, then
// twice as long each time); 4xx answers and malformed bodies are not. Both transports go through
// the same proxy, the one Qt's proxy factory names for the API URL (proxyForUrl), or none. The token goes
// into the POST body only and never into a URL, a log line (lcRedcap) or a message.
class RedcapClient : public QObject
{
    Q_OBJECT
public:
    explicit RedcapClient(RedcapClientOptions options, QObject* parent = nullptr);
    ~RedcapClient() override;

    // https, or http only for loopback hosts (127.0.0.0/8, ::1, localhost) unless allowInsecureHttp;
    // the path must end with "/api/"; no user name, password, query or fragment.
    static Result<void> validateUrl(const QUrl& url, bool allowInsecureHttp);
    // 32 hexadecimal characters, like every REDCap API token. Messages never quote the token.
    static Result<void> validateToken(const QString& token);

    // content=version: the server's REDCap version, e.g. "14.9.1" (a cheap connection test).
    Result<QString> exportVersion();
    // content=metadata: every field_name in data dictionary order; the first is the record ID field.
    Result<QStringList> exportFieldNames();
    // content=record with fields[0]=recordIdField. An invalid begin or end leaves that side of the
    // date filter out. Dates are sent as "yyyy-MM-dd HH:mm:ss" in the server's time zone. Returns
    // the distinct record IDs in first-seen order.
    Result<RecordIdList> exportRecordIds(const QString& recordIdField, const QDateTime& begin,
                                         const QDateTime& end);
    // content=record (flat, raw) for exactly these records and fields; the caller batches and a
    // batch never splits a record. An empty `recordIds` returns an empty list without asking REDCap
    // (REDCap would send every record); an empty `fields` asks for all fields.
    Result<QJsonArray> exportRecords(const QStringList& recordIds, const QStringList& fields);
    // exportRecords() in two steps, for a caller that reads the answer itself: the answer's bytes
    // (empty for no records), then, when the caller could not use them, the rows as exportRecords()
    // gives them, with its errors.
    Result<QByteArray> exportRecordsAnswer(const QStringList& recordIds, const QStringList& fields);
    Result<QJsonArray> recordsOf(QByteArray answer) const;

    // Thread-safe. Stops the request or retry pause in progress and makes this and every later
    // call return Error::Kind::Cancelled until resetCancel().
    void cancel();
    void resetCancel();
    bool isCancelled() const;

    // HTTP requests sent (tries included) since construction or resetRequestCount().
    int requestCount() const;
    void resetRequestCount();

    const RedcapClientOptions& options() const { return m_options; }

private:
    using FormFields = QList<QPair<QString, QString>>;
    struct Exchange;

    // With `stream`, a 2xx answer goes to the scanner as it arrives instead of into the result.
    Result<QByteArray> post(const QString& content, const FormFields& fields,
                            RecordIdScanner* stream = nullptr);
    Exchange sendOnce(const QString& content, const QByteArray& body, int tryNumber, RecordIdScanner* stream);
    TransportRequest makeRequest(const QByteArray& body) const;
    // What one try's reply means: REDCap's body, or an error in words (`proxy`: "host:port" of the
    // proxy it went through, empty when direct).
    Exchange judge(TransportReply& reply, const QString& proxy) const;
    Result<void> checkCallable() const;
    Result<void> prepareTls();
    Result<QString> serverTime(const QDateTime& when) const;
    bool pause(int milliseconds);
    void interrupt();
    Error scrubbed(Error error) const;
    QString scrubbed(QString text) const;

    RedcapClientOptions m_options;
    QNetworkAccessManager* m_network = nullptr;
    std::atomic<bool> m_cancelled { false };
    QAtomicInt m_requestCount { 0 };

    // Only touched in the client's thread, while a call waits.
    RedcapTransport* m_activeTransport = nullptr;
    QEventLoop* m_activeLoop = nullptr; // of a pause between tries
    bool m_tlsPrepared = false;
    QList<QSslCertificate> m_extraCaCertificates;
};

} // namespace Lantir
