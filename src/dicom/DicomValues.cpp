#include "dicom/DicomValues.h"

#include <QDate>
#include <QRegularExpression>
#include <QTime>

namespace Lantir::Dicom::Values {

QString toDa(const QString& stored)
{
    static const QRegularExpression dashed(QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})$"));
    static const QRegularExpression plain(QStringLiteral("^(\\d{4})(\\d{2})(\\d{2})$"));
    const QString text = stored.trimmed();
    QRegularExpressionMatch match = dashed.match(text);
    if (!match.hasMatch())
        match = plain.match(text);
    if (!match.hasMatch())
        return {};
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    return date.isValid() ? date.toString(QStringLiteral("yyyyMMdd")) : QString();
}

QString toTm(const QString& stored)
{
    static const QRegularExpression colons(QStringLiteral("^(\\d{1,2}):(\\d{2})(?::(\\d{2}))?$"));
    static const QRegularExpression digits(QStringLiteral("^(\\d{2})(\\d{2})(\\d{2})?$"));
    const QString text = stored.trimmed();
    QRegularExpressionMatch match = colons.match(text);
    if (!match.hasMatch())
        match = digits.match(text);
    if (!match.hasMatch())
        return {};
    const QTime time(match.captured(1).toInt(), match.captured(2).toInt(),
                     match.captured(3).isEmpty() ? 0 : match.captured(3).toInt());
    return time.isValid() ? time.toString(QStringLiteral("HHmmss")) : QString();
}

QString poundsToKilograms(const QString& pounds)
{
    bool ok = false;
    const double lb = pounds.trimmed().toDouble(&ok);
    constexpr double KilogramsPerPound = 0.45359237;
    constexpr double MaxPounds = 1500.0;
    if (!ok || !(lb > 0.0) || lb > MaxPounds)
        return {};
    return QString::number(lb * KilogramsPerPound, 'f', 1);
}

QString toSex(const QString& stored)
{
    const QString sex = stored.trimmed().toUpper();
    if (sex == QLatin1String("M") || sex == QLatin1String("F") || sex == QLatin1String("O"))
        return sex;
    return {};
}

QString toSpsStatus(const QString& stored)
{
    const QString status = stored.trimmed().toUpper();
    if (status == QLatin1String("IN_PROGRESS"))
        return QStringLiteral("STARTED");
    if (status == QLatin1String("SCHEDULED") || status == QLatin1String("COMPLETED")
        || status == QLatin1String("DISCONTINUED"))
        return status;
    return {};
}

QString requestedProcedureId(qint64 rowId)
{
    return QStringLiteral("RP%1").arg(rowId);
}

QString scheduledProcedureStepId(qint64 rowId)
{
    return QStringLiteral("SPS%1").arg(rowId);
}

qint64 rowIdFromStepId(const QString& stepId)
{
    const QString text = stepId.trimmed();
    if (!text.startsWith(QLatin1String("SPS")))
        return -1;
    bool ok = false;
    const qint64 id = text.mid(3).toLongLong(&ok);
    return ok && id > 0 ? id : -1;
}

bool isNonAscii(const char* utf8)
{
    if (!utf8)
        return false;
    for (const char* p = utf8; *p; ++p) {
        if (static_cast<unsigned char>(*p) >= 0x80)
            return true;
    }
    return false;
}

} // namespace Lantir::Dicom::Values
