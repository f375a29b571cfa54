#include "platform/SignalWatcher.h"

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <QCoreApplication>
#include <QMetaObject>

#include <windows.h>
#endif

namespace Lantir {

#ifdef Q_OS_UNIX
namespace {
int g_signalPipe[2] = { -1, -1 };

extern "C" void forwardSignal(int signalNumber)
{
    // write() is async-signal-safe, and the socket is non-blocking: when nobody has read the
    // earlier signals and the buffer is full, the write fails with EAGAIN and this repeated signal
    // is dropped (a stop is already waiting) instead of hanging the handler. errno is restored
    // for the code the signal interrupted.
    const int savedErrno = errno;
    const char byte = static_cast<char>(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[0], &byte, 1);
    errno = savedErrno;
}

bool setNonBlocking(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

void closeSignalPipe()
{
    for (int& fd : g_signalPipe) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}
} // namespace

SignalWatcher::SignalWatcher(QObject* parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    // Both ends: the handler's write must never block, nor the read of an already drained socket.
    if (!setNonBlocking(g_signalPipe[0]) || !setNonBlocking(g_signalPipe[1])) {
        closeSignalPipe();
        return;
    }
    m_notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readSignal);
    struct sigaction action = {};
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

SignalWatcher::~SignalWatcher()
{
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    closeSignalPipe();
}

void SignalWatcher::readSignal()
{
    char byte = 0;
    if (::read(g_signalPipe[1], &byte, 1) == 1)
        Q_EMIT stopRequested(byte);
}
#elif defined(Q_OS_WIN)
namespace {
SignalWatcher* g_watcher = nullptr;

BOOL WINAPI consoleHandler(DWORD type)
{
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT && type != CTRL_CLOSE_EVENT
        && type != CTRL_SHUTDOWN_EVENT)
        return FALSE;
    if (g_watcher)
        QMetaObject::invokeMethod(g_watcher, "stopRequested", Qt::QueuedConnection,
                                  Q_ARG(int, static_cast<int>(type)));
    return TRUE;
}
} // namespace

SignalWatcher::SignalWatcher(QObject* parent)
    : QObject(parent)
{
    g_watcher = this;
    SetConsoleCtrlHandler(consoleHandler, TRUE);
}

SignalWatcher::~SignalWatcher()
{
    SetConsoleCtrlHandler(consoleHandler, FALSE);
    g_watcher = nullptr;
}

void SignalWatcher::readSignal() { }
#else
SignalWatcher::SignalWatcher(QObject* parent)
    : QObject(parent)
{
}
SignalWatcher::~SignalWatcher() = default;
void SignalWatcher::readSignal() { }
#endif

} // namespace Lantir
