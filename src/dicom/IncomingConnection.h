#pragma once

#include <QString>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/assoc.h>

namespace Lantir::Dicom {

// Connections are accepted on Lantir's own listening socket, and each one's association request
// is read on the thread that will serve it: a peer that connects and then sends nothing, or sends
// its request slowly, holds up only that thread, never the accepting of other peers.
//
// DCMTK 3.6.7 reads an association request from an already connected socket only through its one
// process-wide "external socket" setting; these functions set it and use it under one lock, and
// only once the whole request has arrived, so the lock is held for the parsing alone.
namespace IncomingConnection {

enum class Arrival
{
    Complete, // the whole first PDU is buffered
    Closed, // the peer closed, or the server is stopping
    TimedOut,
    TooLarge, // the first PDU announces more than MaxRequestBytes
};

// The largest association request accepted (real ones are a few KiB; the socket buffer must be
// able to hold it whole).
constexpr quint32 MaxRequestBytes = 64 * 1024;

// Waits until the first PDU on `fd` has arrived whole (its 6-byte header and the length it gives),
// without reading it.
Arrival waitForFirstPdu(int fd, int timeoutMs, quint32* pduBytes = nullptr);

// The acceptor network, without a listening socket of DCMTK's (Lantir listens on `listenFd`).
OFCondition initializeNetwork(int listenFd, int acseTimeoutSeconds, T_ASC_Network** network);

// Reads the association request from the connected socket `fd`. On success the association owns
// the socket; otherwise the socket is closed and *assoc is null.
OFCondition receiveAssociation(T_ASC_Network* network, int fd, T_ASC_Association** assoc);

QString describe(Arrival arrival);

} // namespace IncomingConnection

} // namespace Lantir::Dicom
