#pragma once

namespace Lantir::ThreadCryptoState {

// libpq authenticates with SCRAM-SHA-256 through OpenSSL, whose random generator then keeps state
// for each thread that connected (and an error queue). OpenSSL frees that state when the thread
// ends, but only while OpenSSL itself is still alive: a thread whose end races the process's exit
// (a QThread's wait() returns before the thread's own destructors have run) leaks it. So a thread
// hands its state back as soon as its last PostgreSQL connection closes; OpenSSL makes it afresh
// if the thread connects again.
//
// connectionOpening() before each PostgreSQL connection attempt (a failed login uses the random
// generator too), connectionClosed() when such a connection is removed, in the same thread.
void connectionOpening();
void connectionClosed();

// Releases the calling thread's OpenSSL state now (OPENSSL_thread_stop), when OpenSSL is loaded in
// this process; nothing otherwise. Lantir does not link OpenSSL: it is there through libpq.
void releaseNow();

} // namespace Lantir::ThreadCryptoState
