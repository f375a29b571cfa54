#pragma once

#include "SettingsPage.h"

#include <memory>

namespace Lantir {

namespace Ui {
class ApplicationPage;
}

// Where the worklist database is (a SQLite file on this computer, or a PostgreSQL server several
// Lantir nodes share), the memory alarms, and the application's own options (language, starting
// in the tray). The PostgreSQL password is shown here but kept by the dialog in the keychain,
// never in the SyncConfig the page stores (so never in lantir.json).
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

    // The PostgreSQL password the field shows, and filling it (from the keychain).
    QString databasePassword() const;
    void setDatabasePassword(const QString& password);
    // Why the password could not be saved, shown under the database fields; empty: nothing.
    void setPasswordSaveError(const QString& error);

private:
    void browseDatabase();
    // The database fields (ApplicationPageDatabase.cpp).
    void setUpDatabase();
    void retranslateDatabase();
    void showDriverFields();
    void fillDatabase(const SyncConfig& config);
    void storeDatabase(SyncConfig& config) const;
    void validateDatabase(const SyncConfig& config);
    QString sqliteProblem(const QString& path) const;
    void validatePostgres(const PostgresSettings& postgres, QStringList& reasons);
    void browseCaFile();

    std::unique_ptr<Ui::ApplicationPage> m_ui;
    QString m_passwordSaveError;
};

} // namespace Lantir
