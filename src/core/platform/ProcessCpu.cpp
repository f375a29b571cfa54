#include "platform/ProcessCpu.h"

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#elif defined(Q_OS_WIN)
#include <windows.h>
#endif

namespace Lantir {

namespace {

qint64 difference(qint64 earlier, qint64 later)
{
    return earlier < 0 || later < 0 ? -1 : later - earlier;
}

#if defined(Q_OS_WIN)
qint64 fileTimeUs(const FILETIME& time)
{
    // 100 ns units.
    return static_cast<qint64>((quint64(time.dwHighDateTime) << 32 | time.dwLowDateTime) / 10);
}
#endif

} // namespace

ProcessCpuTimes ProcessCpuTimes::now()
{
    ProcessCpuTimes times;
#if defined(Q_OS_UNIX)
    struct rusage usage
    {
    };
    if (::getrusage(RUSAGE_SELF, &usage) == 0) {
        times.userUs = qint64(usage.ru_utime.tv_sec) * 1000000 + usage.ru_utime.tv_usec;
        times.systemUs = qint64(usage.ru_stime.tv_sec) * 1000000 + usage.ru_stime.tv_usec;
    }
#elif defined(Q_OS_WIN)
    FILETIME created, exited, kernel, user;
    if (::GetProcessTimes(::GetCurrentProcess(), &created, &exited, &kernel, &user)) {
        times.userUs = fileTimeUs(user);
        times.systemUs = fileTimeUs(kernel);
    }
#endif
    return times;
}

ProcessCpuTimes ProcessCpuTimes::between(const ProcessCpuTimes& earlier, const ProcessCpuTimes& later)
{
    return ProcessCpuTimes { difference(earlier.userUs, later.userUs),
                             difference(earlier.systemUs, later.systemUs) };
}

} // namespace Lantir
