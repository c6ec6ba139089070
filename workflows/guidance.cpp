#include "workflows/guidance.h"

namespace cj::workflows {
namespace {

struct Guidance {
  Code code;
  std::string_view text;
};

constexpr std::string_view kWrongPatient = "This bag belongs to another patient: put it aside and call the cell lab.";

// Written for the nurse or technologist holding the bag, not for QA: the next thing to do with
// their hands, and whom to call. Refusals first, then deviations (the order of codes.h).
constexpr Guidance kGuidance[] = {
    {Code::CoiMismatch, kWrongPatient},
    {Code::UnitNotInJourney, kWrongPatient},
    {Code::WristbandMismatch,
     "This wristband is not this product's patient: stop, do not give the product, and call the cell lab and the "
     "treating physician."},
    {Code::ScanMissing,
     "Something the step needs was not scanned: scan the missing label (see the list) and send again."},
    {Code::ScanInvalid,
     "A label did not read correctly: scan it again; if it still fails, type the code with its check character or call "
     "the cell lab."},
    {Code::Expired, "This bag is past its expiry: do not use it, put it aside and call the cell lab."},
    {Code::RoleMissing,
     "A person named is not allowed to record this step: ask a colleague who holds the role to sign in, or call your "
     "coordinator."},
    {Code::OosNotReleased,
     "The product is out of specification and no physician has decided to release it: do not go on; call the treating "
     "physician."},
    {Code::WitnessNotDistinct, "The two people must be different: ask a second colleague to sign in as witness."},
    {Code::UnknownStep, "This step is not part of this product's journey: choose the step again from the list."},
    {Code::FieldMissing,
     "A value the step needs is missing or not readable: enter it (see the message) and send again."},
    {Code::ChecklistIncomplete,
     "Answer every checklist question, and give a reason for every \"no\", then send again."},
    {Code::JourneyClosed,
     "This product was disposed of: nothing more can be recorded. Call the cell lab if this is wrong."},
    {Code::TimeInFuture,
     "The station's clock is ahead of the server's: do not retype the time; call IT support to set the clock."},
    {Code::BedsideCheckMissing,
     "Do not start the infusion: do the two-person bedside check (wristband and bag) first, then start."},
    {Code::UnitDisposed, "This bag was disposed of: do not use it, put it aside and call the cell lab."},
    {Code::UnitReturned,
     "This bag was returned to the manufacturer: do not use it, put it aside and call the cell lab."},
    {Code::OnHold,
     "This product is on hold: do not thaw or infuse it; call the cell lab or QA, who can lift the hold."},
    {Code::BlockingDeviation,
     "An open deviation blocks this bag (a temperature excursion...): do not thaw it; call QA, who must close it first."},
    {Code::ProductCodeRequired,
     "Several bags share this DIN: scan the bag's product code label too, so that the right bag is recorded."},
    {Code::WrongBag,
     "Right patient, but not the bag this step needs: check which bag was thawed, scan that one, or call the cell lab."},
    {Code::DoseOrder,
     "A bag of the earlier dose is not infused yet: give the earlier dose first, or call the treating physician."},
    {Code::CorrectionInvalid,
     "The event to correct is not one that can be corrected: check its number on the journey page (correct the newest "
     "correction)."},
    {Code::WindowExceeded,
     "Recorded, later than the product's time limit: tell the treating physician and the cell lab now; QA reviews it."},
    {Code::WindowNotReached,
     "Recorded, earlier than the product's schedule allows: tell the treating physician before going on; QA reviews it."},
    {Code::TemperatureOutOfRange,
     "Recorded, outside the product's temperature range: keep the product where it is, do not thaw it, and call QA and "
     "the cell lab."},
    {Code::FieldOutOfRange,
     "Recorded, with a value outside the allowed range: check the value; if it is right, tell the cell lab or the "
     "physician; QA reviews it."},
    {Code::OutOfOrder,
     "Recorded, but an earlier step is missing: record the missing step if it happened, or tell your coordinator."},
    {Code::MissingWitness,
     "Recorded without the second person the step needs: ask a colleague to check now and tell QA."},
    {Code::TrainingMissing,
     "Recorded by someone without current training for this product: tell your coordinator; QA reviews it."},
    {Code::RepeatedStep, "This step was already recorded: nothing more to do unless it really happened twice."},
    {Code::StorageUnsuitable,
     "This storage position does not suit the product: move the bag to a qualified position, record the new position, "
     "and tell the cell lab."},
    {Code::ChecklistNo, "Recorded with a \"no\" and its reason: tell the cell lab lead now; QA reviews it."},
    {Code::Overdue, "A step is overdue: record it if it happened, or tell the coordinator why it is late."},
    {Code::TempExcursion,
     "The temperature logger went out of range: keep the product in place, do not thaw it, and call QA and the cell lab."},
    {Code::TempDataGap,
     "The temperature record has a gap: keep the product in place and call QA and the cell lab to review the logger."},
    {Code::AnchorMissing,
     "A step the product's clock counts from was not recorded: record it if it happened, or tell the cell lab."},
};

constexpr std::string_view kGeneral =
    "The event was not recorded as it should be: keep the product where it is and call the cell lab or QA with the "
    "message shown.";

}  // namespace

std::optional<std::string_view> guidance_for(Code code) {
  for (const Guidance& entry : kGuidance) {
    if (entry.code == code) return entry.text;
  }
  return std::nullopt;
}

std::string_view what_to_do(Code code) { return guidance_for(code).value_or(kGeneral); }

}  // namespace cj::workflows
