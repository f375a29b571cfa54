#include "dicom/IncomingConnection.h"

#include <QDeadlineTimer>

#include <cerrno>
#include <dcmtk/dcmnet/dul.h>
#include <mutex>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace Lantir::Dicom::IncomingConnection {

namespace {

constexpr int PduHeaderBytes = 6;

// Guards DCMTK's process-wide dcmExternalSocketHandle: one association request is read at a time.
std::mutex& externalSocketMutex()
{
    static std::mutex mutex;
    return mutex;
}

// The socket reports readable only once `bytes` are buffered (Linux honours SO_RCVLOWAT in poll).
void setLowWater(int fd, int bytes)
{
    (void)::setsockopt(fd, SOL_SOCKET, SO_RCVLOWAT, &bytes, sizeof(bytes));
}

quint32 announcedLength(const unsigned char* header)
{
    return (quint32(header[2]) << 24) | (quint32(header[3]) << 16) | (quint32(header[4]) << 8)
        | quint32(header[5]);
}

} // namespace

Arrival waitForFirstPdu(int fd, int timeoutMs, quint32* pduBytes)
{
    const QDeadlineTimer deadline(timeoutMs);
    quint32 needed = PduHeaderBytes;
    setLowWater(fd, PduHeaderBytes);
    while (true) {
        pollfd p { fd, POLLIN | POLLRDHUP, 0 };
        const int ready = ::poll(&p, 1, int(qMin<qint64>(deadline.remainingTime(), 1000)));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return Arrival::Closed;
        if (ready == 0) {
            if (deadline.hasExpired())
                return Arrival::TimedOut;
            continue;
        }
        unsigned char header[PduHeaderBytes];
        const ssize_t got = ::recv(fd, header, sizeof(header), MSG_PEEK | MSG_DONTWAIT);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR))
            return Arrival::Closed;
        if (got == PduHeaderBytes && needed == PduHeaderBytes) {
            const quint32 length = announcedLength(header);
            if (length > MaxRequestBytes - PduHeaderBytes)
                return Arrival::TooLarge;
            needed = PduHeaderBytes + length;
            setLowWater(fd, int(needed));
        }
        int buffered = 0;
        if (got == PduHeaderBytes && ::ioctl(fd, FIONREAD, &buffered) == 0 && quint32(buffered) >= needed) {
            setLowWater(fd, 1);
            if (pduBytes)
                *pduBytes = needed;
            return Arrival::Complete;
        }
        if (p.revents & (POLLRDHUP | POLLHUP | POLLERR))
            return Arrival::Closed;
        // Readable yet short of the low-water mark: a platform that ignores it; do not spin.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        if (deadline.hasExpired())
            return Arrival::TimedOut;
    }
}

OFCondition initializeNetwork(int listenFd, int acseTimeoutSeconds, T_ASC_Network** network)
{
    std::lock_guard<std::mutex> lock(externalSocketMutex());
    // A valid handle tells DUL_InitializeNetwork that sockets come from outside, so it opens no
    // listening socket of its own; the handle itself is not used.
    dcmExternalSocketHandle.set(listenFd);
    const OFCondition cond = ASC_initializeNetwork(NET_ACCEPTOR, 0, acseTimeoutSeconds, network);
    dcmExternalSocketHandle.set(DCMNET_INVALID_SOCKET);
    return cond;
}

OFCondition receiveAssociation(T_ASC_Network* network, int fd, T_ASC_Association** assoc)
{
    *assoc = nullptr;
    OFCondition cond;
    {
        std::lock_guard<std::mutex> lock(externalSocketMutex());
        dcmExternalSocketHandle.set(fd);
        cond = ASC_receiveAssociation(network, assoc, ASC_DEFAULTMAXPDU, nullptr, nullptr, OFFalse,
                                      DUL_NOBLOCK, 0);
        dcmExternalSocketHandle.set(DCMNET_INVALID_SOCKET);
    }
    if (cond.good())
        return cond;
    if (*assoc && (*assoc)->DULassociation) {
        ASC_dropSCPAssociation(*assoc); // closes the socket
    } else {
        ::close(fd); // DCMTK never took it over
    }
    if (*assoc)
        ASC_destroyAssociation(assoc);
    *assoc = nullptr;
    return cond;
}

QString describe(Arrival arrival)
{
    switch (arrival) {
    case Arrival::Complete:
        return QStringLiteral("arrived");
    case Arrival::Closed:
        return QStringLiteral("the connection closed before an association request arrived");
    case Arrival::TimedOut:
        return QStringLiteral("no association request arrived within the ACSE timeout");
    case Arrival::TooLarge:
        return QStringLiteral("the association request announced more than %1 KiB")
            .arg(MaxRequestBytes / 1024);
    }
    return QString();
}

} // namespace Lantir::Dicom::IncomingConnection
