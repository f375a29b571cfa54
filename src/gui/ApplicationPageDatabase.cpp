// The Application page's worklist database: a SQLite file on this computer, or a PostgreSQL
// server (host, port, database, user, TLS, password for the keychain).

#include "ApplicationPage.h"
#include "FieldMarks.h"
#include "config/AppPaths.h"
#include "config/ConfigLoader.h"
#include "ui_ApplicationPage.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>

namespace Lantir {

namespace {
const QStringList SslModes { QStringLiteral("disable"),   QStringLiteral("allow"),
                             QStringLiteral("prefer"),    QStringLiteral("require"),
                             QStringLiteral("verify-ca"), QStringLiteral("verify-full") };

QString sslModeText(const QString& mode)
{
    if (mode == QLatin1String("disable"))
        return ApplicationPage::tr("disable: no TLS");
    if (mode == QLatin1String("allow"))
        return ApplicationPage::tr("allow: TLS only when the server requires it");
    if (mode == QLatin1String("prefer"))
        return ApplicationPage::tr("prefer: TLS when the server offers it");
    if (mode == QLatin1String("require"))
        return ApplicationPage::tr("require: always TLS, the server is not verified");
    if (mode == QLatin1String("verify-ca"))
        return ApplicationPage::tr("verify-ca: TLS, the server's certificate signed by the CA");
    return ApplicationPage::tr("verify-full: TLS, the CA and the server's name checked");
}

QString pathFromEdit(const QLineEdit* edit)
{
    return QDir::fromNativeSeparators(ConfigLoader::expandHome(edit->text().trimmed()));
}
} // namespace

void ApplicationPage::setUpDatabase()
{
    marks().addWarningSign(m_ui->databaseEdit);
    marks().addWarningSign(m_ui->postgresHostEdit);
    marks().addWarningSign(m_ui->postgresNameEdit);
    marks().addWarningSign(m_ui->postgresUserEdit);
    marks().addWarningSign(m_ui->postgresCaFileEdit);
    // Texts in retranslateDatabase().
    m_ui->databaseDriverCombo->addItem(QString(), databaseDriverName(DatabaseDriver::Sqlite));
    m_ui->databaseDriverCombo->addItem(QString(), databaseDriverName(DatabaseDriver::Postgresql));
    for (const QString& mode : SslModes)
        m_ui->postgresSslModeCombo->addItem(QString(), mode);
    connect(m_ui->databaseDriverCombo, &QComboBox::currentIndexChanged, this,
            &ApplicationPage::showDriverFields);
    connect(m_ui->browseDatabaseButton, &QPushButton::clicked, this, &ApplicationPage::browseDatabase);
    connect(m_ui->browseCaFileButton, &QPushButton::clicked, this, &ApplicationPage::browseCaFile);
    showDriverFields();
}

void ApplicationPage::retranslateDatabase()
{
    m_ui->databaseDriverCombo->setItemText(0, tr("SQLite file on this computer"));
    m_ui->databaseDriverCombo->setItemText(1, tr("PostgreSQL server"));
    for (int i = 0; i < m_ui->postgresSslModeCombo->count(); ++i)
        m_ui->postgresSslModeCombo->setItemText(
            i, sslModeText(m_ui->postgresSslModeCombo->itemData(i).toString()));
}

// The rows of the driver chosen; the others are hidden (and keep what they hold).
void ApplicationPage::showDriverFields()
{
    const bool postgres = m_ui->databaseDriverCombo->currentIndex() == 1;
    QFormLayout* form = m_ui->applicationForm;
    form->setRowVisible(m_ui->databaseLayout, !postgres);
    for (QWidget* field : std::initializer_list<QWidget*> {
             m_ui->postgresHostEdit, m_ui->postgresNameEdit, m_ui->postgresUserEdit,
             m_ui->postgresSslModeCombo, m_ui->postgresPasswordEdit, m_ui->postgresPasswordHint })
        form->setRowVisible(field, postgres);
    form->setRowVisible(m_ui->postgresPortLayout, postgres);
    form->setRowVisible(m_ui->postgresCaFileLayout, postgres);
}

void ApplicationPage::fillDatabase(const SyncConfig& c)
{
    const bool postgres = c.databaseDriver == DatabaseDriver::Postgresql;
    m_ui->databaseDriverCombo->setCurrentIndex(postgres ? 1 : 0);
    // A PostgreSQL configuration has no file: switching back offers the default one.
    const QString path
        = postgres && c.databasePath.isEmpty() ? AppPaths::defaultDatabasePath() : c.databasePath;
    m_ui->databaseEdit->setText(QDir::toNativeSeparators(path));
    m_ui->postgresHostEdit->setText(c.postgres.host);
    m_ui->postgresPortSpin->setValue(c.postgres.port);
    m_ui->postgresNameEdit->setText(c.postgres.name);
    m_ui->postgresUserEdit->setText(c.postgres.user);
    const int mode = m_ui->postgresSslModeCombo->findData(c.postgres.sslmode);
    m_ui->postgresSslModeCombo->setCurrentIndex(mode >= 0 ? mode
                                                          : SslModes.indexOf(QStringLiteral("prefer")));
    m_ui->postgresCaFileEdit->setText(QDir::toNativeSeparators(c.postgres.caFile));
    showDriverFields();
}

// Only the chosen driver's fields: the other driver's settings stay as they were.
void ApplicationPage::storeDatabase(SyncConfig& c) const
{
    if (m_ui->databaseDriverCombo->currentIndex() == 0) {
        c.databaseDriver = DatabaseDriver::Sqlite;
        c.databasePath = pathFromEdit(m_ui->databaseEdit);
        return;
    }
    c.databaseDriver = DatabaseDriver::Postgresql;
    c.postgres.host = m_ui->postgresHostEdit->text().trimmed();
    c.postgres.port = m_ui->postgresPortSpin->value();
    c.postgres.name = m_ui->postgresNameEdit->text().trimmed();
    c.postgres.user = m_ui->postgresUserEdit->text().trimmed();
    c.postgres.sslmode = m_ui->postgresSslModeCombo->currentData().toString();
    c.postgres.caFile = pathFromEdit(m_ui->postgresCaFileEdit);
}

void ApplicationPage::validateDatabase(const SyncConfig& c)
{
    QStringList reasons;
    if (c.databaseDriver == DatabaseDriver::Postgresql) {
        validatePostgres(c.postgres, reasons);
    } else {
        const QString reason = sqliteProblem(c.databasePath);
        marks().mark(m_ui->databaseEdit, reason);
        if (!reason.isEmpty())
            reasons << reason;
    }
    // Not a field to fix: the keychain refused the password (the dialog says what to do).
    if (!m_passwordSaveError.isEmpty() && c.databaseDriver == DatabaseDriver::Postgresql)
        reasons << m_passwordSaveError;
    FieldMarks::showErrors(m_ui->databaseError, reasons);
}

QString ApplicationPage::sqliteProblem(const QString& path) const
{
    const QFileInfo info(path);
    if (path.isEmpty())
        return tr("Choose the worklist database file (pylantir's db_path).");
    if (info.isDir())
        return tr("%1 is a folder; choose a database file in it.").arg(QDir::toNativeSeparators(path));
    // The default folder is created (0700) on the first sync; any other must exist.
    if (!info.absoluteDir().exists() && path != AppPaths::defaultDatabasePath())
        return tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(info.absolutePath()));
    return QString();
}

void ApplicationPage::validatePostgres(const PostgresSettings& pg, QStringList& reasons)
{
    const auto check = [&](QWidget* field, const QString& reason) {
        marks().mark(field, reason);
        if (!reason.isEmpty())
            reasons << reason;
    };
    QString host;
    if (pg.host.isEmpty())
        host = tr("Enter the PostgreSQL server's name or address.");
    else if (hasSpace(pg.host))
        host = tr("The server's name or address has no spaces.");
    check(m_ui->postgresHostEdit, host);
    check(m_ui->postgresPortSpin, inputReason(m_ui->postgresPortSpin, tr("Enter a port from 1 to 65535.")));
    check(m_ui->postgresNameEdit,
          pg.name.isEmpty() ? tr("Enter the name of the worklist database on the server.") : QString());
    check(m_ui->postgresUserEdit, pg.user.isEmpty() ? tr("Enter the user Lantir signs in as.") : QString());
    const QFileInfo ca(pg.caFile);
    check(m_ui->postgresCaFileEdit,
          !pg.caFile.isEmpty() && !(ca.isFile() && ca.isReadable())
              ? tr("%1 cannot be read. Choose the certificate (PEM) of the authority that signed the "
                   "server's certificate, or leave the field empty.")
                    .arg(QDir::toNativeSeparators(pg.caFile))
              : QString());
}

QString ApplicationPage::databasePassword() const
{
    return m_ui->postgresPasswordEdit->text();
}

void ApplicationPage::setDatabasePassword(const QString& password)
{
    m_ui->postgresPasswordEdit->setText(password);
}

void ApplicationPage::setPasswordSaveError(const QString& error)
{
    m_passwordSaveError = error;
}

void ApplicationPage::browseDatabase()
{
    QString start = pathFromEdit(m_ui->databaseEdit);
    if (start.isEmpty())
        start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Worklist database"), start, tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"),
        nullptr, QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        m_ui->databaseEdit->setText(QDir::toNativeSeparators(path));
}

void ApplicationPage::browseCaFile()
{
    QString start = pathFromEdit(m_ui->postgresCaFileEdit);
    if (start.isEmpty())
        start = QDir::homePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("CA certificate"), start,
                                                      tr("Certificates (*.crt *.pem *.cer);;All files (*)"));
    if (!path.isEmpty())
        m_ui->postgresCaFileEdit->setText(QDir::toNativeSeparators(path));
}

} // namespace Lantir
