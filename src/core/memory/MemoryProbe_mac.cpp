#include "memory/MemoryProbePlatform.h"

#if defined(__APPLE__)

#include <mach/mach.h>

namespace Lantir::MemoryPlatform {

namespace {

bool basicInfo(mach_task_basic_info_data_t& out)
{
    mach_msg_type_number_t count = MACH_TASK_BASIC_INFO_COUNT;
    return task_info(mach_task_self(), MACH_TASK_BASIC_INFO, reinterpret_cast<task_info_t>(&out), &count)
        == KERN_SUCCESS;
}

} // namespace

long long rssKb()
{
    mach_task_basic_info_data_t info;
    return basicInfo(info) ? static_cast<long long>(info.resident_size / 1024) : -1;
}

long long peakKb()
{
    mach_task_basic_info_data_t info;
    return basicInfo(info) ? static_cast<long long>(info.resident_size_max / 1024) : -1;
}

bool resetPeak()
{
    // resident_size_max covers the life of the task and has no public reset.
    return false;
}

long long heapInUseKb()
{
    return -1;
}

bool releaseFreeHeap()
{
    return false;
}

bool keepFreedHeapForReuse()
{
    return false;
}

} // namespace Lantir::MemoryPlatform

#endif // __APPLE__
