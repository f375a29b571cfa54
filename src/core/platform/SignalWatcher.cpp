#include "platform/SignalWatcher.h"

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <csignal>
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
    const char byte = static_cast<char>(signalNumber);
    // write() is async-signal-safe; a full pipe just drops a repeated signal.
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[0], &byte, 1);
}
} // namespace

SignalWatcher::SignalWatcher(QObject* parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
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
    if (g_signalPipe[0] >= 0) {
        ::close(g_signalPipe[0]);
        ::close(g_signalPipe[1]);
        g_signalPipe[0] = g_signalPipe[1] = -1;
    }
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
