#pragma once

#include <QLoggingCategory>

// One category per area; enable more with QT_LOGGING_RULES="lantir.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcRedcap) // lantir.redcap: HTTP requests to the REDCap API
Q_DECLARE_LOGGING_CATEGORY(lcMerge) // lantir.merge: record merge and worklist mapping
Q_DECLARE_LOGGING_CATEGORY(lcStore) // lantir.store: the worklist database
Q_DECLARE_LOGGING_CATEGORY(lcSync) // lantir.sync: cycles and their schedule
Q_DECLARE_LOGGING_CATEGORY(lcConfig) // lantir.config: configuration files
Q_DECLARE_LOGGING_CATEGORY(lcMemory) // lantir.memory: RSS, heap, trend and alarms
Q_DECLARE_LOGGING_CATEGORY(
    lcResources) // lantir.resources: which translation and icon files the desktop app uses
