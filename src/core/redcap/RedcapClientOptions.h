#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace Lantir {

// How RedcapClient reaches one REDCap project.
struct RedcapClientOptions
{
    QUrl apiUrl; // https://host/.../api/ (http only for loopback unless allowInsecureHttp)
    QString token; // 32 hex characters; sent in the POST body only
    int timeoutMs = 120000; // whole transfer of one request, including a stalled body
    int maxTries = 4; // total tries for timeouts, connection errors, 408, 429 and 5xx
    int retryBaseDelayMs = 1000; // pause before the second try; doubles for each further try
    QString caFile; // extra PEM CA certificates to trust; empty: the system's only
    bool allowInsecureHttp = false; // allow http:// to a host that is not this computer
    QByteArray serverTimeZone; // IANA id of the REDCap server's zone for date filters; empty = local
};

} // namespace Lantir
