#pragma once

#include "config/DatabaseTarget.h"
#include "config/DicomConfig.h"
#include "dicom/DatabasePreparation.h"

#include <QString>

namespace Lantir::Dicom {

// What the server reports as it works; called on the association threads.
class ServerEvents
{
public:
    virtual ~ServerEvents() = default;
    // `elapsedUs`: from the request received to the final answer sent.
    virtual void queryAnswered(const QString& callingAet, int answers, qint64 elapsedUs) = 0;
    virtual void associationAccepted(const QString& callingAet) = 0;
    virtual void mppsChanged(const QString& instanceUid, const QString& mppsStatus, qint64 worklistItemId,
                             const QString& itemStatus)
        = 0;
};

// Everything an association needs, shared read-only by all of them.
struct ServerContext
{
    DicomConfig config;
    DatabaseTarget database;
    ServerEvents* events = nullptr;
    // Whether the database has been prepared since start() (the server's own; prepared on first
    // reach when start() could not reach it).
    DatabaseReadiness* readiness = nullptr;
};

} // namespace Lantir::Dicom
