// server/transport/wire.h: the one place Beast messages become api values and back.
#include "server/transport/wire.h"

#include <gtest/gtest.h>

namespace cj::transport {
namespace {

WireRequest wire_request(http::verb verb, std::string target) {
  WireRequest req{verb, target, 11};
  req.set(http::field::host, "ward");
  req.set(http::field::authorization, "Bearer token");
  req.body() = "{\"a\":1}";
  return req;
}

TEST(Wire, ARequestKeepsMethodTargetHeadersAndBody) {
  const api::Request req = to_api(wire_request(http::verb::post, "/api/v1/scans?x=1"));
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/api/v1/scans?x=1");
  EXPECT_EQ(req.header("Authorization"), "Bearer token");
  EXPECT_EQ(req.header("host"), "ward");
  EXPECT_EQ(req.body, "{\"a\":1}");
}

TEST(Wire, EveryAnswerNamesTheServerAndKeepsItsHeaders) {
  const WireResponse res = to_wire(api::content_response("image/png", "png"), ReplyTo{11, true, false, false});
  EXPECT_EQ(res[http::field::server], "CellJourney");
  EXPECT_EQ(res[http::field::content_type], "image/png");
  EXPECT_EQ(res[http::field::cache_control], "no-store");
}

TEST(Wire, AGetAnswerCarriesItsBodyAndLength) {
  const WireResponse res = to_wire(api::content_response("text/plain", "hello"), ReplyTo{11, true, false, false});
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body(), "hello");
  EXPECT_EQ(res[http::field::content_length], "5");
}

TEST(Wire, AHeadAnswerHasTheLengthOfTheBodyItLeavesOut) {
  const WireResponse res = to_wire(api::content_response("text/plain", "hello"), ReplyTo{11, true, true, false});
  EXPECT_TRUE(res.body().empty());
  EXPECT_EQ(res[http::field::content_length], "5");
}

TEST(Wire, NoContentAndNotModifiedCarryNoBodyAndNoLength) {
  for (int status : {204, 304}) {
    api::Response answer = api::empty_response(status);
    answer.body = "ignored";
    const WireResponse res = to_wire(std::move(answer), ReplyTo{11, true, false, false});
    EXPECT_EQ(res.result_int(), status);
    EXPECT_TRUE(res.body().empty()) << status;
    EXPECT_EQ(res.find(http::field::content_length), res.end()) << status;
  }
}

TEST(Wire, TheConnectionsKeepAliveIsEchoed) {
  EXPECT_TRUE(to_wire(api::empty_response(204), ReplyTo{11, true, false, false}).keep_alive());
  EXPECT_FALSE(to_wire(api::empty_response(204), ReplyTo{11, false, false, false}).keep_alive());
}

TEST(Wire, AnAnswerOverHttpsCarriesStrictTransportSecurityAndOneOverPlainHttpDoesNot) {
  const WireResponse secure = to_wire(api::content_response("text/plain", "hello"), ReplyTo{11, true, false, true});
  EXPECT_EQ(secure[http::field::strict_transport_security], "max-age=31536000");
  const WireResponse bodiless = to_wire(api::empty_response(204), ReplyTo{11, true, false, true});
  EXPECT_EQ(bodiless[http::field::strict_transport_security], "max-age=31536000");
  const WireResponse plain = to_wire(api::content_response("text/plain", "hello"), ReplyTo{11, true, false, false});
  EXPECT_EQ(plain.find(http::field::strict_transport_security), plain.end());
}

}  // namespace
}  // namespace cj::transport
