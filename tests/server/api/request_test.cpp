// api::Request: the handler's view of a request, as a value.
#include "server/api/request.h"

#include <gtest/gtest.h>

namespace cj::api {
namespace {

Request with_headers(std::vector<Header> headers) {
  Request req;
  req.method = "GET";
  req.target = "/api/v1/journeys";
  req.headers = std::move(headers);
  return req;
}

TEST(Request, HeaderNamesMatchWhateverTheirCase) {
  const Request req = with_headers({{"content-TYPE", "text/csv"}});
  EXPECT_EQ(req.header("Content-Type"), "text/csv");
  EXPECT_TRUE(req.has_header("content-type"));
}

TEST(Request, AnAbsentHeaderIsEmptyAndNotThere) {
  const Request req = with_headers({{"Host", "ward"}});
  EXPECT_EQ(req.header("Authorization"), "");
  EXPECT_FALSE(req.has_header("Authorization"));
}

TEST(Request, AnEmptyHeaderIsThere) {
  const Request req = with_headers({{"Authorization", ""}});
  EXPECT_TRUE(req.has_header("Authorization"));
}

TEST(Request, TheFirstOfRepeatedHeadersIsRead) {
  const Request req = with_headers({{"X-Site", "NORTH"}, {"x-site", "SOUTH"}});
  EXPECT_EQ(req.header("X-Site"), "NORTH");
}

TEST(Request, SettingAHeaderReplacesEveryOneOfThatName) {
  Request req = with_headers({{"Authorization", "Bearer a"}, {"authorization", "Bearer b"}, {"Host", "ward"}});
  req.set_header("AUTHORIZATION", "Bearer c");
  EXPECT_EQ(req.header("Authorization"), "Bearer c");
  EXPECT_EQ(req.headers.size(), 2u);
}

TEST(Request, QueryParametersArePercentDecoded) {
  Request req;
  req.target = "/api/v1/journeys?site=NORTH%20WING&status=active";
  EXPECT_EQ(req.query("site"), "NORTH WING");
  EXPECT_EQ(req.query("status"), "active");
}

TEST(Request, AnAbsentQueryParameterIsNullopt) {
  Request req;
  req.target = "/api/v1/journeys?site=NORTH";
  EXPECT_EQ(req.query("status"), std::nullopt);
}

TEST(Request, ATargetThatDoesNotParseHasNoQuery) {
  Request req;
  req.target = "not a path?site=NORTH";
  EXPECT_EQ(req.query("site"), std::nullopt);
}

}  // namespace
}  // namespace cj::api
