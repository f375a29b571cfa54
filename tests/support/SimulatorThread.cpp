#include "SimulatorThread.h"

#include "BlockingCall.h"

namespace Lantir::Test {

SimulatorThread::SimulatorThread(const SimulatorProject& project)
{
    m_simulator = new RedcapSimulator;
    m_simulator->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("redcap-simulator"));
    m_thread.start();
    BlockingCall::run(m_simulator, [this, project] {
        m_simulator->generate(project);
        m_listening = m_simulator->listen();
    });
}

SimulatorThread::~SimulatorThread()
{
    BlockingCall::run(m_simulator, [this] { delete m_simulator; });
    m_thread.quit();
    m_thread.wait();
}

} // namespace Lantir::Test
