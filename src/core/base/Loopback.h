#pragma once

#include <QString>

namespace Lantir {

// localhost, 127.0.0.0/8 or ::1: the only hosts plain http:// may reach without explicit consent.
bool isLoopbackHost(const QString& host);

} // namespace Lantir
