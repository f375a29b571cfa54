#pragma once

#include "SettingsPage.h"

#include <memory>

namespace Lantir {

namespace Ui {
class WorklistPage;
}

// What the worklist rows say: site and protocol (per site), coding scheme, and the patterns of
// the patient name and ID, each with an example made by the real mapper.
class WorklistPage : public SettingsPage
{
    Q_OBJECT

public:
    explicit WorklistPage(FieldMarks* marks, QWidget* parent = nullptr);
    ~WorklistPage() override;

    QString title() const override;
    void fill(const SyncConfig& config) override;
    void store(SyncConfig& config) const override;
    void validate(const SyncConfig& config) override;
    void retranslate() override;

private:
    void validatePatterns(const MappingConfig& mapping);
    void validateProtocolTable();
    void updatePreviews(const SyncConfig& config);

    std::unique_ptr<Ui::WorklistPage> m_ui;
};

} // namespace Lantir
