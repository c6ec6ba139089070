// ScanSet: the codes one step needs, assembled read by read (e.g. COI + wristband + bag), with
// the identity match checked locally as each read arrives: one journey (one COI) per set, one
// wristband per set, no read counted twice. The server checks all of it again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scanner/local_check.h"

namespace cj::scanner {

class ScanSet {
 public:
  // `needs`: the kinds the step needs, a kind listed twice needed twice (two bags). A COI is
  // always needed even when not listed: it names the journey the event belongs to.
  explicit ScanSet(std::vector<CodeKind> needs = {});

  // Adds `read` unless it breaks the set: WRONG_PATIENT (a COI or wristband other than the one
  // already scanned), ALREADY_SCANNED (the same text twice). A rejected read leaves the set as
  // it was.
  std::optional<Rejection> add(const CheckedRead& read);

  bool complete() const { return missing().empty(); }
  // The kinds still to scan, in the order of `needs` (COI first when missing).
  std::vector<CodeKind> missing() const;
  bool empty() const { return scans_.empty(); }

  const std::string& journey() const { return coi_; }               // empty until a COI is scanned
  const std::vector<std::string>& scans() const { return scans_; }  // raw reads, in order
  const std::vector<CodeKind>& needs() const { return needs_; }

  void clear();

 private:
  std::vector<CodeKind> needs_;
  std::vector<std::string> scans_;
  std::vector<CodeKind> have_;  // one entry per code read
  std::string coi_;
  std::string wristband_;
};

}  // namespace cj::scanner
