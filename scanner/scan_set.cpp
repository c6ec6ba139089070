#include "scanner/scan_set.h"

#include <algorithm>

namespace cj::scanner {

ScanSet::ScanSet(std::vector<CodeKind> needs) : needs_(std::move(needs)) {
  if (std::find(needs_.begin(), needs_.end(), CodeKind::Coi) == needs_.end()) {
    needs_.insert(needs_.begin(), CodeKind::Coi);
  }
}

std::optional<Rejection> ScanSet::add(const CheckedRead& read) {
  if (std::find(scans_.begin(), scans_.end(), read.scan) != scans_.end()) {
    return Rejection{"ALREADY_SCANNED", "This code is already in the set. Scan the next item."};
  }
  std::string coi = coi_;
  std::string wristband = wristband_;
  for (const Code& code : read.codes) {
    if (code.kind == CodeKind::Coi) {
      if (!coi.empty() && code.value != coi) {
        return Rejection{"WRONG_PATIENT", "WRONG PATIENT: this label's COI " + code.value +
                                              " is not the COI scanned first (" + coi + "). Do not use this item."};
      }
      coi = code.value;
    } else if (code.kind == CodeKind::Wristband) {
      if (!wristband.empty() && code.value != wristband) {
        return Rejection{"WRONG_PATIENT", "WRONG PATIENT: two different wristbands in one set. Start again."};
      }
      wristband = code.value;
    }
  }
  coi_ = coi;
  wristband_ = wristband;
  scans_.push_back(read.scan);
  for (const Code& code : read.codes) have_.push_back(code.kind);
  return std::nullopt;
}

std::vector<CodeKind> ScanSet::missing() const {
  std::vector<CodeKind> have = have_;
  std::vector<CodeKind> missing;
  for (CodeKind need : needs_) {
    auto it = std::find(have.begin(), have.end(), need);
    if (it == have.end()) {
      missing.push_back(need);
    } else {
      have.erase(it);
    }
  }
  return missing;
}

void ScanSet::clear() {
  scans_.clear();
  have_.clear();
  coi_.clear();
  wristband_.clear();
}

}  // namespace cj::scanner
