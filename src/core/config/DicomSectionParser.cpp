#include "config/DicomSectionParser.h"

#include <QJsonArray>
#include <QJsonValue>

namespace Lantir {

namespace {
class SectionReader
{
public:
    SectionReader(const QJsonObject& section, const QString& origin)
        : m_section(section)
        , m_origin(origin)
    {
    }

    bool fail(const QString& key, const QString& reason)
    {
        m_error
            = makeError(Error::Kind::Config, QStringLiteral("%1: dicom.%2 %3").arg(m_origin, key, reason));
        return false;
    }
    bool readBool(const QString& key, bool& out)
    {
        const QJsonValue v = m_section.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isBool())
            return fail(key, QStringLiteral("must be true or false"));
        out = v.toBool();
        return true;
    }
    bool readInt(const QString& key, int& out, int low, int high)
    {
        const QJsonValue v = m_section.value(key);
        if (v.isUndefined())
            return true;
        const double d = v.toDouble(-1e300);
        if (!v.isDouble() || d != double(qint64(d)) || d < low || d > high)
            return fail(key, QStringLiteral("must be a whole number from %1 to %2").arg(low).arg(high));
        out = int(d);
        return true;
    }
    bool readString(const QString& key, QString& out)
    {
        const QJsonValue v = m_section.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isString())
            return fail(key, QStringLiteral("must be a string"));
        out = v.toString().trimmed();
        return true;
    }
    bool readAeTitle(const QString& key, QString& out, bool allowEmpty)
    {
        QString value = out;
        if (!readString(key, value))
            return false;
        if (allowEmpty && value.isEmpty()) {
            out = value;
            return true;
        }
        if (const QString problem = DicomSectionParser::aeTitleProblem(value); !problem.isEmpty())
            return fail(key, problem);
        out = value;
        return true;
    }
    bool readList(const QString& key, QStringList& out, bool aeTitles)
    {
        const QJsonValue v = m_section.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        QStringList values;
        const QJsonArray array = v.isString() ? QJsonArray { v } : v.toArray();
        if (!v.isString() && !v.isArray())
            return fail(key, QStringLiteral("must be a list of strings"));
        for (const auto& item : array) {
            if (!item.isString())
                return fail(key, QStringLiteral("must be a list of strings"));
            const QString text = item.toString().trimmed();
            if (aeTitles && !DicomSectionParser::aeTitleProblem(text).isEmpty())
                return fail(
                    key,
                    QStringLiteral("holds '%1': %2").arg(text, DicomSectionParser::aeTitleProblem(text)));
            if (!text.isEmpty())
                values << text;
        }
        out = values;
        return true;
    }
    Error error() const { return m_error; }

private:
    QJsonObject m_section;
    QString m_origin;
    Error m_error;
};

const QLatin1String Keys[] = {
    QLatin1String("enabled"),
    QLatin1String("ae_title"),
    QLatin1String("port"),
    QLatin1String("bind"),
    QLatin1String("allowed_calling_aets"),
    QLatin1String("allowed_aet"),
    QLatin1String("check_called_aet"),
    QLatin1String("max_answers"),
    QLatin1String("served_statuses"),
    QLatin1String("default_station_aet"),
    QLatin1String("pn_case_sensitive"),
    QLatin1String("acse_timeout_s"),
    QLatin1String("dimse_timeout_s"),
    QLatin1String("max_associations"),
};
} // namespace

QString DicomSectionParser::aeTitleProblem(const QString& title)
{
    constexpr int MaxAeLength = 16;
    if (title.trimmed().isEmpty())
        return QStringLiteral("must not be empty");
    if (title.size() > MaxAeLength)
        return QStringLiteral("is longer than 16 characters");
    for (const QChar ch : title) {
        if (ch.unicode() < 0x20 || ch.unicode() > 0x7e || ch == QLatin1Char('\\'))
            return QStringLiteral("may hold only printable ASCII characters other than a backslash");
    }
    return {};
}

Result<DicomConfig> DicomSectionParser::parse(const QJsonObject& root, bool pylantirFormat,
                                              const QString& origin, QStringList* warnings)
{
    DicomConfig c;
    if (pylantirFormat) {
        SectionReader reader(root, origin);
        if (!reader.readList(QStringLiteral("allowed_aet"), c.allowedCallingAets, false))
            return reader.error();
        return c;
    }
    const QJsonValue value = root.value(QLatin1String("dicom"));
    if (value.isUndefined() || value.isNull())
        return c;
    if (!value.isObject())
        return makeError(Error::Kind::Config, QStringLiteral("%1: dicom must be an object").arg(origin));
    const QJsonObject section = value.toObject();
    for (auto it = section.begin(); it != section.end(); ++it) {
        const bool known = std::find(std::begin(Keys), std::end(Keys), it.key()) != std::end(Keys);
        if (!known && !it.key().startsWith(QLatin1Char('_')) && warnings)
            warnings->append(QStringLiteral("unknown key 'dicom.%1' in %2 ignored").arg(it.key(), origin));
    }
    SectionReader r(section, origin);
    const bool ok = r.readBool(QStringLiteral("enabled"), c.enabled)
        && r.readAeTitle(QStringLiteral("ae_title"), c.aeTitle, false)
        && r.readInt(QStringLiteral("port"), c.port, 1, 65535)
        && r.readString(QStringLiteral("bind"), c.bindAddress)
        && r.readList(QStringLiteral("allowed_aet"), c.allowedCallingAets, true)
        && r.readList(QStringLiteral("allowed_calling_aets"), c.allowedCallingAets, true)
        && r.readBool(QStringLiteral("check_called_aet"), c.checkCalledAet)
        && r.readInt(QStringLiteral("max_answers"), c.maxAnswers, 1, 1000000)
        && r.readList(QStringLiteral("served_statuses"), c.servedStatuses, false)
        && r.readAeTitle(QStringLiteral("default_station_aet"), c.defaultStationAet, true)
        && r.readBool(QStringLiteral("pn_case_sensitive"), c.pnCaseSensitive)
        && r.readInt(QStringLiteral("acse_timeout_s"), c.acseTimeoutSeconds, 1, 3600)
        && r.readInt(QStringLiteral("dimse_timeout_s"), c.dimseTimeoutSeconds, 1, 3600)
        && r.readInt(QStringLiteral("max_associations"), c.maxAssociations, 1, 64);
    if (!ok)
        return r.error();
    return c;
}

QJsonObject DicomSectionParser::toJson(const DicomConfig& c)
{
    return QJsonObject {
        { QStringLiteral("enabled"), c.enabled },
        { QStringLiteral("ae_title"), c.aeTitle },
        { QStringLiteral("port"), c.port },
        { QStringLiteral("bind"), c.bindAddress },
        { QStringLiteral("allowed_calling_aets"), QJsonArray::fromStringList(c.allowedCallingAets) },
        { QStringLiteral("check_called_aet"), c.checkCalledAet },
        { QStringLiteral("max_answers"), c.maxAnswers },
        { QStringLiteral("served_statuses"), QJsonArray::fromStringList(c.servedStatuses) },
        { QStringLiteral("default_station_aet"), c.defaultStationAet },
        { QStringLiteral("pn_case_sensitive"), c.pnCaseSensitive },
        { QStringLiteral("acse_timeout_s"), c.acseTimeoutSeconds },
        { QStringLiteral("dimse_timeout_s"), c.dimseTimeoutSeconds },
        { QStringLiteral("max_associations"), c.maxAssociations },
    };
}

} // namespace Lantir
