#pragma once

#include "SettingsPage.h"

#include <memory>

class QLineEdit;

namespace Lantir {

namespace Ui {
class RedcapFieldsPage;
}

// The REDCap names of the scan rows: their instrument, and the record id, session, date, time,
// study and family fields.
class RedcapFieldsPage : public SettingsPage
{
    Q_OBJECT

public:
    explicit RedcapFieldsPage(FieldMarks* marks, QWidget* parent = nullptr);
    ~RedcapFieldsPage() override;

    QString title() const override;
    void fill(const SyncConfig& config) override;
    void store(SyncConfig& config) const override;
    void validate(const SyncConfig& config) override;
    void retranslate() override;

private:
    QList<QLineEdit*> requiredEdits() const;

    std::unique_ptr<Ui::RedcapFieldsPage> m_ui;
};

} // namespace Lantir
