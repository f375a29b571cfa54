#include "store/SharedSqlite.h"

#include "base/Logging.h"

#ifdef LANTIR_HAVE_SQLITE3
#include <cstring>
#include <dlfcn.h>
#include <link.h>
#include <sqlite3.h>
#endif

namespace Lantir {

#ifdef LANTIR_HAVE_SQLITE3
namespace {

// Asks the dynamic linker which sqlite3_busy_handler the loaded QSQLITE plugin resolves to: the same
// function as ours when the plugin links the shared library we link, another address (or none, for
// a private copy with hidden symbols) otherwise.
bool checkPluginSqlite()
{
    struct Search
    {
        bool found = false;
        bool shared = false;
    } search;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* data) -> int {
            auto* s = static_cast<Search*>(data);
            if (!info->dlpi_name || !std::strstr(info->dlpi_name, "libqsqlite"))
                return 0;
            s->found = true;
            if (void* plugin = dlopen(info->dlpi_name, RTLD_LAZY | RTLD_NOLOAD)) {
                void* resolved = dlsym(plugin, "sqlite3_busy_handler");
                s->shared = resolved == reinterpret_cast<void*>(&sqlite3_busy_handler);
                dlclose(plugin);
            }
            return 1;
        },
        &search);
    if (!search.found)
        qCDebug(lcStore) << "Qt's SQLite plugin is not loaded as a library of its own";
    else if (!search.shared)
        qCDebug(lcStore) << "Qt's SQLite plugin carries its own SQLite";
    return search.shared;
}

} // namespace
#endif

bool qtSqliteDriverSharesLinkedSqlite()
{
#ifdef LANTIR_HAVE_SQLITE3
    static const bool shared = checkPluginSqlite();
    return shared;
#else
    return false;
#endif
}

} // namespace Lantir
