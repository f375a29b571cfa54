// libFuzzer target: ConfigLoader::loadJson on arbitrary bytes (Lantir's format and both of
// pylantir's layouts), and a loaded configuration written back and read again.
#include "config/ConfigLoader.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Lantir;

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    qunsetenv("REDCAP_API_URL");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const Result<SyncConfig> loaded = ConfigLoader::loadJson(
        QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), QStringLiteral("fuzz.json"));
    if (!loaded)
        return 0;
    // What Lantir writes, it reads back to the same settings.
    const QByteArray written = QJsonDocument(ConfigLoader::toJson(loaded.value())).toJson();
    const Result<SyncConfig> again = ConfigLoader::loadJson(written, QStringLiteral("written.json"));
    if (!again || !(again.value() == loaded.value()))
        std::abort();
    return 0;
}
