#pragma once

#include "SettingsPage.h"

#include <memory>

namespace Lantir {

namespace Ui {
class ApplicationPage;
}

// Where the worklist database is, the memory alarms, and the application's own options
// (language, starting in the tray).
class ApplicationPage : public SettingsPage
{
    Q_OBJECT

public:
    explicit ApplicationPage(FieldMarks* marks, QWidget* parent = nullptr);
    ~ApplicationPage() override;

    QString title() const override;
    void fill(const SyncConfig& config) override;
    void store(SyncConfig& config) const override;
    void validate(const SyncConfig& config) override;
    void retranslate() override;

    // Options kept by AppSettings beside the SyncConfig. An empty language is the system's.
    QString language() const;
    void setLanguage(const QString& language);
    bool startMinimized() const;
    void setStartMinimized(bool minimized);

private:
    void browseDatabase();

    std::unique_ptr<Ui::ApplicationPage> m_ui;
};

} // namespace Lantir
