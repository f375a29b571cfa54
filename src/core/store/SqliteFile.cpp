#include "store/SqliteFile.h"

#include "base/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

namespace Lantir::SqliteFile {

Result<void> createFolders(const QString& folder)
{
    QStringList missing;
    QString current = QDir::cleanPath(folder);
    while (!QFileInfo::exists(current)) {
        missing.prepend(current);
        const QString parent = QFileInfo(current).path();
        if (parent == current)
            break;
        current = parent;
    }
    for (const QString& path : qAsConst(missing)) {
        if (!QDir().mkdir(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
            return makeError(
                Error::Kind::Database,
                QStringLiteral("Could not create the folder %1 for the worklist database. Check that "
                               "its parent folder is writable for this user, or choose another "
                               "database path.")
                    .arg(QDir::toNativeSeparators(path)));
        qCInfo(lcStore) << "Created folder" << QDir::toNativeSeparators(path);
    }
    return {};
}

Result<void> createPrivateFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner)) {
        if (QFileInfo::exists(path))
            return {};
        return makeError(
            Error::Kind::Database,
            QStringLiteral("Could not create the worklist database %1: %2. Check that the folder is "
                           "writable for this user, or choose another database path.")
                .arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    qCInfo(lcStore) << "Created worklist database file" << QDir::toNativeSeparators(path);
    return {};
}

Result<void> checkHeader(const QString& path)
{
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(Error::Kind::Database,
                         QStringLiteral("Could not read the worklist database %1: %2. Check the file's "
                                        "permissions.")
                             .arg(shown, file.errorString()));
    static const QByteArray Header("SQLite format 3\0", 16);
    const QByteArray head = file.read(Header.size());
    if (head.isEmpty() && file.size() == 0)
        return {};
    if (head == Header)
        return {};
    return makeError(
        Error::Kind::Database,
        QStringLiteral("The file %1 is not a SQLite database, so it cannot be the worklist database. "
                       "Lantir left it untouched: choose another database path, or move that file "
                       "away if it is not needed.")
            .arg(shown));
}

} // namespace Lantir::SqliteFile
