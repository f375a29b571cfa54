#pragma once

#include "SettingsPage.h"

#include <QFutureWatcher>

#include <memory>

namespace Lantir {

namespace Ui {
class WorklistServerPage;
}

// The built-in worklist server: on or off, its AE title and port, where it listens, which
// scanners may connect, the station AE title of visits that name none, and a C-ECHO to test it.
class WorklistServerPage : public SettingsPage
{
    Q_OBJECT

public:
    explicit WorklistServerPage(FieldMarks* marks, QWidget* parent = nullptr);
    ~WorklistServerPage() override;

    QString title() const override;
    void fill(const SyncConfig& config) override;
    void store(SyncConfig& config) const override;
    void validate(const SyncConfig& config) override;
    void retranslate() override;

    // Waits for a C-ECHO still in flight (the dialog closes).
    void stopTest();

private:
    struct EchoOutcome
    {
        bool ok = false;
        qint64 ms = 0;
        QString error;
    };

    void startTest();
    void showTestResult();
    void updateEnabled();
    QStringList allowedTitles() const;

    std::unique_ptr<Ui::WorklistServerPage> m_ui;
    QFutureWatcher<EchoOutcome> m_test;
    DicomConfig m_shown; // the keys the page does not show are kept as they were
};

} // namespace Lantir
