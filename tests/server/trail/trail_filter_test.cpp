// Reading the audit trail's filter from the query (server/trail/trail_filter.h).
#include "server/trail/trail_filter.h"

#include <map>

#include <gtest/gtest.h>

#include "base/failure.h"

namespace cj::trail {
namespace {

Filter parsed(const std::map<std::string, std::string, std::less<>>& query) {
  return parse_filter([&](std::string_view name) -> std::optional<std::string> {
    const auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  });
}

std::string refused_field(const std::map<std::string, std::string, std::less<>>& query) {
  try {
    parsed(query);
  } catch (const base::Failure& f) {
    return f.field();
  }
  return "(accepted)";
}

TEST(TrailFilterTest, NothingGivenMeansEveryKindAHundredAtATime) {
  const Filter f = parsed({});
  EXPECT_TRUE(f.kinds.empty());
  EXPECT_EQ(f.limit, kDefaultLimit);
  for (const Kind k : kAllKinds) EXPECT_TRUE(f.wants(k));
  EXPECT_EQ(describe(f), "every record");
}

TEST(TrailFilterTest, KindsAreReadFromACommaListOnceEach) {
  const Filter f = parsed({{"kind", "refusal,sign_in,refusal"}});
  ASSERT_EQ(f.kinds.size(), 2u);
  EXPECT_TRUE(f.wants(Kind::kRefusal));
  EXPECT_TRUE(f.wants(Kind::kSignIn));
  EXPECT_FALSE(f.wants(Kind::kEvent));
}

TEST(TrailFilterTest, EveryKindNameReadsBackAsItself) {
  for (const Kind k : kAllKinds) EXPECT_EQ(parse_kind(kind_name(k)), k) << kind_name(k);
  EXPECT_EQ(parse_kind("Event"), std::nullopt);
}

TEST(TrailFilterTest, TimesAreTakenToUtcSeconds) {
  const Filter f = parsed({{"from", "2026-12-01T10:00:00.5+01:00"}, {"until", "2026-12-02"}});
  EXPECT_EQ(f.from, "2026-12-01T09:00:00Z");
  EXPECT_EQ(f.until, "2026-12-02T00:00:00Z");
  EXPECT_EQ(describe(f), "from 2026-12-01T09:00:00Z; until 2026-12-02T00:00:00Z");
}

TEST(TrailFilterTest, WhatItCannotReadIsRefusedNamingTheParameter) {
  EXPECT_EQ(refused_field({{"kind", "event,"}}), "kind");
  EXPECT_EQ(refused_field({{"kind", "events"}}), "kind");
  EXPECT_EQ(refused_field({{"from", "yesterday"}}), "from");
  EXPECT_EQ(refused_field({{"from", "2026-12-02"}, {"until", "2026-12-02"}}), "until");
  EXPECT_EQ(refused_field({{"limit", "0"}}), "limit");
  EXPECT_EQ(refused_field({{"limit", "501"}}), "limit");
  EXPECT_EQ(refused_field({{"limit", "12abc"}}), "limit");
  EXPECT_EQ(refused_field({{"after", "1.2"}}), "after");
  EXPECT_EQ(refused_field({{"person", ""}}), "person");
  EXPECT_EQ(refused_field({{"coi", std::string(201, 'C')}}), "coi");
}

TEST(TrailFilterTest, ACursorReadsBackAsItWasWritten) {
  const Cursor c{1764842400123456, 5, 987654321};
  EXPECT_EQ(parse_cursor(format_cursor(c)), c);
  EXPECT_EQ(parsed({{"after", format_cursor(c)}}).after, c);
}

TEST(TrailFilterTest, ACursorNotOfThisServersMakingIsNone) {
  for (const char* text : {"", "1.2", "1.2.3.4", "a.1.2", "1.-2.3", "1.10.3", "-1.1.1", "99999999999999999999.1.1"}) {
    EXPECT_EQ(parse_cursor(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace cj::trail
