#include "WorklistServerPage.h"

#include "FieldMarks.h"
#include "config/DicomSectionParser.h"
#include "dicom/EchoProbe.h"
#include "ui_WorklistServerPage.h"

#include <QHostAddress>
#include <QtConcurrent/QtConcurrentRun>

namespace Lantir {

namespace {
const QString TestCallingAet = QStringLiteral("LANTIR_TEST");

QString aeReason(const QString& title)
{
    const QString problem = DicomSectionParser::aeTitleProblem(title);
    return problem.isEmpty() ? QString() : WorklistServerPage::tr("Not a valid AE title: %1.").arg(problem);
}
} // namespace

WorklistServerPage::WorklistServerPage(FieldMarks* marks, QWidget* parent)
    : SettingsPage(marks, parent)
    , m_ui(std::make_unique<Ui::WorklistServerPage>())
{
    m_ui->setupUi(this);
    setUpLabels();
    connect(m_ui->enabledCheck, &QCheckBox::toggled, this, &WorklistServerPage::updateEnabled);
    connect(m_ui->testButton, &QPushButton::clicked, this, &WorklistServerPage::startTest);
    connect(&m_test, &QFutureWatcher<EchoOutcome>::finished, this, &WorklistServerPage::showTestResult);
    watchEdits();
    updateEnabled();
}

WorklistServerPage::~WorklistServerPage()
{
    stopTest();
}

QString WorklistServerPage::title() const
{
    return tr("Worklist server");
}

void WorklistServerPage::fill(const SyncConfig& c)
{
    m_shown = c.dicom;
    m_ui->enabledCheck->setChecked(c.dicom.enabled);
    m_ui->aeTitleEdit->setText(c.dicom.aeTitle);
    m_ui->portSpin->setValue(c.dicom.port);
    m_ui->bindEdit->setText(c.dicom.bindAddress);
    m_ui->allowedEdit->setText(c.dicom.allowedCallingAets.join(QLatin1String(", ")));
    m_ui->checkCalledCheck->setChecked(c.dicom.checkCalledAet);
    m_ui->stationEdit->setText(c.dicom.defaultStationAet);
    m_ui->testResult->clear();
    updateEnabled();
}

QStringList WorklistServerPage::allowedTitles() const
{
    QStringList titles;
    for (const QString& part : m_ui->allowedEdit->text().split(QLatin1Char(','))) {
        if (const QString title = part.trimmed(); !title.isEmpty())
            titles.append(title);
    }
    return titles;
}

void WorklistServerPage::store(SyncConfig& c) const
{
    DicomConfig d = m_shown;
    d.enabled = m_ui->enabledCheck->isChecked();
    d.aeTitle = m_ui->aeTitleEdit->text().trimmed();
    d.port = m_ui->portSpin->value();
    d.bindAddress = m_ui->bindEdit->text().trimmed();
    d.allowedCallingAets = allowedTitles();
    d.checkCalledAet = m_ui->checkCalledCheck->isChecked();
    d.defaultStationAet = m_ui->stationEdit->text().trimmed();
    c.dicom = d;
}

void WorklistServerPage::validate(const SyncConfig& /*config*/)
{
    const QString ae = aeReason(m_ui->aeTitleEdit->text().trimmed());
    marks().mark(m_ui->aeTitleEdit, ae);
    FieldMarks::showError(m_ui->aeTitleError, ae);

    const QString bind = m_ui->bindEdit->text().trimmed();
    QString bindReason;
    if (!bind.isEmpty() && QHostAddress(bind).protocol() != QAbstractSocket::IPv4Protocol)
        bindReason = tr("Enter an IPv4 address of this computer (e.g. 192.168.1.20), or leave it empty to "
                        "listen on every interface.");
    marks().mark(m_ui->bindEdit, bindReason);
    FieldMarks::showError(m_ui->bindError, bindReason);

    QStringList allowed;
    for (const QString& title : allowedTitles()) {
        if (const QString reason = aeReason(title); !reason.isEmpty())
            allowed << QStringLiteral("“%1”: %2").arg(title, reason);
    }
    marks().mark(m_ui->allowedEdit, allowed.join(QLatin1Char('\n')));
    FieldMarks::showErrors(m_ui->allowedError, allowed);

    const QString station = m_ui->stationEdit->text().trimmed();
    const QString stationReason = station.isEmpty() ? QString() : aeReason(station);
    marks().mark(m_ui->stationEdit, stationReason);
    FieldMarks::showError(m_ui->stationError, stationReason);
}

void WorklistServerPage::retranslate()
{
    m_ui->retranslateUi(this);
    showTestResult();
}

void WorklistServerPage::updateEnabled()
{
    const bool on = m_ui->enabledCheck->isChecked();
    for (QWidget* w : std::initializer_list<QWidget*> { m_ui->aeTitleEdit, m_ui->portSpin, m_ui->bindEdit,
                                                        m_ui->allowedEdit, m_ui->checkCalledCheck,
                                                        m_ui->stationEdit, m_ui->testButton })
        w->setEnabled(on);
}

// The running server, as the fields describe it: a test of the settings once they are saved.
void WorklistServerPage::startTest()
{
    if (m_test.isRunning())
        return;
    const QString bind = m_ui->bindEdit->text().trimmed();
    const QString host
        = bind.isEmpty() || bind == QLatin1String("0.0.0.0") ? QStringLiteral("127.0.0.1") : bind;
    const quint16 port = quint16(m_ui->portSpin->value());
    const QString called = m_ui->aeTitleEdit->text().trimmed();
    m_ui->testButton->setEnabled(false);
    m_ui->testResult->setText(tr("Testing…"));
    m_test.setFuture(QtConcurrent::run([host, port, called] {
        const Result<qint64> answer = Dicom::echo(host, port, TestCallingAet, called);
        EchoOutcome outcome;
        outcome.ok = answer.ok();
        outcome.ms = answer.ok() ? answer.value() : 0;
        outcome.error = answer.ok() ? QString() : answer.error().message;
        return outcome;
    }));
}

void WorklistServerPage::showTestResult()
{
    if (!m_test.isFinished() || m_test.future().resultCount() == 0)
        return;
    const EchoOutcome outcome = m_test.result();
    m_ui->testButton->setEnabled(m_ui->enabledCheck->isChecked());
    if (outcome.ok)
        m_ui->testResult->setText(tr("The worklist server answered the C-ECHO in %1 ms.").arg(outcome.ms));
    else
        m_ui->testResult->setText(outcome.error);
}

void WorklistServerPage::stopTest()
{
    m_test.waitForFinished();
}

} // namespace Lantir
