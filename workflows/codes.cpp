#include "workflows/codes.h"

#include <stdexcept>

namespace cj::workflows {
namespace {

constexpr CodeInfo kCatalogue[] = {
    {Code::CoiMismatch, "COI_MISMATCH", Kind::Refusal, Severity::Critical,
     "A scanned Chain of Identity identifier, or the event's journey, is not this journey's: wrong patient."},
    {Code::UnitNotInJourney, "UNIT_NOT_IN_JOURNEY", Kind::Refusal, Severity::Critical,
     "A scanned unit (DIN + product code, or a registered non-ISBT identifier) is not registered to this journey."},
    {Code::WristbandMismatch, "WRISTBAND_MISMATCH", Kind::Refusal, Severity::Critical,
     "The patient's wristband does not match the patient this journey (and its bag) belongs to."},
    {Code::ScanMissing, "SCAN_MISSING", Kind::Refusal, Severity::Critical,
     "The step needs a scan it did not get: a unit kind (bag, cassette, ...), a structure, or the wristband."},
    {Code::ScanInvalid, "SCAN_INVALID", Kind::Refusal, Severity::Critical,
     "A scan that looks like ISBT 128 does not read (length, check character, date...): identity unproven."},
    {Code::Expired, "EXPIRED", Kind::Refusal, Severity::Critical,
     "A scanned unit is past its expiry (registered expiry or the label's expiration date and time)."},
    {Code::RoleMissing, "ROLE_MISSING", Kind::Refusal, Severity::Critical,
     "An operator is unknown or holds none of the roles allowed for this step."},
    {Code::OosNotReleased, "OOS_NOT_RELEASED", Kind::Refusal, Severity::Critical,
     "The product was released out of specification and no physician decision to release it is recorded."},
    {Code::WitnessNotDistinct, "WITNESS_NOT_DISTINCT", Kind::Refusal, Severity::Critical,
     "Two witnesses are required and the same person is named twice."},
    {Code::UnknownStep, "UNKNOWN_STEP", Kind::Refusal, Severity::Critical,
     "The event names a step the product definition does not have."},
    {Code::FieldMissing, "FIELD_MISSING", Kind::Refusal, Severity::Critical,
     "A required data field is missing, or has the wrong type (text for a number, ...)."},
    {Code::ChecklistIncomplete, "CHECKLIST_INCOMPLETE", Kind::Refusal, Severity::Critical,
     "A checklist question is unanswered, or answered \"no\" without a written reason."},
    {Code::JourneyClosed, "JOURNEY_CLOSED", Kind::Refusal, Severity::Critical,
     "The journey's product was disposed of; only corrections can still be recorded."},
    {Code::TimeInFuture, "TIME_IN_FUTURE", Kind::Refusal, Severity::Critical,
     "The event says it happened later than the time of evaluation plus the site's clock skew (default 5 min)."},
    {Code::BedsideCheckMissing, "BEDSIDE_CHECK_MISSING", Kind::Refusal, Severity::Critical,
     "An infusion is started without an accepted bedside identity check of that bag by two distinct people within the site's window before it (default 30 min)."},
    {Code::UnitDisposed, "UNIT_DISPOSED", Kind::Refusal, Severity::Critical,
     "A step of a bag (or unit) that was disposed of."},
    {Code::UnitReturned, "UNIT_RETURNED", Kind::Refusal, Severity::Critical,
     "A step of a bag (or unit) that was returned to the manufacturer, with no new receipt recorded since."},
    {Code::OnHold, "ON_HOLD", Kind::Refusal, Severity::Critical,
     "A thaw or an infusion while the journey or the bag is on hold (a hold is lifted by a recorded release)."},
    {Code::BlockingDeviation, "BLOCKING_DEVIATION", Kind::Refusal, Severity::Critical,
     "A thaw of a bag with an open deviation that the product or the site marks as blocking (a temperature excursion...), until QA closes it with a signed decision."},
    {Code::ProductCodeRequired, "PRODUCT_CODE_REQUIRED", Kind::Refusal, Severity::Critical,
     "A DIN was scanned without its product code while several bags of the journey share that DIN: which bag it is must be proven, not guessed."},
    {Code::WrongBag, "WRONG_BAG", Kind::Refusal, Severity::Critical,
     "The right patient's bag, but not the one this step needs: not thawed (or already infused) at the bedside, or thaw complete of a bag whose thaw was not started."},
    {Code::DoseOrder, "DOSE_ORDER", Kind::Refusal, Severity::Critical,
     "A bag of dose N is thawed or infused before every bag of dose N-1 was infused."},
    {Code::CorrectionInvalid, "CORRECTION_INVALID", Kind::Refusal, Severity::Critical,
     "A correction names an event that is not an accepted event of this journey, or one that was already corrected (correct the newest correction instead)."},
    {Code::OperatorNotProven, "OPERATOR_NOT_PROVEN", Kind::Refusal, Severity::Critical,
     "A person named in the event brought no proof, made by them at that moment, that they were there (a badge and PIN sign-in at the station, or a sealed offline proof)."},
    {Code::WindowExceeded, "WINDOW_EXCEEDED", Kind::Deviation, Severity::Major,
     "The step happened later than its time window after a named earlier event allows."},
    {Code::WindowNotReached, "WINDOW_NOT_REACHED", Kind::Deviation, Severity::Major,
     "The step happened earlier than its time window after a named earlier event allows."},
    {Code::TemperatureOutOfRange, "TEMPERATURE_OUT_OF_RANGE", Kind::Deviation, Severity::Major,
     "A recorded temperature or a shipper logger reading is outside the product's range."},
    {Code::FieldOutOfRange, "FIELD_OUT_OF_RANGE", Kind::Deviation, Severity::Major,
     "A recorded data value is outside the range the definition allows."},
    {Code::OutOfOrder, "OUT_OF_ORDER", Kind::Deviation, Severity::Major,
     "The step happened before one of its predecessors was recorded."},
    {Code::MissingWitness, "MISSING_WITNESS", Kind::Deviation, Severity::Major,
     "The step requires more operators (witnesses) than were recorded."},
    {Code::TrainingMissing, "TRAINING_MISSING", Kind::Deviation, Severity::Major,
     "An operator has no current product training (qualification) for this step at the time it happened."},
    {Code::RepeatedStep, "REPEATED_STEP", Kind::Deviation, Severity::Minor,
     "The step was already recorded (for this journey, or for this unit when the step is per unit)."},
    {Code::StorageUnsuitable, "STORAGE_UNSUITABLE", Kind::Deviation, Severity::Major,
     "The storage position is unknown to the site, or warmer or colder than the product needs."},
    {Code::ChecklistNo, "CHECKLIST_NO", Kind::Deviation, Severity::Major,
     "A checklist question was answered \"no\" (with its reason)."},
    {Code::Overdue, "OVERDUE", Kind::Deviation, Severity::Major,
     "An expected step was not recorded by its due time (found by the deadline sweeper)."},
    {Code::TempExcursion, "TEMP_EXCURSION", Kind::Deviation, Severity::Major,
     "A shipper or storage data logger's readings left the product's range: min/max, duration and window of the breach."},
    {Code::TempDataGap, "TEMP_DATA_GAP", Kind::Deviation, Severity::Major,
     "A data logger recorded nothing for longer than its interval allows: the temperature then is unknown."},
    {Code::AnchorMissing, "ANCHOR_MISSING", Kind::Deviation, Severity::Major,
     "The step a time limit counts from was not recorded (thaw complete, say): the clock ran from the step before it (start of thaw), the strictest reading."},
};

}  // namespace

std::span<const CodeInfo> code_catalogue() { return kCatalogue; }

const CodeInfo& code_info(Code code) {
  for (const CodeInfo& info : kCatalogue) {
    if (info.code == code) return info;
  }
  throw std::logic_error("code missing from the catalogue");
}

std::string_view code_name(Code code) { return code_info(code).name; }

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Minor:
      return "minor";
    case Severity::Major:
      return "major";
    case Severity::Critical:
      return "critical";
  }
  return "major";
}

}  // namespace cj::workflows
