#pragma once

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class DcmDataset;
class DcmItem;
class DcmTagKey;

namespace Lantir::Test {

// DCMTK's command-line tools (echoscu, findscu), run against a server on 127.0.0.1.
class DicomTools
{
public:
    // The tool's path, or empty when it is not installed.
    static QString path(const QString& name);
    // Empty when echoscu and findscu are both installed, else what is missing and how to get it.
    // Under CI=true a test must fail on it, elsewhere it may skip.
    static QString missing();

    struct Run
    {
        int exitCode = -1;
        QString output; // stdout and stderr
    };
    static Run run(const QString& tool, const QStringList& arguments);
    static Run echo(quint16 port, const QString& callingAet = QStringLiteral("SCANNER"),
                    const QString& calledAet = QStringLiteral("LANTIR"));
    // findscu -W with `keys` (-k arguments); the answers written by -X into `folder`, in order.
    static std::vector<std::unique_ptr<DcmDataset>>
    find(quint16 port, const QStringList& keys, const QString& folder, Run* run = nullptr,
         const QString& callingAet = QStringLiteral("SCANNER"),
         const QString& calledAet = QStringLiteral("LANTIR"));
    // A value of `item` (empty when absent), and one of its first Scheduled Procedure Step item.
    static QString value(DcmItem& item, const DcmTagKey& tag);
    static QString stepValue(DcmItem& item, const DcmTagKey& tag);
};

} // namespace Lantir::Test
