// The request-field helpers every handler uses (no database, no server).
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "base/failure.h"
#include "server/api/json_fields.h"

namespace cj::api {
namespace {

namespace json = boost::json;

// The error a call throws: "CODE field".
template <typename F>
std::string refusal(F&& call) {
  try {
    call();
  } catch (const base::Failure& e) {
    return e.code() + " " + e.field();
  }
  return "none";
}

TEST(JsonFields, AnUnknownFieldIsRefusedByItsFullPath) {
  const auto body = json::parse(R"({"site": "north", "role": "qa", "colour": "red"})").as_object();
  EXPECT_EQ(refusal([&] {
              refuse_unknown_fields(body, {"site", "role"}, "roles[3]");
            }),
            "UNKNOWN_FIELD roles[3].colour");
  EXPECT_EQ(refusal([&] { refuse_unknown_fields(body, {"site", "role", "colour"}); }), "none");
}

TEST(JsonFields, ATextFieldWithANulOrAControlCharacterIsRefused) {
  const auto body =
      json::parse(R"({"mrn": "A\u0000B", "name": "x\u001by", "del": "a\u007f", "note": "line 1\n\tline 2"})")
          .as_object();
  EXPECT_EQ(refusal([&] { required_string(body, "mrn", 64); }), "INVALID_FIELD mrn");
  EXPECT_EQ(refusal([&] { required_string(body, "name", 64); }), "INVALID_FIELD name");
  EXPECT_EQ(refusal([&] { required_string(body, "del", 64); }), "INVALID_FIELD del");
  EXPECT_EQ(required_string(body, "note", 64), "line 1\n\tline 2");
}

TEST(JsonFields, RequiredStringsMustBePresentStringsNotBlankAndNotTooLong) {
  const auto body = json::parse(R"({"a": "ok", "b": 7, "c": "  ", "d": null, "e": "toolong"})").as_object();
  EXPECT_EQ(required_string(body, "a", 10), "ok");
  EXPECT_EQ(refusal([&] { required_string(body, "b", 10); }), "INVALID_FIELD b");
  EXPECT_EQ(refusal([&] { required_string(body, "c", 10); }), "INVALID_FIELD c");
  EXPECT_EQ(refusal([&] { required_string(body, "d", 10); }), "MISSING_FIELD d");
  EXPECT_EQ(refusal([&] { required_string(body, "missing", 10); }), "MISSING_FIELD missing");
  EXPECT_EQ(refusal([&] { required_string(body, "e", 3); }), "INVALID_FIELD e");
  EXPECT_FALSE(optional_string(body, "d", 10).has_value());
}

TEST(JsonFields, ArraysAreCheckedForTypeAndSize) {
  const auto body = json::parse(R"({"list": [1, 2, 3], "text": "x"})").as_object();
  EXPECT_EQ(required_array(body, "list", 3).size(), 3u);
  EXPECT_EQ(refusal([&] { required_array(body, "list", 2); }), "INVALID_FIELD list");
  EXPECT_EQ(refusal([&] { required_array(body, "text", 2); }), "INVALID_FIELD text");
  EXPECT_EQ(refusal([&] { object_element(body.at("list").as_array()[0], "list[0]"); }), "INVALID_FIELD list[0]");
}

TEST(JsonFields, DatesAreRealCalendarDaysAndMeanMidnightUtc) {
  EXPECT_EQ(checked_utc_time("2026-01-31", "d"), "2026-01-31T00:00:00Z");
  EXPECT_EQ(checked_utc_time("2028-02-29T23:59:59Z", "d"), "2028-02-29T23:59:59Z");
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-01-31T24:00:00Z", "2026-01-31T10:00:00+24:00",
                          "2026-01-31T10:00:00", "31.01.2026", "0000-01-01", "1899-12-31T23:59:59Z", ""}) {
    EXPECT_EQ(refusal([&] { checked_utc_time(bad, "valid_from"); }), "INVALID_FIELD valid_from") << bad;
  }
}

TEST(JsonFields, BrowserTimesAreReadAsTheUtcSecond) {
  EXPECT_EQ(checked_utc_time("2026-01-31T10:00:00.123Z", "d"), "2026-01-31T10:00:00Z");
  EXPECT_EQ(checked_utc_time("2026-01-31T11:00:00.999+01:00", "d"), "2026-01-31T10:00:00Z");
}

}  // namespace
}  // namespace cj::api
