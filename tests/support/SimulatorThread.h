#pragma once

#include "RedcapSimulator.h"

#include <QThread>

namespace Lantir::Test {

// A REDCap simulator serving from its own thread, as a separate server would, so code under
// test may block its own thread while it waits for an answer.
class SimulatorThread
{
public:
    explicit SimulatorThread(const SimulatorProject& project = {});
    ~SimulatorThread();
    SimulatorThread(const SimulatorThread&) = delete;
    SimulatorThread& operator=(const SimulatorThread&) = delete;

    bool isListening() const { return m_listening; }
    RedcapSimulator* operator->() const { return m_simulator; }
    RedcapSimulator* get() const { return m_simulator; }

private:
    QThread m_thread;
    RedcapSimulator* m_simulator = nullptr;
    bool m_listening = false;
};

} // namespace Lantir::Test
