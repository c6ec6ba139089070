// DefinitionCache: a scan never parses YAML again; a new rules text is used at once.
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "server/rules/definition_cache.h"
#include "tests/support/journey_world.h"

namespace cj::testing {
namespace {

TEST(DefinitionCache, TheSameRulesAndProductGiveTheSameLoadedDefinition) {
  rules::DefinitionCache cache;

  auto first = cache.get(1, "2026-11-20T10:00:00.000000Z", "kymriah", test_eu_rules(), "site-rules/a");
  auto again = cache.get(1, "2026-11-20T10:00:00.000000Z", "kymriah", "not even YAML: never read", "site-rules/a");

  ASSERT_TRUE(first->ok());
  EXPECT_EQ(first.get(), again.get());
  EXPECT_EQ(first->definition.product, "kymriah");
}

TEST(DefinitionCache, NewRulesOfASiteReplaceItsOlderEntries) {
  rules::DefinitionCache cache;
  auto old_rules = cache.get(1, "2026-11-20T10:00:00.000000Z", "kymriah", test_eu_rules(), "site-rules/a");
  cache.get(2, "2026-11-20T10:00:00.000000Z", "kymriah", test_eu_rules(), "site-rules/b");

  auto new_rules =
      cache.get(1, "2026-11-21T10:00:00.000000Z", "kymriah", "site: X\nregion: EU\nvalues: {}\n", "site-rules/a");

  EXPECT_FALSE(new_rules->ok());  // the new text lacks kymriah's site-set values
  EXPECT_TRUE(old_rules->ok());   // a holder keeps what it has
  EXPECT_EQ(cache.size(), 2u);    // site 1's old entry dropped, site 2's kept
}

TEST(DefinitionCache, AProductThatDoesNotLoadNamesTheMissingSiteSetValues) {
  rules::DefinitionCache cache;

  auto loaded =
      cache.get(3, "2026-11-20T10:00:00.000000Z", "yescarta", "site: X\nregion: EU\nvalues: {}\n", "site-rules/c");

  ASSERT_FALSE(loaded->ok());
  bool named = false;
  for (const auto& problem : loaded->problems) {
    if (problem.find("yescarta/") != std::string::npos && problem.find("site-rules/c") != std::string::npos)
      named = true;
  }
  EXPECT_TRUE(named);
}

TEST(DefinitionCache, ConcurrentLookupsOfOneKeyShareOneEntry) {
  rules::DefinitionCache cache;
  std::vector<std::shared_ptr<const rules::LoadedRules>> seen(8);
  std::vector<std::thread> threads;

  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] { seen[i] = cache.get(4, "t", "kymriah", test_eu_rules(), "site-rules/d"); });
  }
  for (auto& t : threads) t.join();

  for (const auto& entry : seen) EXPECT_EQ(entry.get(), cache.get(4, "t", "kymriah", "", "site-rules/d").get());
  EXPECT_EQ(cache.size(), 1u);
}

}  // namespace
}  // namespace cj::testing
