#pragma once

#include "base/Result.h"

#include <QString>

namespace Lantir::Dicom {

// A C-ECHO, as a scanner's "test connection" does: associate with `calledAet` at host:port as
// `callingAet`, ask for Verification, release. Blocking (at most about `timeoutSeconds` for each
// step); returns the round trip in milliseconds, or an error a person can act on.
Result<qint64> echo(const QString& host, quint16 port, const QString& callingAet, const QString& calledAet,
                    int timeoutSeconds = 5);

} // namespace Lantir::Dicom
