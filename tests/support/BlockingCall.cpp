#include "BlockingCall.h"

#include "base/HappensBefore.h"

#include <QCoreApplication>
#include <QEvent>
#include <QThread>

namespace Lantir::Test {

namespace {
const QEvent::Type CallEvent = static_cast<QEvent::Type>(QEvent::registerEventType());
}

BlockingCall::BlockingCall(std::function<void()> function)
    : m_function(std::move(function))
{
}

void BlockingCall::run(QObject* context, std::function<void()> function)
{
    QThread* thread = context->thread();
    if (!thread || thread == QThread::currentThread() || !thread->isRunning()) {
        function();
        return;
    }
    BlockingCall call(std::move(function));
    call.moveToThread(thread);
    auto* event = new QEvent(CallEvent); // before the release: the other thread reads it
    HappensBefore::release(&call);
    QCoreApplication::postEvent(&call, event);
    std::unique_lock<std::mutex> lock(call.m_mutex);
    call.m_doneChanged.wait(lock, [&call] { return call.m_done; });
}

bool BlockingCall::event(QEvent* event)
{
    HappensBefore::acquire(this);
    if (event->type() != CallEvent)
        return QObject::event(event);
    m_function();
    // Qt touches the receiver no more once event() has returned, so the caller may destroy it as
    // soon as it sees m_done.
    std::lock_guard<std::mutex> lock(m_mutex);
    m_done = true;
    m_doneChanged.notify_one();
    return true;
}

} // namespace Lantir::Test
