#pragma once

#include <QLoggingCategory>

// lantir.dicom: the worklist and MPPS server (associations, queries, MPPS changes).
Q_DECLARE_LOGGING_CATEGORY(lcDicom)
