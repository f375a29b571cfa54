#include "SimulatorThread.h"

namespace Lantir::Test {

SimulatorThread::SimulatorThread(const SimulatorProject& project)
{
    m_simulator = new RedcapSimulator;
    m_simulator->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("redcap-simulator"));
    m_thread.start();
    QMetaObject::invokeMethod(
        m_simulator,
        [this, project] {
            m_simulator->generate(project);
            m_listening = m_simulator->listen();
        },
        Qt::BlockingQueuedConnection);
}

SimulatorThread::~SimulatorThread()
{
    QMetaObject::invokeMethod(m_simulator, [this] { delete m_simulator; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace Lantir::Test
