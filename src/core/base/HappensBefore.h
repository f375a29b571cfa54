#pragma once

#if defined(__SANITIZE_THREAD__)
#define LANTIR_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LANTIR_THREAD_SANITIZER 1
#endif
#endif

#ifdef LANTIR_THREAD_SANITIZER
#include <sanitizer/tsan_interface.h>
#endif

namespace Lantir {

// Tells ThreadSanitizer about an ordering between two threads that Qt guarantees but TSan cannot
// see, because it comes from synchronisation inside the uninstrumented Qt libraries (futexes): for
// example that everything a QThread did happens before QThread::wait() returns true for it. Call
// release() in the earlier thread after the work it publishes and acquire() in the later thread
// once Qt has ordered it after that point, both with the same token (any address the two share).
// Outside ThreadSanitizer builds both do nothing.
class HappensBefore
{
public:
    static void release(const void* token)
    {
#ifdef LANTIR_THREAD_SANITIZER
        __tsan_release(const_cast<void*>(token));
#else
        static_cast<void>(token);
#endif
    }

    static void acquire(const void* token)
    {
#ifdef LANTIR_THREAD_SANITIZER
        __tsan_acquire(const_cast<void*>(token));
#else
        static_cast<void>(token);
#endif
    }
};

} // namespace Lantir
