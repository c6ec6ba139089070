// The catalogue of refusal and deviation codes: stable names that reports and integrations key
// on (docs/deviations.md documents the same table). Never rename or reuse a code; add new ones.
#pragma once

#include <span>
#include <string_view>

namespace cj::workflows {

enum class Code {
  // Refusals: the event is refused (and the refusal recorded).
  CoiMismatch,
  UnitNotInJourney,
  WristbandMismatch,
  ScanMissing,
  ScanInvalid,
  Expired,
  RoleMissing,
  OosNotReleased,
  WitnessNotDistinct,
  UnknownStep,
  FieldMissing,
  ChecklistIncomplete,
  JourneyClosed,
  TimeInFuture,
  BedsideCheckMissing,
  UnitDisposed,
  UnitReturned,
  OnHold,
  BlockingDeviation,
  ProductCodeRequired,
  WrongBag,
  DoseOrder,
  CorrectionInvalid,
  OperatorNotProven,
  // Deviations: the event is kept and a deviation raised (a definition may escalate the
  // rule-driven ones to a refusal with `breach: refusal`).
  WindowExceeded,
  WindowNotReached,
  TemperatureOutOfRange,
  FieldOutOfRange,
  OutOfOrder,
  MissingWitness,
  TrainingMissing,
  RepeatedStep,
  StorageUnsuitable,
  ChecklistNo,
  Overdue,
  TempExcursion,
  TempDataGap,
  AnchorMissing,
};

enum class Kind { Refusal, Deviation };
enum class Severity { Minor, Major, Critical };

struct CodeInfo {
  Code code;
  std::string_view name;  // "COI_MISMATCH"
  Kind kind;              // what the code is when no definition says otherwise
  Severity severity;
  std::string_view meaning;
};

std::span<const CodeInfo> code_catalogue();
const CodeInfo& code_info(Code code);
std::string_view code_name(Code code);
std::string_view severity_name(Severity severity);  // "minor", "major", "critical"

}  // namespace cj::workflows
