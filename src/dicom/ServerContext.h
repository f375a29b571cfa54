#pragma once

#include "config/DicomConfig.h"

#include <QString>

namespace Lantir::Dicom {

// What the server reports as it works; called on the association threads.
class ServerEvents
{
public:
    virtual ~ServerEvents() = default;
    virtual void queryAnswered(const QString& callingAet, int answers) = 0;
    virtual void associationAccepted(const QString& callingAet) = 0;
    virtual void mppsChanged(const QString& instanceUid, const QString& mppsStatus, qint64 worklistItemId,
                             const QString& itemStatus)
        = 0;
};

// Everything an association needs, shared read-only by all of them.
struct ServerContext
{
    DicomConfig config;
    QString databasePath;
    int busyTimeoutMs = 10000;
    ServerEvents* events = nullptr;
};

} // namespace Lantir::Dicom
