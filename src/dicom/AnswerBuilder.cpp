#include "dicom/AnswerBuilder.h"

#include "dicom/DicomValues.h"
#include "dicom/QueryMatcher.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcstack.h>

namespace Lantir::Dicom {

namespace {
void copyKeys(DcmItem& query, DcmItem& candidate, DcmItem& answer);

void copySequence(DcmSequenceOfItems& key, DcmItem& candidate, DcmItem& answer)
{
    DcmSequenceOfItems* values = nullptr;
    if (candidate.findAndGetSequence(key.getTag(), values).bad() || !values) {
        answer.insertEmptyElement(key.getTag());
        return;
    }
    DcmItem* keyItem = key.card() > 0 ? key.getItem(0) : nullptr;
    if (!keyItem || keyItem->card() == 0) {
        answer.insert(new DcmSequenceOfItems(*values), true);
        return;
    }
    auto* sequence = new DcmSequenceOfItems(key.getTag());
    for (unsigned long i = 0; i < values->card(); ++i) {
        auto* item = new DcmItem();
        copyKeys(*keyItem, *values->getItem(i), *item);
        sequence->append(item);
    }
    answer.insert(sequence, true);
}

void copyKeys(DcmItem& query, DcmItem& candidate, DcmItem& answer)
{
    for (unsigned long i = 0; i < query.card(); ++i) {
        DcmElement* key = query.getElement(i);
        if (!key || isIgnoredQueryTag(key->getTag()))
            continue;
        if (key->ident() == EVR_SQ) {
            copySequence(*static_cast<DcmSequenceOfItems*>(key), candidate, answer);
            continue;
        }
        DcmElement* value = nullptr;
        if (candidate.findAndGetElement(key->getTag(), value).good() && value)
            answer.insert(static_cast<DcmElement*>(value->clone()), true);
        else
            answer.insertEmptyElement(key->getTag());
    }
}

bool holdsNonAscii(DcmItem& item)
{
    DcmStack stack;
    while (item.nextObject(stack, OFTrue).good()) {
        auto* object = stack.top();
        if (!object || !object->isLeaf())
            continue;
        auto* element = static_cast<DcmElement*>(object);
        if (!element->isaString())
            continue;
        char* text = nullptr;
        if (element->getString(text).good() && Values::isNonAscii(text))
            return true;
    }
    return false;
}
} // namespace

std::unique_ptr<DcmDataset> buildAnswer(DcmItem& query, DcmItem& candidate)
{
    auto answer = std::make_unique<DcmDataset>();
    copyKeys(query, candidate, *answer);
    if (holdsNonAscii(*answer))
        answer->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    else if (query.tagExists(DCM_SpecificCharacterSet))
        answer->insertEmptyElement(DCM_SpecificCharacterSet);
    return answer;
}

} // namespace Lantir::Dicom
