#pragma once

#include "base/Result.h"
#include "config/DicomConfig.h"
#include "dicom/ServerContext.h"

#include <QObject>
#include <QString>

#include <memory>

namespace Lantir::Dicom {

// Lantir's DICOM Modality Worklist and MPPS server over the worklist database. One thread accepts
// associations on one listening socket (its own, bound to `bind`:`port`), and each association runs
// on a thread of its own with its own database connection, up to max associations at once; one
// more is refused (local limit exceeded). Nothing runs on the thread that owns this object: its
// signals arrive there queued. stop() returns within about a second, whatever the peers do.
class DicomServer : public QObject
{
    Q_OBJECT

public:
    explicit DicomServer(QObject* parent = nullptr);
    ~DicomServer() override;

    // Checks the data dictionary, makes sure the database has Lantir's MPPS table, binds the port
    // and starts accepting. A PostgreSQL server that cannot be reached does not stop it (the
    // database is prepared when first reached; until then queries get a failure status). Port 0 takes any
    // free port (see port()). A port in use or not permitted is a Config error saying so.
    Result<void> start(const DicomConfig& config, const DatabaseTarget& database);
    // A SQLite file: start(config, {Sqlite, path, busyTimeoutMs}).
    Result<void> start(const DicomConfig& config, const QString& databasePath, int busyTimeoutMs = 10000);
    void stop();

    bool isRunning() const;
    quint16 port() const;
    QString listenAddress() const; // "host:port"
    int activeAssociations() const;

Q_SIGNALS:
    // Emitted on association threads; connect with the default (queued across threads) type.
    void queryAnswered(const QString& callingAet, int answers, qint64 elapsedUs);
    void associationAccepted(const QString& callingAet);
    void mppsChanged(const QString& instanceUid, const QString& mppsStatus, qint64 worklistItemId,
                     const QString& itemStatus);
    // The accept loop ended on its own (the listening socket failed).
    void stoppedUnexpectedly(const QString& reason);

private:
    Result<void> prepareDatabase(const DatabaseTarget& database);

    struct Impl;
    std::unique_ptr<Impl> d;
};

// Whether DCMTK's data dictionary is loaded; the error says how to fix it when not.
Result<void> checkDataDictionary();

// Makes DCMTK load only the standard DICOM dictionary, without the private tags of vendors'
// dictionary that DCMTK's default path adds (a worklist server interprets none of them; a query
// that carries one is still read). About 0.6 MB less for the server. Does nothing when DCMDICTPATH
// is set. Call at the very start of main(), before any thread runs: it sets the environment.
void preferStandardDictionary();

} // namespace Lantir::Dicom
