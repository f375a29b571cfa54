// libFuzzer target: a C-FIND identifier as the worklist server receives it (Explicit VR Little
// Endian bytes), through the SQL pre-filter, the matching against a full candidate and the answer
// builder. Checked: nothing crashes, and an answer never carries group lengths or private elements.
#include "dicom/AnswerBuilder.h"
#include "dicom/QueryMatcher.h"
#include "dicom/WorklistCandidate.h"
#include "dicom/WorklistQuery.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dcstack.h>
#include <dcmtk/oflog/oflog.h>

using namespace Lantir::Dicom;

namespace {
const WorklistRow& row()
{
    static const WorklistRow r = [] {
        WorklistRow w;
        w.id = 1;
        w.studyInstanceUid = QStringLiteral("2.25.100");
        w.patientName = QStringLiteral("Müller^Jörg");
        w.patientId = QStringLiteral("sub_01");
        w.patientBirthDate = QStringLiteral("2012-05-01");
        w.patientWeightLb = QStringLiteral("150");
        w.scheduledStartDate = QStringLiteral("2025-04-01");
        w.scheduledStartTime = QStringLiteral("10:30");
        w.protocolName = QStringLiteral("BRAIN");
        w.status = QStringLiteral("SCHEDULED");
        return w;
    }();
    return r;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const bool quiet = [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL); // malformed input is the point, not news
        return true;
    }();
    (void)quiet;
    DcmInputBufferStream stream;
    stream.setBuffer(data, offile_off_t(size));
    stream.setEos();
    DcmDataset query;
    query.transferInit();
    const OFCondition read = query.read(stream, EXS_LittleEndianExplicit, EGL_noChange);
    query.transferEnd();
    if (read.bad() && query.card() == 0)
        return 0;
    if (!identifierProblem(query).isEmpty())
        return 0; // the server refuses it (0xA900) before reading any value
    (void)SqlPrefilter::fromQuery(query, { QStringLiteral("SCHEDULED") });
    auto candidate = buildCandidate(row(), { QStringLiteral("DEFAULT"), QStringLiteral("CALLER") });
    (void)matchesCandidate(query, *candidate, {});
    (void)matchesCandidate(query, *candidate, { true });
    auto answer = buildAnswer(query, *candidate);
    DcmStack stack;
    while (answer->nextObject(stack, OFTrue).good()) {
        const DcmTagKey tag = stack.top()->getTag();
        if (tag != DcmTagKey(0xfffe, 0xe000) && isIgnoredQueryTag(tag) && tag != DcmTagKey(0x0008, 0x0005))
            std::abort();
    }
    return 0;
}
