#pragma once

#include "RecordChurn.h"
#include "RedcapProject.h"
#include "SimulatorTruth.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QTimeZone>
#include <QUrl>
#include <QUrlQuery>

#include <deque>
#include <memory>

namespace Lantir::Test {

class HttpServer;
struct HttpRequest;
struct HttpResponse;

// A REDCap API on 127.0.0.1 over real HTTP: Export Records (flat JSON with fields/forms/records
// filters and date ranges), Export Metadata, Export REDCap Version, REDCap's token and parameter
// errors, and injectable faults that imitate broken servers, proxies and networks.
//
// Threads: the HTTP side runs in the thread the simulator lives in (moveToThread it into a
// QThread, or use it from the main thread's event loop). Everything else below may be called
// from any thread; listen() and close() hop to the simulator's thread when it runs elsewhere.
// Destroy the simulator in its own thread (e.g. deleteLater before quitting that thread).
class RedcapSimulator : public QObject
{
    Q_OBJECT
public:
    enum class Fault
    {
        // Answer normally (a spacer in front of other faults).
        None,
        // Answer normally, `param` ms late (default 1000).
        Delay,
        // Headers and half the body, then silence for `param` ms (default 30000), then close.
        Stall,
        // HTTP status `param` (default 500) with a REDCap-style JSON error; 502-504: a proxy's HTML page.
        Status,
        // Content-Length of the full body, the connection closed after half of it.
        // QNetworkAccessManager may report this as success: compare the length, or fail on the JSON.
        TruncatedBody,
        // An HTML page with status `param` (default 200).
        HtmlPage,
        // 200 with `[{"record_id": "1", ...` cut off mid-value.
        MalformedJson,
        // 200 with `{"record_id":"1"}`.
        ObjectInsteadOfList,
        // 200 with no body at all.
        EmptyBody,
        // The connection is reset (TCP RST) without any answer. QNetworkAccessManager sends a request
        // once more when that happens: inject 2 for a reset that its caller sees.
        ResetConnection,
        // 200 with a list whose rows hold arrays and objects as values.
        WrongTypes,
        // The normal answer, 64 bytes every `param` ms (default 50), then close.
        Trickle,
        // The normal answer without the rows of the first requested record.
        MissingRecordRows,
        // The normal answer plus the rows of a record that was not requested.
        ForeignRecordRows,
        // The normal answer with every row sent twice.
        DuplicateRows,
        // The normal answer with fields the project does not have added to every row.
        UnknownFields,
        // The normal answer with bytes that are not UTF-8 inside a text value.
        NonUtf8,
    };
    Q_ENUM(Fault)

    static constexpr const char* redcapVersion = "14.5.2";

    explicit RedcapSimulator(QObject* parent = nullptr);
    ~RedcapSimulator() override;

    static QString defaultToken(); // 32 upper-case hex chars
    void setToken(const QString& token);

    void generate(const SimulatorProject& project); // replaces the data; all records modified "now - 1 day"

    bool listen(quint16 port = 0); // binds QHostAddress::LocalHost only
    void close();
    quint16 port() const;
    QUrl apiUrl() const; // http://127.0.0.1:<port>/api/ (https:// with TLS)
    // Serve HTTPS with this certificate and key from the next listen() on; null ones: plain HTTP.
    void setTls(const QSslCertificate& certificate, const QSslKey& key);
    QString errorString() const; // why listen() failed

    // Fault for the next `count` requests whose `content` param equals `content` (empty: any).
    // Injections queue up in order; a request takes the first that matches it.
    // param: HTTP status for Status and HtmlPage; milliseconds for Delay (answer late) and Stall
    // (send half the body, then wait that long before closing).
    void injectFault(Fault fault, int count = 1, const QString& content = {}, int param = 0);
    void clearFaults();
    int pendingFaults() const;

    void setValue(const QString& recordId, const QString& repeatInstrument, int repeatInstance,
                  const QString& field,
                  const QString& value); // instance 0 = baseline row; creates the row if absent; marks record
                                         // modified now
    void removeRecord(const QString& recordId);
    // Deletes one row (e.g. a cancelled scan); the record counts as modified now.
    void removeRow(const QString& recordId, const QString& repeatInstrument, int repeatInstance);
    // The project loses `field` (as when a designer deletes it): metadata no longer lists it and
    // an export asking for it gets REDCap's 400 "The following values in the parameter "fields"
    // are not valid". An empty name brings every removed field back.
    void removeField(const QString& field);
    void setServerTimeZone(const QTimeZone& zone); // default: system local; date ranges are in this zone
    QTimeZone serverTimeZone() const;
    void setModifiedAt(const QString& recordId, const QDateTime& when); // for date-range tests
    QDateTime modifiedAt(const QString& recordId) const; // invalid when the record does not exist
    int recordCount() const;
    QStringList exportColumnNames() const; // the columns of a full export, in order

    QJsonArray exportAll() const; // every row with every field, as a full export returns it (the "truth")

    // Soak tests: after every record export served, give `records` random records a new mri_time.
    void setChurn(int records);

    // Soak tests with a truth to compare with: `changes` RecordChurn changes per sync cycle,
    // drawn from `seed`. They are made when a cycle starts, i.e. on a record-id export (content
    // record, fields record_id alone, no records filter), before it is answered, and stamped with
    // the export's dateRangeEnd (now for a full export): the cycle sees all of them, in its
    // window and in its batches, and nothing changes while it runs. The first record-id export
    // after this call changes nothing (the sync must have seen the state the first changes start
    // from). A retried record-id export counts as a new cycle. 0 stops the churn and keeps what
    // truth() needs; a new seed starts over.
    void setCycleChurn(int changes, quint32 seed = 1);
    RecordChurn::Stats cycleChurnStats() const;
    // What a worklist synced from this simulator must hold (see SimulatorTruth).
    SimulatorTruth truth() const;

    int requestCount(const QString& content = {}) const;
    QList<QUrlQuery> requestLog() const; // decoded form bodies of requests received, in order
    // How many request bodies requestLog() keeps (the newest); default 10000, 0 keeps none.
    void setRequestLogLimit(int entries);
    void resetRequestLog(); // forgets the log and the counts

Q_SIGNALS:
    // Emitted in the simulator's thread once an answer has been handed to the socket in full (or
    // cut as a fault asked): the request's content parameter, status, body bytes and time taken.
    void requestServed(const QString& content, int status, qint64 bodyBytes, qint64 elapsedUs);

private:
    struct FaultEntry
    {
        Fault fault;
        int remaining;
        QString content;
        int param;
    };
    struct Params;

    bool listenHere(quint16 port);
    void closeHere();
    HttpResponse handle(const HttpRequest& request);
    HttpResponse route(const Params& params);
    HttpResponse exportRecords(const Params& params);
    HttpResponse exportMetadata(const Params& params);
    HttpResponse applyFault(const FaultEntry& fault, const Params& params);
    HttpResponse rewriteRows(const Params& params, Fault fault);
    static HttpResponse jsonError(int status, const QString& message);
    static HttpResponse htmlPage(int status, const QByteArray& title, const QByteArray& text);
    qint64 nowMs() const;

    mutable QMutex m_mutex; // guards everything below except m_server
    RedcapProject m_project;
    QString m_token;
    QTimeZone m_zone;
    std::deque<FaultEntry> m_faults;
    QList<QUrlQuery> m_log;
    int m_logLimit = 10000;
    QHash<QString, int> m_counts;
    QStringList m_removedFields;
    int m_total = 0;
    int m_churn = 0;
    std::unique_ptr<RecordChurn> m_cycleChurn;
    quint32 m_cycleChurnSeed = 0;
    int m_cycleChanges = 0;
    bool m_cycleChurnStarted = false; // a record-id export was answered since setCycleChurn
    QString m_errorString;
    QSslCertificate m_tlsCertificate;
    QSslKey m_tlsKey;
    bool m_tls = false;
    quint16 m_port = 0;

    HttpServer* m_server = nullptr;
};

} // namespace Lantir::Test
