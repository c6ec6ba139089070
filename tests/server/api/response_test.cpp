// api/response.h: every answer is built in one place.
#include "server/api/response.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "base/failure.h"

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

// The one table from a domain error's kind to its HTTP status: changing a row changes what
// every client sees, so the whole table is pinned here.
TEST(Response, EachKindOfDomainErrorHasItsOwnStatus) {
  struct Row {
    base::ErrorKind kind;
    int status;
  };
  const Row table[] = {
      {base::ErrorKind::invalid, 400},       {base::ErrorKind::unauthenticated, 401},
      {base::ErrorKind::forbidden, 403},     {base::ErrorKind::not_found, 404},
      {base::ErrorKind::conflict, 409},      {base::ErrorKind::unsupported_media, 415},
      {base::ErrorKind::unprocessable, 422},
  };
  for (const Row& row : table) EXPECT_EQ(status_of(row.kind), row.status) << base::kind_name(row.kind);
}

TEST(Response, ADomainErrorIsAnsweredWithItsKindsStatusCodeAndField) {
  const Response res = error_response(base::Failure::conflict("RULES_MISSING", "Site north has no rules.").error());
  EXPECT_EQ(res.status, 409);
  const auto error = boost::json::parse(res.body).at("error");
  EXPECT_EQ(error.at("code"), "RULES_MISSING");
  EXPECT_EQ(error.at("message"), "Site north has no rules.");
  EXPECT_FALSE(error.as_object().contains("field"));
}

}  // namespace
}  // namespace cj::api
