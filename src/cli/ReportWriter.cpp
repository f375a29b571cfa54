#include "ReportWriter.h"

#include <QFile>
#include <QJsonDocument>

namespace Lantir {

ReportWriter::ReportWriter(QString path)
    : m_path(std::move(path))
{
}

Result<void> ReportWriter::openForAppend(QFile& file) const
{
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        return makeError(
            Error::Kind::Config,
            QStringLiteral("Cannot write the report file %1: %2.").arg(m_path, file.errorString()));
    }
    return {};
}

Result<void> ReportWriter::prepare()
{
    if (!isEnabled())
        return {};
    QFile file(m_path);
    return openForAppend(file);
}

Result<void> ReportWriter::append(const CycleReport& report)
{
    if (!isEnabled())
        return {};
    QFile file(m_path);
    if (Result<void> opened = openForAppend(file); !opened)
        return opened;
    QByteArray line = QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact);
    line.append('\n');
    if (file.write(line) != line.size() || !file.flush())
        return makeError(
            Error::Kind::Config,
            QStringLiteral("Writing the report file %1 failed: %2.").arg(m_path, file.errorString()));
    return {};
}

} // namespace Lantir
