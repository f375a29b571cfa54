#include "SettingsDialog.h"

#include "AppSettings.h"
#include "Translator.h"
#include "WorklistColumnDelegate.h"
#include "base/Loopback.h"
#include "config/AppPaths.h"
#include "config/ConfigLoader.h"
#include "config/SecretStore.h"
#include "mapping/WorklistMapper.h"
#include "redcap/RedcapClient.h"
#include "ui_SettingsDialog.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QHostAddress>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStyle>
#include <QTimeZone>

namespace Lantir {

namespace {

constexpr int MinimumIntervalSeconds = 10; // as ConfigLoader accepts
constexpr int ConnectionTestTimeoutMs = 30000;
const QString InvalidStyle = QStringLiteral("border: 1px solid #c62828; border-radius: 2px;");
const QColor InvalidCellColor(255, 205, 210);

// Sample values the pattern previews use.
const QString SampleRecord = QStringLiteral("12");
const QString SampleStudy = QStringLiteral("CPIP-0012");
const QString SampleFamily = QStringLiteral("FAM-007");
const QString SampleSession = QStringLiteral("1");

// An eye (crossed out when the token is shown), drawn in the text colour so it suits any theme.
QIcon eyeIcon(const QPalette& palette, bool crossed)
{
    QIcon icon;
    for (const int size : { 16, 24, 32, 48 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal s = size;
        QPen pen(palette.color(QPalette::Text), qMax<qreal>(1.0, s / 14.0));
        painter.setPen(pen);
        QPainterPath eye;
        eye.moveTo(s * 0.06, s * 0.5);
        eye.quadTo(s * 0.5, s * 0.08, s * 0.94, s * 0.5);
        eye.quadTo(s * 0.5, s * 0.92, s * 0.06, s * 0.5);
        painter.drawPath(eye);
        painter.setBrush(palette.color(QPalette::Text));
        painter.drawEllipse(QPointF(s * 0.5, s * 0.5), s * 0.14, s * 0.14);
        if (crossed)
            painter.drawLine(QPointF(s * 0.14, s * 0.86), QPointF(s * 0.86, s * 0.14));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString cellText(const QTableWidget* table, int row, int column)
{
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

void setCell(QTableWidget* table, int row, int column, const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    table->setItem(row, column, item);
}

// Gives both cells of a row an item and removes the marks of an earlier validation.
void clearCellMarks(QTableWidget* table, int row)
{
    for (int column = 0; column < 2; ++column) {
        if (!table->item(row, column))
            setCell(table, row, column, QString());
        table->item(row, column)->setBackground(QBrush());
        table->item(row, column)->setToolTip(QString());
    }
}

bool hasSpace(const QString& text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            return true;
    }
    return false;
}

} // namespace

SettingsDialog::SettingsDialog(AppSettings* settings, SecretStore* secrets, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_settings(settings)
    , m_secrets(secrets)
{
    m_ui->setupUi(this);
    setUpWidgets();
    populateChoices();

    m_savedConfig = m_settings->syncConfig();
    m_savedLanguage = m_settings->language();
    m_savedStartMinimized = m_settings->startMinimized();
    m_savedSessionOnly = m_settings->sessionOnlyToken();
    m_offerSessionOnly = m_savedSessionOnly;
    m_base = m_savedConfig;
    fillFields(m_savedConfig);
    m_filling = true;
    const int languageRow = m_ui->languageCombo->findData(m_savedLanguage);
    m_ui->languageCombo->setCurrentIndex(languageRow >= 0 ? languageRow : 0);
    m_ui->startMinimizedCheck->setChecked(m_savedStartMinimized);
    m_ui->sessionOnlyCheck->setChecked(m_savedSessionOnly);
    m_filling = false;

    connectEdits();
    connect(&m_tester, &ConnectionTester::finished, this, &SettingsDialog::onConnectionTested);

    if (m_secrets) {
        connect(m_secrets, &SecretStore::tokenRead, this, &SettingsDialog::onTokenRead);
        connect(m_secrets, &SecretStore::tokenWritten, this, &SettingsDialog::onTokenWritten);
        connect(m_secrets, &SecretStore::failed, this, &SettingsDialog::onSecretFailed);
        m_tokenOperation = TokenOperation::Reading;
        m_ui->tokenEdit->setPlaceholderText(tr("Reading the token from the keychain…"));
        m_secrets->readToken();
    }

    retranslate();
}

SettingsDialog::~SettingsDialog()
{
    m_tester.cancelAndWait();
}

void SettingsDialog::setUpWidgets()
{
    // Show / hide the token.
    m_showTokenAction = m_ui->tokenEdit->addAction(eyeIcon(palette(), false), QLineEdit::TrailingPosition);
    m_showTokenAction->setObjectName(QStringLiteral("showTokenAction"));
    m_showTokenAction->setCheckable(true);
    connect(m_showTokenAction, &QAction::toggled, this, [this](bool shown) {
        m_ui->tokenEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showTokenAction->setIcon(eyeIcon(palette(), shown));
        m_showTokenAction->setToolTip(shown ? tr("Hide the token") : tr("Show the token"));
    });

    // A warning sign inside each line edit that can be invalid; shown with the reason as tooltip.
    const QList<QLineEdit*> edits
        = { m_ui->apiUrlEdit,    m_ui->tokenEdit,          m_ui->databaseEdit, m_ui->nameEdit,
            m_ui->idEdit,        m_ui->scanInstrumentEdit, m_ui->recordIdEdit, m_ui->sessionFieldEdit,
            m_ui->dateFieldEdit, m_ui->timeFieldEdit,      m_ui->studyIdEdit,  m_ui->familyIdEdit };
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (QLineEdit* edit : edits) {
        QAction* action = edit->addAction(warning, QLineEdit::TrailingPosition);
        action->setVisible(false);
        m_warningActions.insert(edit, action);
    }

    // Word-wrapped labels in a form layout get the height of their size hint, which Qt computes
    // for a narrow width; a realistic minimum width keeps that close to the real height.
    for (QLabel* label : m_ui->tabs->findChildren<QLabel*>()) {
        if (label->wordWrap())
            label->setMinimumWidth(420);
    }

    m_ui->windowStartEdit->setTimeSpec(Qt::LocalTime);
    m_ui->windowEndEdit->setTimeSpec(Qt::LocalTime);

    for (QTableWidget* table : { m_ui->protocolTable, m_ui->mappingTable }) {
        table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
        table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
        table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    }
    m_ui->mappingTable->setItemDelegateForColumn(1, new WorklistColumnDelegate(m_ui->mappingTable));

    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setDefault(true);
    // Nothing to apply yet.
    m_ui->buttonBox->button(QDialogButtonBox::Apply)->setEnabled(false);
}

void SettingsDialog::populateChoices()
{
    m_ui->timeZoneCombo->clear();
    m_ui->timeZoneCombo->addItem(QString(), QString()); // "System (...)", text set in retranslate()
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds()) {
        const QString name = QString::fromUtf8(id);
        m_ui->timeZoneCombo->addItem(name, name);
    }

    m_ui->languageCombo->clear();
    m_ui->languageCombo->addItem(QString(), QString()); // "System language"
    for (const QString& language : Translator::availableLanguages())
        m_ui->languageCombo->addItem(Translator::nativeName(language), language);
}

void SettingsDialog::connectEdits()
{
    const auto changed = [this] {
        if (!m_filling)
            validate();
    };
    for (QLineEdit* edit : findChildren<QLineEdit*>()) {
        // Includes the editors inside spin boxes and time edits, so half-typed values are seen.
        connect(edit, &QLineEdit::textChanged, this, changed);
    }
    // Spin boxes update their editor with signals blocked: listen to their own signals too.
    for (QSpinBox* spin : findChildren<QSpinBox*>())
        connect(spin, &QSpinBox::valueChanged, this, changed);
    for (QDoubleSpinBox* spin : findChildren<QDoubleSpinBox*>())
        connect(spin, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_ui->windowStartEdit, &QTimeEdit::timeChanged, this, changed);
    connect(m_ui->windowEndEdit, &QTimeEdit::timeChanged, this, changed);
    connect(m_ui->timeZoneCombo, &QComboBox::currentIndexChanged, this, changed);
    connect(m_ui->languageCombo, &QComboBox::currentIndexChanged, this, changed);
    connect(m_ui->startMinimizedCheck, &QCheckBox::toggled, this, changed);
    connect(m_ui->sessionOnlyCheck, &QCheckBox::toggled, this, [this, changed] {
        updateKeychainNotice();
        changed();
    });
    for (QTableWidget* table : { m_ui->protocolTable, m_ui->mappingTable }) {
        connect(table, &QTableWidget::itemChanged, this, changed);
        connect(table->model(), &QAbstractItemModel::rowsRemoved, this, changed);
        connect(table->model(), &QAbstractItemModel::rowsInserted, this, changed);
    }

    connect(m_ui->addProtocolButton, &QPushButton::clicked, this,
            [this] { addTableRow(m_ui->protocolTable); });
    connect(m_ui->removeProtocolButton, &QPushButton::clicked, this,
            [this] { removeSelectedRows(m_ui->protocolTable); });
    connect(m_ui->addMappingButton, &QPushButton::clicked, this, [this] { addTableRow(m_ui->mappingTable); });
    connect(m_ui->removeMappingButton, &QPushButton::clicked, this,
            [this] { removeSelectedRows(m_ui->mappingTable); });
    connect(m_ui->browseDatabaseButton, &QPushButton::clicked, this, &SettingsDialog::browseDatabase);
    connect(m_ui->importButton, &QPushButton::clicked, this, &SettingsDialog::chooseConfigToImport);
    connect(m_ui->testConnectionButton, &QPushButton::clicked, this, &SettingsDialog::testConnection);

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_ui->buttonBox, &QDialogButtonBox::clicked, this, [this](QAbstractButton* button) {
        if (m_ui->buttonBox->buttonRole(button) == QDialogButtonBox::ApplyRole)
            apply();
    });
}

// ---------------------------------------------------------------------------------------------
// Fields <-> SyncConfig

void SettingsDialog::fillFields(const SyncConfig& c)
{
    m_filling = true;
    m_ui->apiUrlEdit->setText(c.apiUrl.toString());
    const QString zone = QString::fromUtf8(c.serverTimeZone);
    int zoneRow = m_ui->timeZoneCombo->findData(zone);
    if (zoneRow < 0) {
        // Not a zone this system knows: keep it visible so validation can point at it.
        m_ui->timeZoneCombo->addItem(zone, zone);
        zoneRow = m_ui->timeZoneCombo->count() - 1;
    }
    m_ui->timeZoneCombo->setCurrentIndex(zoneRow);
    m_ui->batchSizeSpin->setValue(c.batchSize);

    m_ui->intervalSpin->setValue(c.schedule.intervalSeconds);
    m_ui->windowStartEdit->setTime(c.schedule.windowStart);
    m_ui->windowEndEdit->setTime(c.schedule.windowEnd);
    m_ui->overlapSpin->setValue(c.schedule.overlapSeconds);

    const MappingConfig& m = c.mapping;
    m_ui->siteEdit->setText(m.site);
    m_ui->protocolEdit->setText(m.protocol);
    QStringList sites = m.protocolBySite.keys();
    sites.sort();
    m_ui->protocolTable->setRowCount(0);
    m_ui->protocolTable->setRowCount(int(sites.size()));
    for (int row = 0; row < sites.size(); ++row) {
        setCell(m_ui->protocolTable, row, 0, sites.at(row));
        setCell(m_ui->protocolTable, row, 1, m.protocolBySite.value(sites.at(row)));
    }
    m_ui->codingEdit->setText(m.codingDesignator);
    m_ui->nameEdit->setText(m.patientNamePattern);
    m_ui->idEdit->setText(m.patientIdPattern);

    m_ui->scanInstrumentEdit->setText(m.scanInstrument);
    m_ui->recordIdEdit->setText(m.recordIdField);
    m_ui->sessionFieldEdit->setText(m.sessionField);
    m_ui->dateFieldEdit->setText(m.dateField);
    m_ui->timeFieldEdit->setText(m.timeField);
    m_ui->studyIdEdit->setText(m.studyIdField);
    m_ui->familyIdEdit->setText(m.familyIdField);
    m_ui->mappingTable->setRowCount(0);
    m_ui->mappingTable->setRowCount(int(m.fieldMapping.size()));
    for (int row = 0; row < m.fieldMapping.size(); ++row) {
        setCell(m_ui->mappingTable, row, 0, m.fieldMapping.at(row).first);
        setCell(m_ui->mappingTable, row, 1, m.fieldMapping.at(row).second);
    }

    m_ui->databaseEdit->setText(QDir::toNativeSeparators(c.databasePath));
    m_ui->memoryWarnSpin->setValue(c.memoryWarnMbPerHour);
    m_ui->memoryCriticalSpin->setValue(c.memoryCriticalMb);
    m_filling = false;
    validate();
}

SyncConfig SettingsDialog::currentConfig() const
{
    SyncConfig c = m_base;
    c.warnings.clear();
    c.apiUrl = QUrl(m_ui->apiUrlEdit->text().trimmed());
    c.serverTimeZone = m_ui->timeZoneCombo->currentData().toString().toUtf8();
    c.batchSize = m_ui->batchSizeSpin->value();

    c.schedule.intervalSeconds = m_ui->intervalSpin->value();
    // Whole minutes: the start minute from its first second, the end minute up to its last one
    // (as pylantir includes it); the same minute twice means all day.
    const QTime start = m_ui->windowStartEdit->time();
    const QTime end = m_ui->windowEndEdit->time();
    c.schedule.windowStart = QTime(start.hour(), start.minute());
    c.schedule.windowEnd = start.hour() == end.hour() && start.minute() == end.minute()
        ? c.schedule.windowStart
        : QTime(end.hour(), end.minute(), 59);
    c.schedule.overlapSeconds = m_ui->overlapSpin->value();

    MappingConfig& m = c.mapping;
    m.site = m_ui->siteEdit->text().trimmed();
    m.protocol = m_ui->protocolEdit->text().trimmed();
    m.protocolBySite.clear();
    for (int row = 0; row < m_ui->protocolTable->rowCount(); ++row) {
        const QString site = cellText(m_ui->protocolTable, row, 0);
        if (!site.isEmpty())
            m.protocolBySite.insert(site, cellText(m_ui->protocolTable, row, 1));
    }
    m.codingDesignator = m_ui->codingEdit->text().trimmed();
    m.patientNamePattern = m_ui->nameEdit->text().trimmed();
    m.patientIdPattern = m_ui->idEdit->text().trimmed();

    m.scanInstrument = m_ui->scanInstrumentEdit->text().trimmed();
    m.recordIdField = m_ui->recordIdEdit->text().trimmed();
    m.sessionField = m_ui->sessionFieldEdit->text().trimmed();
    m.dateField = m_ui->dateFieldEdit->text().trimmed();
    m.timeField = m_ui->timeFieldEdit->text().trimmed();
    m.studyIdField = m_ui->studyIdEdit->text().trimmed();
    m.familyIdField = m_ui->familyIdEdit->text().trimmed();
    m.fieldMapping.clear();
    for (int row = 0; row < m_ui->mappingTable->rowCount(); ++row) {
        const QString field = cellText(m_ui->mappingTable, row, 0);
        const QString column = cellText(m_ui->mappingTable, row, 1);
        if (!field.isEmpty() || !column.isEmpty())
            m.fieldMapping.append({ field, column });
    }

    c.databasePath
        = QDir::fromNativeSeparators(ConfigLoader::expandHome(m_ui->databaseEdit->text().trimmed()));
    c.memoryWarnMbPerHour = m_ui->memoryWarnSpin->value();
    c.memoryCriticalMb = m_ui->memoryCriticalSpin->value();
    return c;
}

QString SettingsDialog::currentLanguage() const
{
    return m_ui->languageCombo->currentData().toString();
}

QString SettingsDialog::currentToken() const
{
    return m_ui->tokenEdit->text().trimmed();
}

bool SettingsDialog::sessionOnlyChosen() const
{
    return m_offerSessionOnly && m_ui->sessionOnlyCheck->isChecked();
}

bool SettingsDialog::isDirty() const
{
    return currentConfig() != m_savedConfig || currentLanguage() != m_savedLanguage
        || m_ui->startMinimizedCheck->isChecked() != m_savedStartMinimized
        || sessionOnlyChosen() != (m_offerSessionOnly && m_savedSessionOnly)
        || (m_tokenOperation != TokenOperation::Reading && currentToken() != m_storedToken);
}

// ---------------------------------------------------------------------------------------------
// Validation

void SettingsDialog::markField(QWidget* field, const QString& reason)
{
    if (reason.isEmpty())
        return;
    if (!m_markedFields.contains(field)) {
        m_markedFields.append(field);
        field->setToolTip(reason);
    } else {
        field->setToolTip(field->toolTip() + QLatin1Char('\n') + reason);
    }
    field->setStyleSheet(InvalidStyle);
    field->setProperty("invalid", true);
    if (QAction* action = m_warningActions.value(field)) {
        action->setToolTip(field->toolTip());
        action->setVisible(true);
    }
    ++m_problemCount;
}

void SettingsDialog::showErrors(QLabel* label, const QStringList& reasons)
{
    label->setText(reasons.join(QLatin1Char('\n')));
    label->setVisible(!reasons.isEmpty());
}

bool SettingsDialog::validate()
{
    // Clear the previous marks.
    for (QWidget* field : std::as_const(m_markedFields)) {
        field->setStyleSheet(QString());
        field->setToolTip(QString());
        field->setProperty("invalid", false);
        if (QAction* action = m_warningActions.value(field))
            action->setVisible(false);
    }
    m_markedFields.clear();
    m_problemCount = 0;
    const SyncConfig c = currentConfig();

    // REDCap API URL.
    {
        QString reason;
        const QString text = m_ui->apiUrlEdit->text().trimmed();
        const QUrl url(text, QUrl::StrictMode);
        if (text.isEmpty()) {
            reason = tr("Enter the REDCap API URL, e.g. https://redcap.example.org/redcap/api/.");
        } else if (!url.isValid() || url.host().isEmpty()) {
            reason = tr("This is not a web address. Copy the API URL from the project's API page in REDCap.");
        } else if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) {
            reason = tr("The address must start with https://.");
        } else if (url.scheme() == QLatin1String("http") && !isLoopbackHost(url.host())
                   && !c.allowInsecureHttp) {
            reason = tr("Use https://: plain http:// would send the token unencrypted, so it is allowed only "
                        "for this computer (localhost, 127.0.0.1).");
        } else if (!url.path().endsWith(QLatin1String("/api/"))) {
            reason = tr("The API URL ends with /api/ (e.g. https://redcap.example.org/redcap/api/).");
        } else if (const Result<void> checked = RedcapClient::validateUrl(url, c.allowInsecureHttp);
                   !checked) {
            reason = checked.error().message;
        }
        markField(m_ui->apiUrlEdit, reason);
        showErrors(m_ui->apiUrlError, reason.isEmpty() ? QStringList() : QStringList { reason });
    }

    // API token (not while the keychain is still being read).
    {
        QString reason;
        const QString token = currentToken();
        if (m_tokenOperation != TokenOperation::Reading) {
            if (token.isEmpty()) {
                reason = tr("Enter the project's API token (REDCap: the project's API page).");
            } else if (!RedcapClient::validateToken(token)) {
                if (token.size() != 32) {
                    reason = tr("An API token has 32 characters, not %1.").arg(token.size());
                } else {
                    reason = tr("An API token contains only the digits 0-9 and the letters A-F.");
                }
            }
        }
        markField(m_ui->tokenEdit, reason);
        QStringList reasons;
        if (!reason.isEmpty())
            reasons << reason;
        if (!m_tokenSaveError.isEmpty())
            reasons << m_tokenSaveError;
        showErrors(m_ui->tokenError, reasons);
    }

    // Spin boxes and time edits with half-typed or out-of-range text.
    const auto spinReason = [](const QAbstractSpinBox* spin, const QString& whenEmpty) {
        return spin->hasAcceptableInput() ? QString() : whenEmpty;
    };
    {
        const QString reason = spinReason(m_ui->batchSizeSpin,
                                          tr("Enter a batch size from %1 to %2 records.")
                                              .arg(m_ui->batchSizeSpin->minimum())
                                              .arg(m_ui->batchSizeSpin->maximum()));
        markField(m_ui->batchSizeSpin, reason);
        showErrors(m_ui->batchSizeError, reason.isEmpty() ? QStringList() : QStringList { reason });
    }
    {
        QString reason = spinReason(m_ui->intervalSpin, tr("Enter the sync interval in seconds."));
        if (reason.isEmpty() && m_ui->intervalSpin->value() < MinimumIntervalSeconds)
            reason = tr("The shortest sync interval is %1 seconds.").arg(MinimumIntervalSeconds);
        markField(m_ui->intervalSpin, reason);
        showErrors(m_ui->intervalError, reason.isEmpty() ? QStringList() : QStringList { reason });
    }
    {
        QStringList reasons;
        const QString start = spinReason(m_ui->windowStartEdit,
                                         tr("Enter the start of the operation window as "
                                            "hours and minutes, e.g. 08:00."));
        const QString end = spinReason(m_ui->windowEndEdit,
                                       tr("Enter the end of the operation window as hours "
                                          "and minutes, e.g. 18:00."));
        markField(m_ui->windowStartEdit, start);
        markField(m_ui->windowEndEdit, end);
        for (const QString& r : { start, end }) {
            if (!r.isEmpty())
                reasons << r;
        }
        showErrors(m_ui->windowError, reasons);
    }
    {
        const QString reason = spinReason(m_ui->overlapSpin, tr("Enter the overlap in seconds (0 or more)."));
        markField(m_ui->overlapSpin, reason);
        showErrors(m_ui->overlapError, reason.isEmpty() ? QStringList() : QStringList { reason });
    }
    {
        QStringList reasons;
        const QString warn
            = spinReason(m_ui->memoryWarnSpin, tr("Enter the warning growth rate in MB per hour."));
        const QString critical
            = spinReason(m_ui->memoryCriticalSpin, tr("Enter the critical memory size in MB."));
        markField(m_ui->memoryWarnSpin, warn);
        markField(m_ui->memoryCriticalSpin, critical);
        for (const QString& r : { warn, critical }) {
            if (!r.isEmpty())
                reasons << r;
        }
        showErrors(m_ui->memoryError, reasons);
    }

    // Server time zone.
    if (!c.serverTimeZone.isEmpty() && !QTimeZone(c.serverTimeZone).isValid())
        markField(m_ui->timeZoneCombo,
                  tr("%1 is not a time zone this computer knows.").arg(QString::fromUtf8(c.serverTimeZone)));

    // Database file.
    {
        QString reason;
        const QString path = c.databasePath;
        const QFileInfo info(path);
        if (path.isEmpty()) {
            reason = tr("Choose the worklist database file (pylantir's db_path).");
        } else if (info.isDir()) {
            reason = tr("%1 is a folder; choose a database file in it.").arg(QDir::toNativeSeparators(path));
        } else if (!info.absoluteDir().exists() && path != AppPaths::defaultDatabasePath()) {
            // The default folder is created (0700) on the first sync; any other must exist.
            reason = tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(info.absolutePath()));
        }
        markField(m_ui->databaseEdit, reason);
        showErrors(m_ui->databaseError, reason.isEmpty() ? QStringList() : QStringList { reason });
    }

    // REDCap field names of the scan rows.
    {
        QStringList reasons;
        const QList<QLineEdit*> required
            = { m_ui->scanInstrumentEdit, m_ui->recordIdEdit,  m_ui->sessionFieldEdit,
                m_ui->dateFieldEdit,      m_ui->timeFieldEdit, m_ui->studyIdEdit };
        bool missing = false;
        for (QLineEdit* edit : required) {
            if (edit->text().trimmed().isEmpty()) {
                markField(edit, tr("Required: the name of a REDCap field or instrument."));
                missing = true;
            }
        }
        if (missing)
            reasons << tr("Enter the scan instrument and the names of the marked REDCap fields.");
        for (QLineEdit* edit : required + QList<QLineEdit*> { m_ui->familyIdEdit }) {
            const QString name = edit->text().trimmed();
            if (hasSpace(name)) {
                const QString reason = tr("REDCap names have no spaces: “%1”.").arg(name);
                markField(edit, reason);
                reasons << reason;
            }
        }
        showErrors(m_ui->scanFieldsError, reasons);
    }

    // Patient name and ID patterns.
    {
        static const QRegularExpression placeholder(QStringLiteral("\\{[^{}]*\\}"));
        static const QStringList known
            = { QStringLiteral("{study}"), QStringLiteral("{family}"), QStringLiteral("{session}"),
                QStringLiteral("{site}"), QStringLiteral("{record}") };
        const auto patternReasons = [](const QString& pattern) {
            QStringList reasons;
            auto it = placeholder.globalMatch(pattern);
            while (it.hasNext()) {
                const QString found = it.next().captured(0);
                if (!known.contains(found))
                    reasons
                        << tr("Unknown placeholder %1: use {study}, {family}, {session}, {site} or {record}.")
                               .arg(found);
            }
            return reasons;
        };
        const QStringList nameReasons = patternReasons(c.mapping.patientNamePattern);
        QStringList idReasons = patternReasons(c.mapping.patientIdPattern);
        if (c.mapping.patientIdPattern.isEmpty())
            idReasons.prepend(
                tr("Enter a patient ID pattern: the scanner finds its worklist entries by patient ID."));
        markField(m_ui->nameEdit, nameReasons.join(QLatin1Char('\n')));
        markField(m_ui->idEdit, idReasons.join(QLatin1Char('\n')));
        showErrors(m_ui->nameError, nameReasons);
        showErrors(m_ui->idError, idReasons);
    }

    // Protocol by site.
    {
        QStringList reasons;
        QHash<QString, int> seen;
        QTableWidget* table = m_ui->protocolTable;
        const QSignalBlocker block(table);
        for (int row = 0; row < table->rowCount(); ++row) {
            clearCellMarks(table, row);
            const QString site = cellText(table, row, 0);
            const QString protocol = cellText(table, row, 1);
            QString reason;
            int column = 0;
            if (site.isEmpty()) {
                reason = tr("Row %1: enter the site, or remove the row.").arg(row + 1);
            } else if (seen.contains(site)) {
                reason = tr("Row %1: site %2 is already in row %3.")
                             .arg(row + 1)
                             .arg(site)
                             .arg(seen.value(site) + 1);
            } else if (protocol.isEmpty()) {
                reason = tr("Row %1: enter the protocol for site %2.").arg(row + 1).arg(site);
                column = 1;
            }
            seen.insert(site, row);
            if (!reason.isEmpty()) {
                table->item(row, column)->setBackground(InvalidCellColor);
                table->item(row, column)->setToolTip(reason);
                reasons << reason;
            }
        }
        markField(table, reasons.join(QLatin1Char('\n')));
        showErrors(m_ui->protocolError, reasons);
    }

    // Field mapping.
    {
        QStringList reasons;
        QStringList warnings;
        QStringList unwritten;
        QHash<QString, int> targets;
        QTableWidget* table = m_ui->mappingTable;
        const QSignalBlocker block(table);
        for (int row = 0; row < table->rowCount(); ++row) {
            clearCellMarks(table, row);
            const QString field = cellText(table, row, 0);
            const QString target = cellText(table, row, 1);
            QString reason;
            int column = 0;
            if (field.isEmpty()) {
                reason = tr("Row %1: enter the REDCap field, or remove the row.").arg(row + 1);
            } else if (hasSpace(field)) {
                reason = tr("Row %1: “%2” is not a REDCap field name (they have no spaces).")
                             .arg(row + 1)
                             .arg(field);
            } else if (target.isEmpty()) {
                reason = tr("Row %1: choose the worklist column %2 goes to.").arg(row + 1).arg(field);
                column = 1;
            }
            if (!reason.isEmpty()) {
                table->item(row, column)->setBackground(InvalidCellColor);
                table->item(row, column)->setToolTip(reason);
                reasons << reason;
                continue;
            }
            const Worklist::Column col = Worklist::columnFromName(target);
            if (!Worklist::isSyncWritable(col)) {
                unwritten << tr("row %1 (%2)").arg(row + 1).arg(target);
                table->item(row, 1)->setToolTip(
                    tr("Lantir does not write %1; this row writes nothing.").arg(target));
            } else if (targets.contains(target)) {
                warnings << tr("Rows %1 and %2 both write %3; the later row wins when both have a value.")
                                .arg(targets.value(target) + 1)
                                .arg(row + 1)
                                .arg(target);
            }
            targets.insert(target, row);
        }
        if (!unwritten.isEmpty()) {
            warnings.prepend(tr("Not worklist columns Lantir writes, so these rows are kept (pylantir "
                                "configurations use them) but write nothing: %1.")
                                 .arg(unwritten.join(QStringLiteral(", "))));
        }
        markField(table, reasons.join(QLatin1Char('\n')));
        showErrors(m_ui->mappingError, reasons);
        m_ui->mappingWarning->setText(warnings.join(QLatin1Char('\n')));
        m_ui->mappingWarning->setVisible(!warnings.isEmpty());
    }

    // A warning sign on each tab that has something to fix.
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (int i = 0; i < m_ui->tabs->count(); ++i) {
        QWidget* page = m_ui->tabs->widget(i);
        bool pageHasProblem = false;
        for (QWidget* field : std::as_const(m_markedFields)) {
            if (page->isAncestorOf(field))
                pageHasProblem = true;
        }
        m_ui->tabs->setTabIcon(i, pageHasProblem ? warning : QIcon());
    }

    m_valid = m_problemCount == 0;
    updatePreviews();
    updateButtons();
    renderStatus();
    return m_valid;
}

bool SettingsDialog::isInputValid() const
{
    return m_valid;
}

bool SettingsDialog::isBusy() const
{
    return m_tokenOperation != TokenOperation::None;
}

void SettingsDialog::updateButtons()
{
    const bool busy = m_tokenOperation != TokenOperation::None;
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(m_valid && !busy);
    m_ui->buttonBox->button(QDialogButtonBox::Apply)->setEnabled(m_valid && !busy && isDirty());
}

QString SettingsDialog::durationText(int seconds)
{
    const int h = seconds / 3600;
    const int m = seconds % 3600 / 60;
    const int s = seconds % 60;
    QStringList parts;
    if (h > 0)
        parts << tr("%1 h").arg(h);
    if (m > 0)
        parts << tr("%1 min").arg(m);
    if (s > 0 || parts.isEmpty())
        parts << tr("%1 s").arg(s);
    return parts.join(QLatin1Char(' '));
}

void SettingsDialog::updatePreviews()
{
    const SyncConfig c = currentConfig();
    const MappingConfig& m = c.mapping;

    m_ui->intervalHint->setText(QStringLiteral("= ") + durationText(m_ui->intervalSpin->value()));

    const QTime start = m_ui->windowStartEdit->time();
    const QTime end = m_ui->windowEndEdit->time();
    if (start.hour() == end.hour() && start.minute() == end.minute()) {
        m_ui->windowHint->setText(tr("Same start and end: Lantir syncs all day."));
    } else if (start > end) {
        m_ui->windowHint->setText(
            tr("Crosses midnight: Lantir syncs from %1 until %2 the next morning.")
                .arg(start.toString(QStringLiteral("HH:mm")), end.toString(QStringLiteral("HH:mm"))));
    } else {
        m_ui->windowHint->setText(
            tr("Lantir syncs from %1 to %2 each day.")
                .arg(start.toString(QStringLiteral("HH:mm")), end.toString(QStringLiteral("HH:mm"))));
    }

    // Run the real mapper on a sample visit, so the preview is exactly what the sync will write.
    ScanVisit visit;
    visit.recordId = SampleRecord;
    visit.repeatInstance = QStringLiteral("1");
    if (!m.studyIdField.isEmpty())
        visit.values.insert(m.studyIdField, SampleStudy);
    if (!m.familyIdField.isEmpty())
        visit.values.insert(m.familyIdField, SampleFamily);
    if (!m.sessionField.isEmpty())
        visit.values.insert(m.sessionField, SampleSession);
    const MappingOutcome outcome = WorklistMapper(m, c.sourceName).map({ visit });
    QString name;
    QString id;
    QString protocol;
    if (!outcome.entries.isEmpty()) {
        const WorklistEntry& entry = outcome.entries.constFirst();
        name = entry[Worklist::PatientName];
        id = entry[Worklist::PatientId];
        protocol = entry[Worklist::ProtocolName];
    }
    m_ui->namePreview->setText(tr("Example: %1").arg(name.isEmpty() ? tr("(empty)") : name));
    m_ui->idPreview->setText(tr("Example: %1").arg(id.isEmpty() ? tr("(empty)") : id));
    if (m.site.isEmpty() && protocol.isEmpty()) {
        m_ui->protocolPreview->setText(tr("No site and no protocol: protocol_name stays empty."));
    } else if (protocol.isEmpty()) {
        m_ui->protocolPreview->setText(tr("No protocol for site %1: protocol_name stays empty.").arg(m.site));
    } else if (m.site.isEmpty()) {
        m_ui->protocolPreview->setText(tr("Protocol written: %1").arg(protocol));
    } else {
        m_ui->protocolPreview->setText(tr("Protocol written for site %1: %2").arg(m.site, protocol));
    }
    m_ui->placeholderHint->setText(
        tr("Placeholders: {study} and {family} (the part of the study and family IDs after the last “-”), "
           "{session}, {site} and {record}. The examples use record %1 with study ID %2, family ID %3 and "
           "session %4.")
            .arg(SampleRecord, SampleStudy, SampleFamily, SampleSession));
}

void SettingsDialog::updateKeychainNotice()
{
    QString notice;
    const bool persistent = m_secrets && m_secrets->isPersistent();
    if (!m_keychainProblem.isEmpty()) {
        notice = tr("Lantir cannot use a keychain on this computer, so it cannot store the API token safely "
                    "(%1). You can keep the token for this session only: Lantir then forgets it when it "
                    "quits, and you enter it again when you start Lantir.")
                     .arg(m_keychainProblem);
    } else if (sessionOnlyChosen() || (!m_offerSessionOnly && m_secrets && !persistent)) {
        notice = tr("The token is kept for this session only: Lantir forgets it when it quits.");
    }
    m_ui->keychainNotice->setText(notice);
    m_ui->keychainNotice->setVisible(!notice.isEmpty());
    m_ui->sessionOnlyCheck->setVisible(m_offerSessionOnly);
}

// ---------------------------------------------------------------------------------------------
// Status texts

void SettingsDialog::renderTestResult()
{
    QLabel* label = m_ui->testResultLabel;
    m_ui->testConnectionButton->setText(m_testing ? tr("Stop &test") : tr("Test &connection"));
    if (m_testing) {
        label->setStyleSheet(QString());
        label->setText(tr("Connecting to %1…").arg(m_testedHost));
        return;
    }
    if (!m_lastTest) {
        label->clear();
        return;
    }
    const ConnectionTestResult& r = *m_lastTest;
    if (r.ok()) {
        QString text = tr("Connected to REDCap %1; fields in the project: %2.")
                           .arg(r.version)
                           .arg(r.fieldNames.size());
        if (!r.missingFields.isEmpty()) {
            text += QLatin1Char('\n')
                + tr("Not in the project's data dictionary: %1. Check the names on the REDCap fields tab.")
                      .arg(r.missingFields.join(QStringLiteral(", ")));
        }
        label->setStyleSheet(r.missingFields.isEmpty() ? QStringLiteral("color: #2e7d32;")
                                                       : QStringLiteral("color: #a15c00;"));
        label->setText(text);
    } else if (r.error.kind == Error::Kind::Cancelled) {
        label->setStyleSheet(QString());
        label->setText(tr("Connection test stopped."));
    } else {
        label->setStyleSheet(QStringLiteral("color: #c62828;"));
        label->setText(tr("Connection failed: %1").arg(r.error.message));
    }
}

void SettingsDialog::renderStatus()
{
    // One line each: what happened (plain), notes (amber), what blocks saving (red).
    constexpr int ShownNotes = 2;
    const auto line = [](const QString& text, const char* color) {
        const QString escaped = text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        return color ? QStringLiteral("<div style=\"color: %1\">%2</div>").arg(QLatin1String(color), escaped)
                     : QStringLiteral("<div>%1</div>").arg(escaped);
    };
    QString html;
    QStringList tooltip;
    if (!m_importError.isEmpty()) {
        html += line(m_importError, "#c62828");
    } else if (!m_importedPath.isEmpty()) {
        html += line(tr("Imported %1. Check the values, then press OK or Apply to save them.")
                         .arg(QFileInfo(m_importedPath).fileName()),
                     nullptr);
        tooltip << QDir::toNativeSeparators(m_importedPath);
        for (int i = 0; i < m_importWarnings.size(); ++i) {
            if (i < ShownNotes)
                html += line(m_importWarnings.at(i), "#a15c00");
            tooltip << m_importWarnings.at(i);
        }
        if (m_importWarnings.size() > ShownNotes) {
            html += line(tr("%1 more notes about the file: point at this text to read them all.")
                             .arg(m_importWarnings.size() - ShownNotes),
                         "#a15c00");
        }
    }
    if (!m_saveError.isEmpty())
        html += line(m_saveError, "#c62828");
    if (m_tokenOperation == TokenOperation::Writing)
        html += line(tr("Saving the token…"), nullptr);
    if (!m_valid)
        html += line(tr("Settings to fix before saving: %1.").arg(m_problemCount), "#c62828");
    m_ui->statusLabel->setTextFormat(Qt::RichText);
    m_ui->statusLabel->setText(html);
    m_ui->statusLabel->setToolTip(tooltip.join(QLatin1Char('\n')));
    m_ui->statusLabel->setVisible(!html.isEmpty());
}

void SettingsDialog::retranslate()
{
    m_ui->timeZoneCombo->setItemText(0,
                                     tr("System (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())));
    m_ui->languageCombo->setItemText(0, tr("System language"));
    m_showTokenAction->setToolTip(m_showTokenAction->isChecked() ? tr("Hide the token")
                                                                 : tr("Show the token"));
    if (m_tokenOperation == TokenOperation::Reading)
        m_ui->tokenEdit->setPlaceholderText(tr("Reading the token from the keychain…"));
    updateKeychainNotice();
    renderTestResult();
    validate();
}

void SettingsDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QDialog::changeEvent(event);
}

// ---------------------------------------------------------------------------------------------
// Token

void SettingsDialog::onTokenRead(const QString& token)
{
    if (m_tokenOperation != TokenOperation::Reading)
        return;
    m_tokenOperation = TokenOperation::None;
    m_storedToken = token;
    m_ui->tokenEdit->setPlaceholderText(tr("32 hexadecimal characters"));
    if (m_ui->tokenEdit->text().isEmpty()) {
        m_filling = true;
        m_ui->tokenEdit->setText(token);
        m_filling = false;
    }
    updateKeychainNotice();
    validate();
}

void SettingsDialog::onTokenWritten()
{
    if (m_tokenOperation != TokenOperation::Writing)
        return;
    m_tokenOperation = TokenOperation::None;
    m_storedToken = m_pendingToken;
    m_tokenSaveError.clear();
    if (m_secrets && m_secrets->isPersistent())
        m_keychainProblem.clear();
    finishApply(true);
}

void SettingsDialog::onSecretFailed(const QString& message, bool keychainUnavailable)
{
    const TokenOperation operation = m_tokenOperation;
    if (operation == TokenOperation::None)
        return;
    m_tokenOperation = TokenOperation::None;
    if (keychainUnavailable) {
        m_keychainProblem = message;
        m_offerSessionOnly = true;
    }
    if (operation == TokenOperation::Reading) {
        m_ui->tokenEdit->setPlaceholderText(tr("32 hexadecimal characters"));
        updateKeychainNotice();
        validate();
        return;
    }
    m_tokenSaveError = keychainUnavailable ? tr("The token was not saved. Tick “Keep the token for this "
                                                "session only” to use it until Lantir quits.")
                                           : tr("The token was not saved: %1").arg(message);
    updateKeychainNotice();
    finishApply(false);
}

// ---------------------------------------------------------------------------------------------
// Apply / OK / Cancel

bool SettingsDialog::apply()
{
    if (m_tokenOperation != TokenOperation::None || !validate())
        return false;

    const SyncConfig config = currentConfig();
    const bool sessionOnly = sessionOnlyChosen();
    m_settings->setSyncConfig(config);
    m_settings->setLanguage(currentLanguage());
    m_settings->setStartMinimized(m_ui->startMinimizedCheck->isChecked());
    m_settings->setSessionOnlyToken(sessionOnly);

    const QString token = currentToken();
    const bool modeChanged = m_secrets && m_offerSessionOnly && sessionOnly == m_secrets->isPersistent();
    if (m_secrets && (token != m_storedToken || modeChanged)) {
        if (m_offerSessionOnly)
            m_secrets->setSessionOnly(sessionOnly);
        m_tokenOperation = TokenOperation::Writing;
        m_pendingToken = token;
        updateButtons();
        renderStatus();
        m_secrets->writeToken(token);
        return true;
    }
    finishApply(true);
    return true;
}

void SettingsDialog::finishApply(bool tokenSaved)
{
    QString error;
    const bool settingsSaved = m_settings->save(&error); // emits changed(): the app picks it all up
    m_saveError = error;
    m_savedConfig = m_settings->syncConfig();
    m_savedLanguage = m_settings->language();
    m_savedStartMinimized = m_settings->startMinimized();
    m_savedSessionOnly = m_settings->sessionOnlyToken();
    m_base = currentConfig();
    m_importedPath.clear();
    m_importWarnings.clear();
    m_importError.clear();
    if (tokenSaved)
        m_tokenSaveError.clear();
    validate();

    const bool saved = settingsSaved && tokenSaved;
    const bool close = m_closeAfterSave && saved;
    m_closeAfterSave = false;
    Q_EMIT applied(saved);
    if (close)
        QDialog::accept();
}

void SettingsDialog::accept()
{
    if (!m_valid || m_tokenOperation != TokenOperation::None)
        return;
    m_closeAfterSave = true;
    if (!apply())
        m_closeAfterSave = false;
}

void SettingsDialog::done(int result)
{
    m_tester.cancelAndWait();
    m_testing = false;
    QDialog::done(result);
}

// ---------------------------------------------------------------------------------------------
// Connection test

bool SettingsDialog::isTestingConnection() const
{
    return m_testing;
}

void SettingsDialog::testConnection()
{
    if (m_testing) {
        m_tester.cancel();
        return;
    }
    validate();
    const SyncConfig c = currentConfig();
    if (m_ui->apiUrlEdit->property("invalid").toBool() || m_ui->tokenEdit->property("invalid").toBool()
        || currentToken().isEmpty()) {
        m_lastTest = ConnectionTestResult {};
        m_lastTest->error = makeError(Error::Kind::Config, tr("fix the API URL and token first."));
        renderTestResult();
        return;
    }
    RedcapClientOptions options;
    options.apiUrl = c.apiUrl;
    options.token = currentToken();
    options.timeoutMs = qMin(c.requestTimeoutMs, ConnectionTestTimeoutMs);
    options.maxTries = 1; // report the first problem as it is
    options.retryBaseDelayMs = c.retryBaseDelayMs;
    options.caFile = c.caFile;
    options.allowInsecureHttp = c.allowInsecureHttp;
    options.serverTimeZone = c.serverTimeZone;
    if (!m_tester.start(options, c.mapping.requestedFields()))
        return;
    m_testing = true;
    m_testedHost = c.apiUrl.host();
    renderTestResult();
}

void SettingsDialog::onConnectionTested(const ConnectionTestResult& result)
{
    m_testing = false;
    m_lastTest = result;
    renderTestResult();
    Q_EMIT connectionTestFinished(result);
}

// ---------------------------------------------------------------------------------------------
// Import, file picker, tables

bool SettingsDialog::importConfig(const QString& path)
{
    m_importedPath.clear();
    m_importWarnings.clear();
    m_importError.clear();
    const Result<SyncConfig> loaded = ConfigLoader::loadFile(path);
    if (!loaded) {
        m_importError
            = tr("Could not import %1: %2").arg(QDir::toNativeSeparators(path), loaded.error().message);
        renderStatus();
        return false;
    }
    SyncConfig c = loaded.value();
    const SyncConfig current = currentConfig();
    const SyncConfig defaults;
    // pylantir files have no API URL (REDCAP_API_URL), server time zone, CA file or memory alarms.
    if (c.apiUrl.isEmpty() && !current.apiUrl.isEmpty()) {
        c.apiUrl = current.apiUrl;
        // The loader's "no API URL in the file" warning does not apply: the dialog has one.
        c.warnings.removeIf([](const QString& w) { return w.contains(QLatin1String("REDCAP_API_URL")); });
    }
    if (c.serverTimeZone.isEmpty())
        c.serverTimeZone = current.serverTimeZone;
    if (c.caFile.isEmpty())
        c.caFile = current.caFile;
    if (c.databasePath.isEmpty())
        c.databasePath = current.databasePath;
    if (c.memoryWarnMbPerHour == defaults.memoryWarnMbPerHour)
        c.memoryWarnMbPerHour = current.memoryWarnMbPerHour;
    if (c.memoryCriticalMb == defaults.memoryCriticalMb)
        c.memoryCriticalMb = current.memoryCriticalMb;
    m_importWarnings = c.warnings;
    c.warnings.clear();
    m_base = c;
    m_importedPath = path;
    fillFields(c);
    return true;
}

void SettingsDialog::chooseConfigToImport()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Import pylantir configuration"), QDir::homePath(),
                                       tr("JSON configuration (*.json);;All files (*)"));
    if (!path.isEmpty())
        importConfig(path);
}

void SettingsDialog::browseDatabase()
{
    QString start = currentConfig().databasePath;
    if (start.isEmpty())
        start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Worklist database"), start, tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"),
        nullptr, QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        m_ui->databaseEdit->setText(QDir::toNativeSeparators(path));
}

void SettingsDialog::addTableRow(QTableWidget* table)
{
    const int row = table->rowCount();
    table->insertRow(row);
    setCell(table, row, 0, QString());
    setCell(table, row, 1, QString());
    table->setCurrentCell(row, 0);
    table->editItem(table->item(row, 0));
}

void SettingsDialog::removeSelectedRows(QTableWidget* table)
{
    QList<int> rows;
    for (const QModelIndex& index : table->selectionModel()->selectedIndexes()) {
        if (!rows.contains(index.row()))
            rows.append(index.row());
    }
    if (rows.isEmpty() && table->currentRow() >= 0)
        rows.append(table->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (const int row : rows)
        table->removeRow(row);
}

} // namespace Lantir
