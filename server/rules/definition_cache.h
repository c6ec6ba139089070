// DefinitionCache: product definitions loaded with a site's rules, kept for the process so that
// a scan never parses YAML again.
//
// Keyed by (site_id, the rules' updated_at, product): a new rules text has a new updated_at, so
// the next lookup loads afresh (and the site's older entries are dropped then). Failures are
// cached too (the same text fails the same way). Entries are immutable and shared: a caller
// keeps its shared_ptr for as long as it needs it, whatever happens to the cache meanwhile.
//
// Thread-safety: every method may be called from any thread (one mutex; loading happens outside
// it, so two threads may load the same entry once each, and the first stored wins).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "workflows/definition.h"
#include "workflows/site_config.h"

namespace cj::rules {

struct LoadedRules {
  workflows::SiteConfig site;
  workflows::Definition definition;   // valid when problems is empty
  std::vector<std::string> problems;  // why the product does not load with these rules
  bool ok() const { return problems.empty(); }
};

class DefinitionCache {
 public:
  /// The process's cache (what the API handlers use).
  static DefinitionCache& process();

  /// The product's definition with the site's rules text yaml, stored at updated_at; source_name
  /// names the text in problems ("site-rules/city-hospital"). Never null; check ok().
  std::shared_ptr<const LoadedRules> get(std::int64_t site_id, const std::string& updated_at,
                                         const std::string& product, std::string_view yaml,
                                         std::string_view source_name);

  std::size_t size() const;

 private:
  using Key = std::tuple<std::int64_t, std::string, std::string>;  // site, updated_at, product
  mutable std::mutex mutex_;
  std::map<Key, std::shared_ptr<const LoadedRules>> entries_;  // guarded by mutex_
};

}  // namespace cj::rules
