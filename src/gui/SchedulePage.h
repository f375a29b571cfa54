#pragma once

#include "SettingsPage.h"

#include <memory>

namespace Lantir {

namespace Ui {
class SchedulePage;
}

// When Lantir syncs: the interval, the daily operation window and the overlap of each cycle's
// date range with the previous one.
class SchedulePage : public SettingsPage
{
    Q_OBJECT

public:
    explicit SchedulePage(FieldMarks* marks, QWidget* parent = nullptr);
    ~SchedulePage() override;

    QString title() const override;
    void fill(const SyncConfig& config) override;
    void store(SyncConfig& config) const override;
    void validate(const SyncConfig& config) override;
    void retranslate() override;

    // "1 h 5 min", "30 s": the interval as people read it.
    static QString durationText(int seconds);

private:
    void updateHints();

    std::unique_ptr<Ui::SchedulePage> m_ui;
};

} // namespace Lantir
