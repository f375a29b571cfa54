#include "store/ThreadCryptoState.h"

#include <QtGlobal>

#include <atomic>

#ifdef Q_OS_UNIX
#include <dlfcn.h>
#endif

namespace Lantir::ThreadCryptoState {

namespace {
thread_local int t_openConnections = 0;

using ThreadStop = void (*)();

// OpenSSL's OPENSSL_thread_stop(), from the libcrypto libpq brought into the process (RTLD_NOLOAD:
// never loaded here, and the reference taken keeps it loaded); null while there is none.
ThreadStop threadStop()
{
    static std::atomic<ThreadStop> found { nullptr };
    if (const ThreadStop known = found.load(std::memory_order_acquire))
        return known;
#ifdef Q_OS_UNIX
    for (const char* library : { "libcrypto.so.3", "libcrypto.so.1.1" }) {
        if (void* handle = dlopen(library, RTLD_NOW | RTLD_NOLOAD)) {
            if (auto* function = reinterpret_cast<ThreadStop>(dlsym(handle, "OPENSSL_thread_stop"))) {
                found.store(function, std::memory_order_release);
                return function;
            }
            dlclose(handle);
        }
    }
#endif
    return nullptr;
}
} // namespace

void connectionOpening()
{
    ++t_openConnections;
}

void connectionClosed()
{
    if (t_openConnections > 0 && --t_openConnections == 0)
        releaseNow();
}

void releaseNow()
{
    if (const ThreadStop stop = threadStop())
        stop();
}

} // namespace Lantir::ThreadCryptoState
