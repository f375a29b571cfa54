#pragma once

#include "SettingsPage.h"

#include <memory>

namespace Lantir {

namespace Ui {
class FieldMappingPage;
}

// Further REDCap fields and the worklist column each one fills.
class FieldMappingPage : public SettingsPage
{
    Q_OBJECT

public:
    explicit FieldMappingPage(FieldMarks* marks, QWidget* parent = nullptr);
    ~FieldMappingPage() override;

    QString title() const override;
    void fill(const SyncConfig& config) override;
    void store(SyncConfig& config) const override;
    void validate(const SyncConfig& config) override;
    void retranslate() override;

private:
    // Why the row cannot be saved as it is (and marks its cell); empty when it can.
    QString rowProblem(int row);

    std::unique_ptr<Ui::FieldMappingPage> m_ui;
};

} // namespace Lantir
