#include "dicom/DicomServer.h"

#include "dicom/AssociationPolicy.h"
#include "dicom/DatabasePreparation.h"
#include "dicom/DicomLogging.h"
#include "dicom/IncomingConnection.h"
#include "dicom/WorklistScp.h"

#include <QFileInfo>

#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/dcmtrans.h>
#include <dcmtk/dcmnet/dul.h>
#include <dcmtk/dcmnet/scpcfg.h>
#include <dcmtk/oflog/oflog.h>
#include <fcntl.h>
#include <list>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace Lantir::Dicom {

Result<void> checkDataDictionary()
{
    if (dcmDataDict.isDictionaryLoaded())
        return {};
    return makeError(
        Error::Kind::Config,
        QStringLiteral("DCMTK's DICOM data dictionary is not loaded, so the worklist server cannot "
                       "read queries. Install DCMTK's dictionary (Debian/Ubuntu: the libdcmtk "
                       "package's dicom.dic) or point DCMDICTPATH at a dicom.dic file."));
}

void preferStandardDictionary()
{
#ifdef DCM_DICT_DEFAULT_PATH
    if (qEnvironmentVariableIsSet("DCMDICTPATH"))
        return;
    const QStringList paths = QString::fromLocal8Bit(DCM_DICT_DEFAULT_PATH)
                                  .split(QLatin1Char(ENVIRONMENT_PATH_SEPARATOR), Qt::SkipEmptyParts);
    for (const QString& path : paths) {
        if (path.endsWith(QLatin1String("/dicom.dic")) && QFileInfo::exists(path)) {
            qputenv("DCMDICTPATH", path.toLocal8Bit());
            return;
        }
    }
#endif
}

namespace {
class Emitter : public ServerEvents
{
public:
    explicit Emitter(DicomServer* server)
        : m_server(server)
    {
    }
    void queryAnswered(const QString& callingAet, int answers, qint64 elapsedUs) override
    {
        Q_EMIT m_server->queryAnswered(callingAet, answers, elapsedUs);
    }
    void associationAccepted(const QString& callingAet) override
    {
        Q_EMIT m_server->associationAccepted(callingAet);
    }
    void mppsChanged(const QString& uid, const QString& status, qint64 itemId,
                     const QString& itemStatus) override
    {
        Q_EMIT m_server->mppsChanged(uid, status, itemId, itemStatus);
    }

private:
    DicomServer* m_server;
};

struct Worker
{
    std::thread thread;
    std::atomic<bool> done { false };
    int wakeFd = -1; // a duplicate of the association's socket, to shut it down on stop
};

Result<int> bindSocket(const DicomConfig& config, quint16* boundPort)
{
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(config.port));
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    const QString host = config.bindAddress.trimmed();
    if (!host.isEmpty() && inet_pton(AF_INET, host.toLatin1().constData(), &address.sin_addr) != 1)
        return makeError(
            Error::Kind::Config,
            QStringLiteral("dicom.bind '%1' is not an IPv4 address. Give one such as 127.0.0.1, or "
                           "leave it empty to listen on every interface.")
                .arg(host));
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        return makeError(Error::Kind::Network,
                         QStringLiteral("Cannot create a socket: %1").arg(qt_error_string(errno)));
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 || ::listen(fd, 32) != 0) {
        const int code = errno;
        ::close(fd);
        const QString where
            = QStringLiteral("%1:%2").arg(host.isEmpty() ? QStringLiteral("*") : host).arg(config.port);
        if (code == EADDRINUSE)
            return makeError(
                Error::Kind::Config,
                QStringLiteral("The worklist server cannot listen on %1: the port is in use by another "
                               "program (pylantir's server?). Stop it, or choose another port "
                               "(dicom.port, --dicom-port).")
                    .arg(where));
        if (code == EACCES)
            return makeError(
                Error::Kind::Config,
                QStringLiteral("The worklist server may not listen on %1: ports below 1024 need "
                               "privileges. Choose a port above 1023 (dicom.port, --dicom-port).")
                    .arg(where));
        return makeError(
            Error::Kind::Config,
            QStringLiteral("The worklist server cannot listen on %1: %2").arg(where, qt_error_string(code)));
    }
    sockaddr_in bound {};
    socklen_t length = sizeof(bound);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
    *boundPort = ntohs(bound.sin_port);
    return fd;
}

} // namespace

struct DicomServer::Impl
{
    explicit Impl(DicomServer* server)
        : emitter(server)
        , owner(server)
    {
    }

    void acceptLoop();
    void handOver(int fd);
    void serve(int fd);
    void refuse(T_ASC_Association* assoc);
    void reap(bool all);
    int active() const { return serving.load(); }

    Emitter emitter;
    DicomServer* owner;
    ServerContext context;
    DatabaseReadiness readiness;
    DcmSharedSCPConfig scpConfig;
    T_ASC_Network* network = nullptr;
    int listenFd = -1;
    int wakePipe[2] = { -1, -1 }; // a byte in it ends the accept loop's wait
    quint16 port = 0;
    std::thread acceptThread;
    std::atomic<bool> running { false };
    std::atomic<bool> stopping { false };
    std::atomic<int> serving { 0 }; // associations past their request, being served
    std::mutex mutex;
    std::list<std::unique_ptr<Worker>> workers;
};

void DicomServer::Impl::reap(bool all)
{
    std::list<std::unique_ptr<Worker>> finished;
    {
        std::lock_guard<std::mutex> lock(mutex);
        for (auto it = workers.begin(); it != workers.end();) {
            if (all || (*it)->done) {
                finished.push_back(std::move(*it));
                it = workers.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto& worker : finished)
        worker->thread.join();
}

void DicomServer::Impl::refuse(T_ASC_Association* assoc)
{
    T_ASC_RejectParameters reject { ASC_RESULT_REJECTEDTRANSIENT,
                                    ASC_SOURCE_SERVICEPROVIDER_PRESENTATION_RELATED,
                                    ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED };
    ASC_rejectAssociation(assoc, &reject);
    ASC_dropSCPAssociation(assoc);
    ASC_destroyAssociation(&assoc);
}

// On the connection's own thread: its association request, then the association.
void DicomServer::Impl::serve(int fd)
{
    using namespace IncomingConnection;
    const Arrival arrival = waitForFirstPdu(fd, context.config.acseTimeoutSeconds * 1000);
    if (arrival != Arrival::Complete) {
        if (!stopping)
            qCInfo(lcDicom).noquote() << "Connection closed without an association:" << describe(arrival);
        ::close(fd);
        return;
    }
    T_ASC_Association* assoc = nullptr;
    if (const OFCondition cond = receiveAssociation(network, fd, &assoc); cond.bad()) {
        qCInfo(lcDicom) << "No association received:" << cond.text();
        return;
    }
    if (stopping || serving.fetch_add(1) >= context.config.maxAssociations) {
        if (!stopping)
            qCWarning(lcDicom) << "Association refused: already" << context.config.maxAssociations
                               << "associations open (local limit exceeded)";
        --serving;
        refuse(assoc);
        return;
    }
    {
        WorklistScp scp(context);
        scp.setSharedConfig(scpConfig);
        scp.run(assoc); // the association is released, dropped and freed with scp
    }
    --serving;
}

void DicomServer::Impl::handOver(int fd)
{
    // Answers are many small messages: without this, Nagle's algorithm and the peer's delayed
    // acknowledgement hold the last one of a query back for tens of milliseconds.
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    auto worker = std::make_unique<Worker>();
    Worker* w = worker.get();
    w->wakeFd = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    std::lock_guard<std::mutex> lock(mutex);
    w->thread = std::thread([this, w, fd] {
        serve(fd);
        std::lock_guard<std::mutex> guard(mutex);
        if (w->wakeFd >= 0)
            ::close(w->wakeFd);
        w->wakeFd = -1;
        w->done = true;
    });
    workers.push_back(std::move(worker));
}

void DicomServer::Impl::acceptLoop()
{
    // Connections still sending their request count too, up to as many again as may be served.
    const std::size_t maxThreads = std::size_t(context.config.maxAssociations) * 2;
    while (!stopping) {
        pollfd fds[] = { { listenFd, POLLIN, 0 }, { wakePipe[0], POLLIN, 0 } };
        const int ready = ::poll(fds, 2, 1000);
        reap(false);
        if (stopping)
            break;
        if (ready < 0 && errno != EINTR) {
            const QString reason = qt_error_string(errno);
            qCCritical(lcDicom).noquote() << "The worklist server stopped listening:" << reason;
            Q_EMIT owner->stoppedUnexpectedly(reason);
            return;
        }
        if (ready <= 0 || !(fds[0].revents & POLLIN))
            continue;
        const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            continue; // EAGAIN (another wake-up took it), ECONNABORTED, EMFILE: try again
        std::size_t threads = 0;
        {
            std::lock_guard<std::mutex> lock(mutex);
            threads = workers.size();
        }
        if (threads >= maxThreads) {
            qCWarning(lcDicom) << "Connection closed at once:" << threads
                               << "connections are open or still sending their association request";
            ::close(fd);
            continue;
        }
        handOver(fd);
    }
}

DicomServer::DicomServer(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Impl>(this))
{
}

DicomServer::~DicomServer()
{
    stop();
}

namespace {
void configureScp(DcmSCPConfig& scp, const DicomConfig& config)
{
    scp.setAETitle(config.aeTitle.toLatin1().constData());
    scp.setRespondWithCalledAETitle(OFFalse);
    scp.setConnectionBlockingMode(DUL_NOBLOCK);
    scp.setConnectionTimeout(1);
    scp.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    scp.setDIMSETimeout(static_cast<Uint32>(config.dimseTimeoutSeconds));
    scp.setACSETimeout(static_cast<Uint32>(config.acseTimeoutSeconds));
    scp.setHostLookupEnabled(OFFalse);
    OFList<OFString> syntaxes;
    for (const QString& ts : AssociationPolicy::transferSyntaxes())
        syntaxes.emplace_back(ts.toLatin1().constData());
    for (const QString& sop : AssociationPolicy::sopClasses())
        scp.addPresentationContext(sop.toLatin1().constData(), syntaxes);
}
} // namespace

Result<void> DicomServer::start(const DicomConfig& config, const QString& databasePath, int busyTimeoutMs)
{
    DatabaseTarget database;
    database.path = databasePath;
    database.busyTimeoutMs = busyTimeoutMs;
    return start(config, database);
}

// A database server that cannot be reached now (PostgreSQL down, the network cut) does not keep the
// worklist server from starting: it answers C-ECHO at once, and C-FIND and MPPS with a failure
// status until the first association reaches the database and prepares it. Anything else (a
// refused login, a missing database, a damaged file) is for the operator to mend and stops start().
Result<void> DicomServer::prepareDatabase(const DatabaseTarget& database)
{
    const Result<void> prepared = DatabasePreparation::prepare(database);
    d->readiness.reset(prepared.ok());
    if (prepared || prepared.error().kind != Error::Kind::Network)
        return prepared;
    qCWarning(lcDicom).noquote() << "The worklist server starts without its database:"
                                 << prepared.error().message
                                 << "Until it can be reached, C-FIND and MPPS get a failure status.";
    return {};
}

Result<void> DicomServer::start(const DicomConfig& config, const DatabaseTarget& database)
{
    stop();
    if (Result<void> dictionary = checkDataDictionary(); !dictionary)
        return dictionary;
    if (Result<void> prepared = prepareDatabase(database); !prepared)
        return prepared;
    Result<int> fd = bindSocket(config, &d->port);
    if (!fd)
        return fd.error();
    d->context = ServerContext { config, database, &d->emitter, &d->readiness };
    d->scpConfig = DcmSharedSCPConfig();
    configureScp(*d->scpConfig, config);
    dcmDisableGethostbyaddr.set(OFTrue);
    // DCMTK's own log: warnings only (Lantir logs each association's outcome under lantir.dicom),
    // or its whole protocol trace for a site chasing a scanner's trouble.
    OFLog::configure(qEnvironmentVariableIsSet("LANTIR_DCMTK_DEBUG") ? OFLogger::DEBUG_LOG_LEVEL
                                                                     : OFLogger::WARN_LOG_LEVEL);
    d->listenFd = fd.value();
    const OFCondition cond
        = IncomingConnection::initializeNetwork(d->listenFd, config.acseTimeoutSeconds, &d->network);
    if (cond.bad() || ::pipe2(d->wakePipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        if (d->network)
            ASC_dropNetwork(&d->network);
        d->network = nullptr;
        ::close(d->listenFd);
        d->listenFd = -1;
        return makeError(
            Error::Kind::Network,
            QStringLiteral("The worklist server could not start: %1").arg(QString::fromLatin1(cond.text())));
    }
    d->stopping = false;
    d->running = true;
    d->acceptThread = std::thread([this] { d->acceptLoop(); });
    qCInfo(lcDicom).noquote() << "Worklist server listening on" << listenAddress() << "as AE"
                              << config.aeTitle;
    return {};
}

void DicomServer::stop()
{
    if (!d->running)
        return;
    d->stopping = true;
    (void)!::write(d->wakePipe[1], "x", 1);
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        for (const auto& worker : d->workers) {
            if (worker->wakeFd >= 0)
                ::shutdown(worker->wakeFd, SHUT_RDWR); // ends a peer's association, however silent
        }
    }
    if (d->acceptThread.joinable())
        d->acceptThread.join();
    d->reap(true);
    ASC_dropNetwork(&d->network);
    d->network = nullptr;
    for (int* fd : { &d->listenFd, &d->wakePipe[0], &d->wakePipe[1] }) {
        ::close(*fd);
        *fd = -1;
    }
    d->running = false;
    qCInfo(lcDicom) << "Worklist server stopped";
}

bool DicomServer::isRunning() const
{
    return d->running;
}

quint16 DicomServer::port() const
{
    return d->port;
}

QString DicomServer::listenAddress() const
{
    const QString host = d->context.config.bindAddress.trimmed();
    return QStringLiteral("%1:%2").arg(host.isEmpty() ? QStringLiteral("0.0.0.0") : host).arg(d->port);
}

int DicomServer::activeAssociations() const
{
    return d->active();
}

} // namespace Lantir::Dicom
