#include "config/AppPaths.h"

#include "base/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QStringList>

namespace Lantir {

namespace {

constexpr QFile::Permissions PrivateDirMode = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
constexpr QFile::Permissions PrivateFileMode = QFile::ReadOwner | QFile::WriteOwner;
constexpr QFile::Permissions OthersMask = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
    | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;

QString inLantirFolder(QStandardPaths::StandardLocation location, const QString& fileName = QString())
{
    const QString base = QStandardPaths::writableLocation(location);
    if (base.isEmpty())
        return QString();
    QString path = base + QLatin1Char('/') + AppPaths::folderName();
    if (!fileName.isEmpty())
        path += QLatin1Char('/') + fileName;
    return path;
}

// "0644" for the owner/group/other bits Qt reports.
QString octalMode(QFile::Permissions permissions)
{
    const int bits = static_cast<int>(permissions.toInt());
    const int owner = (bits >> 12) & 7;
    const int group = (bits >> 4) & 7;
    const int other = bits & 7;
    return QStringLiteral("0%1%2%3").arg(owner).arg(group).arg(other);
}

} // namespace

QString AppPaths::folderName()
{
    return QStringLiteral("Lantir");
}

QString AppPaths::defaultConfigDir()
{
    return inLantirFolder(QStandardPaths::GenericConfigLocation);
}

QString AppPaths::defaultConfigPath()
{
    return inLantirFolder(QStandardPaths::GenericConfigLocation, QStringLiteral("lantir.json"));
}

QString AppPaths::defaultTokenPath()
{
    return inLantirFolder(QStandardPaths::GenericConfigLocation, QStringLiteral("token"));
}

QString AppPaths::defaultDataDir()
{
    return inLantirFolder(QStandardPaths::GenericDataLocation);
}

QString AppPaths::defaultDatabasePath()
{
    return inLantirFolder(QStandardPaths::GenericDataLocation, QStringLiteral("worklist.db"));
}

bool AppPaths::isAccessibleByOthers(const QString& path)
{
#ifdef Q_OS_WIN
    Q_UNUSED(path)
    return false;
#else
    const QFileInfo info(path);
    if (!info.exists())
        return false;
    return info.permissions().testAnyFlags(OthersMask);
#endif
}

bool AppPaths::warnIfReadableByOthers(const QString& path)
{
    if (path.isEmpty() || !isAccessibleByOthers(path))
        return false;
    const QFileInfo info(path);
    const QString mode = octalMode(info.permissions());
    if (info.isDir()) {
        qCWarning(lcConfig).noquote()
            << QStringLiteral(
                   "The folder %1 is open to other users of this computer (mode %2). If they should not see "
                   "the worklist or the token, run: chmod 700 '%1'")
                   .arg(info.absoluteFilePath(), mode);
    } else {
        qCWarning(lcConfig).noquote()
            << QStringLiteral("The file %1 can be read or changed by other users of this computer (mode %2). "
                              "Make it private with: chmod 600 '%1'")
                   .arg(info.absoluteFilePath(), mode);
    }
    return true;
}

Result<void> AppPaths::ensurePrivateDir(const QString& path)
{
    if (path.isEmpty())
        return makeError(
            Error::Kind::Config,
            QStringLiteral("No folder given: set HOME (or the XDG_* variables) or give a full path."));
    const QFileInfo target(path);
    const QString absolute = QDir::cleanPath(target.absoluteFilePath());
    if (target.exists()) {
        if (!target.isDir())
            return makeError(
                Error::Kind::Config,
                QStringLiteral("%1 exists but is not a folder. Move it away or choose another path.")
                    .arg(absolute));
        warnIfReadableByOthers(absolute);
        return {};
    }

    // Walk up to the deepest folder that exists, then create the rest one level at a time so
    // that each new folder is made with 0700 from the start (never widened, then narrowed).
    QStringList missing;
    QString existing = absolute;
    while (!QFileInfo::exists(existing)) {
        missing.prepend(existing);
        const QString parent = QFileInfo(existing).path();
        if (parent == existing)
            break;
        existing = parent;
    }
    const QFileInfo ancestor(existing);
    if (ancestor.exists() && !ancestor.isDir())
        return makeError(
            Error::Kind::Config,
            QStringLiteral("Cannot create %1: %2 is a file, not a folder.").arg(absolute, existing));

    const QDir dir;
    for (const QString& folder : std::as_const(missing)) {
        if (dir.mkdir(folder, PrivateDirMode))
            continue;
        // Another process may have created it in the meantime: that is fine if it is a folder.
        if (QFileInfo(folder).isDir())
            continue;
        return makeError(
            Error::Kind::Config,
            QStringLiteral("Cannot create the folder %1. Check that %2 exists and that this account "
                           "may write to it.")
                .arg(folder, QFileInfo(folder).path()));
    }
    return {};
}

Result<void> AppPaths::ensurePrivateFile(const QString& path)
{
    if (path.isEmpty())
        return makeError(
            Error::Kind::Config,
            QStringLiteral("No file given: set HOME (or the XDG_* variables) or give a full path."));
    const QFileInfo info(path);
    const QString absolute = QDir::cleanPath(info.absoluteFilePath());
    if (info.exists()) {
        if (info.isDir())
            return makeError(
                Error::Kind::Config,
                QStringLiteral("%1 is a folder, not a file. Choose a file name inside it.").arg(absolute));
        warnIfReadableByOthers(absolute);
        return {};
    }

    const QString folder = QFileInfo(absolute).path();
    if (!QFileInfo(folder).isDir()) {
        if (Result<void> made = ensurePrivateDir(folder); !made)
            return made;
    }

    QFile file(absolute);
    // NewOnly: create it or fail, never truncate a file that appeared in the meantime.
    if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly, PrivateFileMode)) {
        file.close();
        return {};
    }
    if (QFileInfo(absolute).isFile()) {
        warnIfReadableByOthers(absolute);
        return {};
    }
    return makeError(Error::Kind::Config,
                     QStringLiteral("Cannot create %1 (%2). Check that this account may write to %3.")
                         .arg(absolute, file.errorString(), folder));
}

} // namespace Lantir
