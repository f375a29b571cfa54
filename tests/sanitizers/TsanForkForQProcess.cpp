// Linked into the test programs of the ThreadSanitizer build only (tests/CMakeLists.txt).
//
// QProcess (Qt 6.4, Linux) starts a program with clone(CLONE_VM | CLONE_VFORK | CLONE_PIDFD): the
// child shares the parent's memory, and so ThreadSanitizer's state, until it calls execve, and TSan
// knows nothing of it. Seen here: mutexes of the waiting parent forgotten (then reported as races on
// the data they guard) and "starting new threads after multi-threaded fork" in suites that start
// lantir-sync while a thread of theirs runs. This clone() replaces glibc's for the calls QtCore makes
// through its PLT: such a vfork-like clone becomes fork(), which TSan intercepts and supports (the
// child ignores everything until it execs), and the pidfd Qt asked for comes from pidfd_open().
// Every other clone() goes to glibc unchanged. Not a change of Qt's behaviour that a test can see:
// the child runs the same function and reports its exec the same way.

#include <cerrno>
#include <csignal>
#include <cstdarg>
#include <dlfcn.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern "C" int clone(int (*function)(void*), void* stack, int flags, void* argument, ...)
{
    va_list rest;
    va_start(rest, argument);
    int* parentTid = va_arg(rest, int*);
    void* tls = va_arg(rest, void*);
    int* childTid = va_arg(rest, int*);
    va_end(rest);

    if ((flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK)) {
        const pid_t pid = fork();
        if (pid == 0)
            _exit(function(argument));
        if (pid > 0 && (flags & CLONE_PIDFD) && parentTid) {
            const long pidfd = syscall(SYS_pidfd_open, pid, 0);
            if (pidfd < 0) {
                const int error = errno;
                kill(pid, SIGKILL);
                waitpid(pid, nullptr, 0);
                errno = error; // Qt reports the start as failed
                return -1;
            }
            *parentTid = static_cast<int>(pidfd);
        }
        return pid;
    }

    using Clone = int (*)(int (*)(void*), void*, int, void*, ...);
    static const auto glibcClone = reinterpret_cast<Clone>(dlsym(RTLD_NEXT, "clone"));
    if (!glibcClone) {
        errno = ENOSYS;
        return -1;
    }
    return glibcClone(function, stack, flags, argument, parentTid, tls, childTid);
}
