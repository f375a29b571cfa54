#pragma once

#include "base/Result.h"
#include "config/DatabaseTarget.h"

#include <QString>

namespace Lantir {

// A worklist database named in one string, as on lantir-sync's command line: a SQLite file path,
// or a PostgreSQL URI
//
//   postgresql://[user@]host[:port]/database[?sslmode=MODE&sslrootcert=FILE]
//
// (also postgres://). Every part may be percent-encoded; an IPv6 host goes in brackets
// ([2001:db8::5]); the port defaults to 5432 and sslmode to "prefer". A password is refused,
// in the user part or as a parameter: libpq reads it from ~/.pgpass, PGPASSFILE or PGPASSWORD,
// where it does not end up in the shell's history or the process list. Parameters other than
// sslmode and sslrootcert are refused too, rather than silently ignored.
class DatabaseLocation
{
public:
    // The target `text` names; an error that says which part is wrong (never repeating a password).
    static Result<DatabaseTarget> parse(const QString& text);

    // Whether `text` is meant as a PostgreSQL URI (its scheme is postgresql:// or postgres://).
    static bool isPostgresUri(const QString& text);
};

} // namespace Lantir
