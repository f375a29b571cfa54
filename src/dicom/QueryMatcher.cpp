#include "dicom/QueryMatcher.h"

#include <QByteArray>
#include <QString>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcstack.h>
#include <dcmtk/dcmdata/dcvr.h>
#include <dcmtk/dcmdata/dcvrpn.h>

namespace Lantir::Dicom {

bool isIgnoredQueryTag(const DcmTagKey& tag)
{
    return tag.getElement() == 0 || (tag.getGroup() & 1) != 0 || tag == DCM_SpecificCharacterSet;
}

QString identifierProblem(DcmItem& query)
{
    DcmStack stack;
    while (query.nextObject(stack, OFTrue).good()) {
        DcmObject* object = stack.top();
        const DcmTagKey tag = object->getTag().getXTag();
        const DcmEVR vr = object->ident();
        if (vr == EVR_SQ || vr == EVR_item || isIgnoredQueryTag(tag))
            continue;
        const QString name = QString::fromLatin1(DcmTag(tag).getTagName());
        if (!DcmVR(vr).isaString())
            return QStringLiteral("the key %1 %2 holds a %3 value, not text")
                .arg(QString::fromLatin1(tag.toString().c_str()), name,
                     QString::fromLatin1(DcmVR(vr).getVRName()));
        if (object->getLength() > MaxQueryValueBytes)
            return QStringLiteral("the key %1 %2 is %3 bytes long (at most %4)")
                .arg(QString::fromLatin1(tag.toString().c_str()), name)
                .arg(object->getLength())
                .arg(MaxQueryValueBytes);
    }
    return {};
}

namespace {
bool matchItem(DcmItem& query, DcmItem& candidate, const MatchOptions& options);

QByteArray upperValue(const DcmElement& element)
{
    OFString value;
    const_cast<DcmElement&>(element).getOFStringArray(value);
    return QString::fromUtf8(value.c_str()).toUpper().toUtf8();
}

bool matchPersonName(const DcmElement& key, const DcmElement& candidate, const MatchOptions& options)
{
    if (options.pnCaseSensitive)
        return key.matches(candidate);
    DcmPersonName upperKey(key.getTag());
    DcmPersonName upperCandidate(candidate.getTag());
    upperKey.putString(upperValue(key).constData());
    upperCandidate.putString(upperValue(candidate).constData());
    return upperKey.matches(upperCandidate);
}

// The Scheduled Procedure Step start: date and time form one range when both are given.
bool matchStepStart(DcmItem& query, DcmElement& keyDate, DcmItem& candidate)
{
    DcmElement* keyTime = nullptr;
    DcmElement* candidateDate = nullptr;
    DcmElement* candidateTime = nullptr;
    if (candidate.findAndGetElement(DCM_ScheduledProcedureStepStartDate, candidateDate).bad())
        return true;
    const bool withTime = query.findAndGetElement(DCM_ScheduledProcedureStepStartTime, keyTime).good()
        && keyTime->getLength() > 0 && !keyTime->isUniversalMatch()
        && candidate.findAndGetElement(DCM_ScheduledProcedureStepStartTime, candidateTime).good();
    if (withTime && !keyDate.isUniversalMatch())
        return keyDate.combinationMatches(*keyTime, *candidateDate, *candidateTime);
    if (withTime && !keyTime->matches(*candidateTime))
        return false;
    return keyDate.isUniversalMatch() || keyDate.matches(*candidateDate);
}

bool matchSequence(DcmSequenceOfItems& key, DcmItem& candidate, const MatchOptions& options)
{
    if (key.card() == 0 || key.getItem(0)->card() == 0)
        return true;
    DcmSequenceOfItems* candidates = nullptr;
    if (candidate.findAndGetSequence(key.getTag(), candidates).bad() || !candidates)
        return true;
    DcmItem* keyItem = key.getItem(0);
    for (unsigned long i = 0; i < candidates->card(); ++i) {
        if (matchItem(*keyItem, *candidates->getItem(i), options))
            return true;
    }
    return false;
}

bool matchElement(DcmItem& query, DcmElement& key, DcmItem& candidate, const MatchOptions& options)
{
    const DcmTagKey tag = key.getTag().getXTag();
    if (tag == DCM_ScheduledProcedureStepStartTime) {
        DcmElement* keyDate = nullptr;
        if (query.findAndGetElement(DCM_ScheduledProcedureStepStartDate, keyDate).good())
            return true; // matched together with the date
    }
    if (tag == DCM_ScheduledProcedureStepStartDate)
        return matchStepStart(query, key, candidate);
    if (key.getLength() == 0 || key.isUniversalMatch())
        return true;
    DcmElement* value = nullptr;
    if (candidate.findAndGetElement(tag, value).bad() || !value)
        return true;
    if (key.ident() == EVR_PN)
        return matchPersonName(key, *value, options);
    return key.matches(*value);
}

bool matchItem(DcmItem& query, DcmItem& candidate, const MatchOptions& options)
{
    for (unsigned long i = 0; i < query.card(); ++i) {
        DcmElement* key = query.getElement(i);
        if (!key || isIgnoredQueryTag(key->getTag()))
            continue;
        const bool ok = key->ident() == EVR_SQ
            ? matchSequence(*static_cast<DcmSequenceOfItems*>(key), candidate, options)
            : matchElement(query, *key, candidate, options);
        if (!ok)
            return false;
    }
    return true;
}
} // namespace

bool matchesCandidate(DcmItem& query, DcmItem& candidate, const MatchOptions& options)
{
    return matchItem(query, candidate, options);
}

} // namespace Lantir::Dicom
