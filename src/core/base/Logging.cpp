#include "base/Logging.h"

Q_LOGGING_CATEGORY(lcRedcap, "lantir.redcap", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMerge, "lantir.merge", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "lantir.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "lantir.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "lantir.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMemory, "lantir.memory", QtInfoMsg)
Q_LOGGING_CATEGORY(lcResources, "lantir.resources", QtInfoMsg)
