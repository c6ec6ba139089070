// api/response.h: every answer is built in one place.
#include "server/api/response.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace cj::api {
namespace {

TEST(Response, JsonCarriesTheDocumentAndANewline) {
  const Response res = json_response(201, boost::json::object{{"id", 7}});
  EXPECT_EQ(res.status, 201);
  EXPECT_EQ(res.body, "{\"id\":7}\n");
  EXPECT_EQ(res.header("Content-Type"), "application/json");
}

TEST(Response, NothingTheApiAnswersIsCached) {
  EXPECT_EQ(json_response(200, nullptr).header("Cache-Control"), "no-store");
  EXPECT_EQ(content_response("image/png", "png").header("Cache-Control"), "no-store");
  EXPECT_EQ(empty_response(204).header("Cache-Control"), "no-store");
}

TEST(Response, AnErrorHasCodeMessageAndField) {
  const Response res = error_response(400, "INVALID_FIELD", "`unit` is C or F.", "unit");
  EXPECT_EQ(res.status, 400);
  const auto error = boost::json::parse(res.body).at("error");
  EXPECT_EQ(error.at("code"), "INVALID_FIELD");
  EXPECT_EQ(error.at("message"), "`unit` is C or F.");
  EXPECT_EQ(error.at("field"), "unit");
}

TEST(Response, AnErrorWithoutAFieldNamesNone) {
  const auto error = boost::json::parse(error_response(404, "NOT_FOUND", "No resource.").body).at("error");
  EXPECT_EQ(error.as_object().if_contains("field"), nullptr);
}

TEST(Response, ContentKeepsItsTypeAndBytes) {
  const Response res = content_response("application/pdf", std::string("%PDF\0x", 6));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.header("Content-Type"), "application/pdf");
  EXPECT_EQ(res.body.size(), 6u);
}

TEST(Response, EmptyHasNoBody) {
  const Response res = empty_response(204);
  EXPECT_EQ(res.status, 204);
  EXPECT_TRUE(res.body.empty());
}

}  // namespace
}  // namespace cj::api
