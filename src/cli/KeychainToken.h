#pragma once

#include "base/Result.h"

#include <QString>

namespace Lantir {

// The token the desktop app keeps for a source in the user's keychain, read synchronously (a
// headless run has nothing else to do meanwhile). An empty string when no entry exists; an error
// when no keychain can be used here (no secret service, a locked keychain), or when Lantir was
// built without QtKeychain.
Result<QString> readKeychainToken(const QString& service, const QString& key, int timeoutMs = 10000);

} // namespace Lantir
