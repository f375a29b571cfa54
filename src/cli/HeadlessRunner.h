#pragma once

#include "CommandLineOptions.h"
#include "ReportWriter.h"
#include "dicom/DicomServer.h"
#include "sync/SyncController.h"

#include <QObject>

namespace Lantir {

// lantir-sync's behaviour: load the config and token, then run one cycle, N cycles, or the
// schedule until a stop signal, writing reports as cycles end.
class HeadlessRunner : public QObject
{
    Q_OBJECT

public:
    enum ExitCode
    {
        Success = 0,
        CycleFailed = 1,
        UsageError = 2,
    };

    explicit HeadlessRunner(CommandLineOptions options, QObject* parent = nullptr);

    // Loads and checks everything a cycle needs. Returns Success, or UsageError after printing why.
    int prepare();
    void start();

public Q_SLOTS:
    // Stops within a few seconds: the running cycle is abandoned at its next safe point.
    void stop(int signalNumber = 0);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void onCycleFinished(const CycleReport& report);
    // Starts the worklist server when the config or --dicom-port asks for it.
    int startDicom(SyncConfig& config);
    int selectSources(SyncConfig& config);
    int loadTokens(const SyncConfig& config, SourceTokens& tokens);
    static Result<QString> keychainToken(const SourceConfig& source, const Error& notFound);

    CommandLineOptions m_options;
    ReportWriter m_reports;
    SyncController m_controller;
    Dicom::DicomServer m_dicom;
    bool m_stopping = false;
    bool m_anyFailed = false;
};

} // namespace Lantir
