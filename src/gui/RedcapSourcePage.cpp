#include "RedcapSourcePage.h"

#include "FieldMarks.h"
#include "config/FieldRules.h"
#include "redcap/RedcapClient.h"
#include "ui_RedcapSourcePage.h"

#include <QAction>
#include <QPainter>
#include <QPainterPath>
#include <QTimeZone>

namespace Lantir {

namespace {

constexpr int ConnectionTestTimeoutMs = 30000;

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

} // namespace

RedcapSourcePage::RedcapSourcePage(FieldMarks* marks, QWidget* parent)
    : SettingsPage(marks, parent)
    , m_ui(std::make_unique<Ui::RedcapSourcePage>())
{
    m_ui->setupUi(this);
    setUpLabels();
    m_showTokenAction = m_ui->tokenEdit->addAction(eyeIcon(palette(), false), QLineEdit::TrailingPosition);
    m_showTokenAction->setObjectName(QStringLiteral("showTokenAction"));
    m_showTokenAction->setCheckable(true);
    connect(m_showTokenAction, &QAction::toggled, this, [this](bool shown) {
        m_ui->tokenEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showTokenAction->setIcon(eyeIcon(palette(), shown));
        m_showTokenAction->setToolTip(shown ? tr("Hide the token") : tr("Show the token"));
    });
    marks->addWarningSign(m_ui->apiUrlEdit);
    marks->addWarningSign(m_ui->tokenEdit);

    m_ui->timeZoneCombo->addItem(QString(), QString()); // "System (...)", text set in retranslate()
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds()) {
        const QString name = QString::fromUtf8(id);
        m_ui->timeZoneCombo->addItem(name, name);
    }
    connect(m_ui->sessionOnlyCheck, &QCheckBox::toggled, this, &RedcapSourcePage::sessionOnlyToggled);
    connect(m_ui->testConnectionButton, &QPushButton::clicked, this, &RedcapSourcePage::testRequested);
    connect(&m_tester, &ConnectionTester::finished, this, &RedcapSourcePage::onConnectionTested);
    watchEdits();
    retranslate();
}

RedcapSourcePage::~RedcapSourcePage()
{
    m_tester.cancelAndWait();
}

QString RedcapSourcePage::title() const
{
    return tr("REDCap");
}

void RedcapSourcePage::fill(const SyncConfig& c)
{
    const SourceConfig& s = source(c);
    m_ui->apiUrlEdit->setText(s.apiUrl.toString());
    const QString zone = QString::fromUtf8(s.serverTimeZone);
    int zoneRow = m_ui->timeZoneCombo->findData(zone);
    if (zoneRow < 0) {
        // Not a zone this system knows: keep it visible so validation can point at it.
        m_ui->timeZoneCombo->addItem(zone, zone);
        zoneRow = m_ui->timeZoneCombo->count() - 1;
    }
    m_ui->timeZoneCombo->setCurrentIndex(zoneRow);
    m_ui->batchSizeSpin->setValue(s.batchSize);
}

void RedcapSourcePage::store(SyncConfig& c) const
{
    SourceConfig& s = source(c);
    s.apiUrl = QUrl(m_ui->apiUrlEdit->text().trimmed());
    s.serverTimeZone = m_ui->timeZoneCombo->currentData().toString().toUtf8();
    s.batchSize = m_ui->batchSizeSpin->value();
}

// The rules are FieldRules' (the loader's and the client's too); the sentences are the dialog's.
QString RedcapSourcePage::urlProblem(const SyncConfig& config) const
{
    const SourceConfig& c = source(config);
    using FieldRules::Problem;
    switch (FieldRules::apiUrlText(m_ui->apiUrlEdit->text(), c.allowInsecureHttp)) {
    case Problem::None:
        return QString();
    case Problem::Empty:
        return tr("Enter the REDCap API URL, e.g. https://redcap.example.org/redcap/api/.");
    case Problem::UrlNotHttp:
        return tr("The address must start with https://.");
    case Problem::UrlInsecureHttp:
        return tr("Use https://: plain http:// would send the token unencrypted, so it is allowed only "
                  "for this computer (localhost, 127.0.0.1).");
    case Problem::UrlUserInfo:
        return tr("Remove the user name and password from the address: REDCap's API needs only the token.");
    case Problem::UrlQueryOrFragment:
        return tr("Remove everything after /api/ (a '?' or '#' part) from the address.");
    case Problem::UrlNotApiPath:
        return tr("The API URL ends with /api/ (e.g. https://redcap.example.org/redcap/api/).");
    default:
        return tr("This is not a web address. Copy the API URL from the project's API page in REDCap.");
    }
}

QString RedcapSourcePage::tokenProblem() const
{
    const QString text = token();
    if (m_tokenReading)
        return QString();
    using FieldRules::Problem;
    switch (FieldRules::token(text)) {
    case Problem::None:
        return QString();
    case Problem::Empty:
        return tr("Enter the project's API token (REDCap: the project's API page).");
    case Problem::TokenSpaces:
        return tr("Remove the spaces or line breaks around the API token.");
    case Problem::TokenLength:
        return tr("An API token has 32 characters, not %1.").arg(text.size());
    default:
        return tr("An API token contains only the digits 0-9 and the letters A-F.");
    }
}

void RedcapSourcePage::validate(const SyncConfig& config)
{
    const SourceConfig& c = source(config);
    const QString url = urlProblem(config);
    marks().mark(m_ui->apiUrlEdit, url);
    FieldMarks::showError(m_ui->apiUrlError, url);

    const QString tokenReason = tokenProblem();
    marks().mark(m_ui->tokenEdit, tokenReason);
    QStringList tokenReasons;
    for (const QString& reason : { tokenReason, m_tokenSaveError }) {
        if (!reason.isEmpty())
            tokenReasons << reason;
    }
    FieldMarks::showErrors(m_ui->tokenError, tokenReasons);

    const QString batch = inputReason(m_ui->batchSizeSpin,
                                      tr("Enter a batch size from %1 to %2 records.")
                                          .arg(m_ui->batchSizeSpin->minimum())
                                          .arg(m_ui->batchSizeSpin->maximum()));
    marks().mark(m_ui->batchSizeSpin, batch);
    FieldMarks::showError(m_ui->batchSizeError, batch);

    if (!c.serverTimeZone.isEmpty() && !QTimeZone(c.serverTimeZone).isValid())
        marks().mark(
            m_ui->timeZoneCombo,
            tr("%1 is not a time zone this computer knows.").arg(QString::fromUtf8(c.serverTimeZone)));
}

void RedcapSourcePage::retranslate()
{
    m_ui->retranslateUi(this);
    m_ui->timeZoneCombo->setItemText(0,
                                     tr("System (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())));
    m_showTokenAction->setToolTip(m_showTokenAction->isChecked() ? tr("Hide the token")
                                                                 : tr("Show the token"));
    setTokenReading(m_tokenReading);
    renderTestResult();
}

QString RedcapSourcePage::token() const
{
    return m_ui->tokenEdit->text().trimmed();
}

void RedcapSourcePage::offerStoredToken(const QString& token)
{
    if (m_ui->tokenEdit->text().isEmpty())
        m_ui->tokenEdit->setText(token);
}

void RedcapSourcePage::setToken(const QString& token)
{
    m_ui->tokenEdit->setText(token);
}

void RedcapSourcePage::setTokenReading(bool reading)
{
    m_tokenReading = reading;
    m_ui->tokenEdit->setPlaceholderText(reading ? tr("Reading the token from the keychain…")
                                                : tr("32 hexadecimal characters"));
}

void RedcapSourcePage::setTokenSaveError(const QString& error)
{
    m_tokenSaveError = error;
}

void RedcapSourcePage::showKeychainNotice(const QString& notice, bool offerSessionOnly)
{
    m_ui->keychainNotice->setText(notice);
    m_ui->keychainNotice->setVisible(!notice.isEmpty());
    m_ui->sessionOnlyCheck->setVisible(offerSessionOnly);
}

bool RedcapSourcePage::sessionOnlyChecked() const
{
    return m_ui->sessionOnlyCheck->isChecked();
}

void RedcapSourcePage::setSessionOnlyChecked(bool checked)
{
    m_ui->sessionOnlyCheck->setChecked(checked);
}

void RedcapSourcePage::testConnection(const SyncConfig& config)
{
    const SourceConfig& c = source(config);
    if (m_testing) {
        m_tester.cancel();
        return;
    }
    if (marks().isMarked(m_ui->apiUrlEdit) || marks().isMarked(m_ui->tokenEdit) || token().isEmpty()) {
        m_lastTest = ConnectionTestResult {};
        m_lastTest->error = makeError(Error::Kind::Config, tr("fix the API URL and token first."));
        renderTestResult();
        return;
    }
    RedcapClientOptions options;
    options.apiUrl = c.apiUrl;
    options.token = token();
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

void RedcapSourcePage::stopConnectionTest()
{
    m_tester.cancelAndWait();
    m_testing = false;
}

void RedcapSourcePage::forgetConnectionTest()
{
    stopConnectionTest();
    m_lastTest.reset();
    renderTestResult();
}

void RedcapSourcePage::onConnectionTested(const ConnectionTestResult& result)
{
    m_testing = false;
    m_lastTest = result;
    renderTestResult();
    Q_EMIT connectionTestFinished(result);
}

void RedcapSourcePage::renderTestResult()
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

} // namespace Lantir
