#include "server/rules/definition_cache.h"

#include "workflows/product_catalog.h"

namespace cj::rules {

namespace {

std::shared_ptr<const LoadedRules> load(const std::string& product, std::string_view yaml,
                                        std::string_view source_name) {
  auto loaded = std::make_shared<LoadedRules>();
  auto site = workflows::parse_site_config(yaml, source_name);
  if (!site.ok()) {
    for (const auto& problem : site.error()) loaded->problems.push_back(problem.to_string());
    return loaded;
  }
  loaded->site = std::move(site.value());
  auto definition = workflows::load_embedded_product(product, &loaded->site);
  if (!definition.ok()) {
    for (const auto& problem : definition.error()) loaded->problems.push_back(problem.to_string());
    return loaded;
  }
  loaded->definition = std::move(definition.value());
  return loaded;
}

}  // namespace

DefinitionCache& DefinitionCache::process() {
  static DefinitionCache cache;
  return cache;
}

std::shared_ptr<const LoadedRules> DefinitionCache::get(std::int64_t site_id, const std::string& updated_at,
                                                        const std::string& product, std::string_view yaml,
                                                        std::string_view source_name) {
  Key key{site_id, updated_at, product};
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) return it->second;
  }
  auto loaded = load(product, yaml, source_name);
  std::lock_guard lock(mutex_);
  // Entries of this site under another rules text are stale: drop them.
  for (auto it = entries_.lower_bound(Key{site_id, "", ""});
       it != entries_.end() && std::get<0>(it->first) == site_id;) {
    if (std::get<1>(it->first) != updated_at) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  auto [it, inserted] = entries_.emplace(std::move(key), std::move(loaded));
  return it->second;
}

std::size_t DefinitionCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace cj::rules
