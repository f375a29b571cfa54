#include "dicom/DicomLogging.h"

Q_LOGGING_CATEGORY(lcDicom, "lantir.dicom", QtInfoMsg)
