#pragma once

#include <QObject>

#include <condition_variable>
#include <functional>
#include <mutex>

namespace Lantir::Test {

// Runs a function in the thread of another object and waits until it has returned, like
// QMetaObject::invokeMethod with Qt::BlockingQueuedConnection (called from that object's own
// thread, it simply runs the function).
//
// Unlike that call, it orders the two threads in a way ThreadSanitizer can see: Qt's blocking
// call synchronises through futexes inside the uninstrumented Qt libraries, and copies the
// function into an object of its own that the other thread then reads. Here the posted event
// carries nothing of ours, the function is read only after a declared acquire, and the caller
// waits on a std::mutex and condition variable, which TSan understands. No Q_OBJECT: Qt would
// call the generated metaObject() in the other thread before anything could be declared.
class BlockingCall : public QObject
{
public:
    static void run(QObject* context, std::function<void()> function);

protected:
    bool event(QEvent* event) override;

private:
    explicit BlockingCall(std::function<void()> function);

    std::function<void()> m_function;
    std::mutex m_mutex;
    std::condition_variable m_doneChanged;
    bool m_done = false;
};

} // namespace Lantir::Test
