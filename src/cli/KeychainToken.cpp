#include "KeychainToken.h"

#ifdef LANTIR_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

#include <QEventLoop>
#include <QTimer>

namespace Lantir {

Result<QString> readKeychainToken(const QString& service, const QString& key, int timeoutMs)
{
#ifdef LANTIR_HAVE_KEYCHAIN
    QKeychain::ReadPasswordJob job(service);
    job.setAutoDelete(false);
    job.setKey(key);
    job.setInsecureFallback(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&loop, &finished] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    if (!finished) {
        return makeError(Error::Kind::Config,
                         QStringLiteral("The keychain did not answer within %1 s").arg(timeoutMs / 1000));
    }
    if (job.error() == QKeychain::NoError)
        return job.textData();
    if (job.error() == QKeychain::EntryNotFound)
        return QString();
    return makeError(Error::Kind::Config,
                     QStringLiteral("No keychain can be read here (%1)").arg(job.errorString()));
#else
    Q_UNUSED(service)
    Q_UNUSED(key)
    Q_UNUSED(timeoutMs)
    return makeError(Error::Kind::Config,
                     QStringLiteral("this lantir-sync was built without keychain support"));
#endif
}

} // namespace Lantir
