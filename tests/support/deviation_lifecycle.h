// Carrying a deviation through its lifecycle over the API (docs/quality.md "Deviations and
// CAPA"), for the tests whose subject is what a closed deviation changes (the board, a
// blocking deviation lifted): acknowledge, investigate, one corrective action closed, CAPA
// completed, disposition "use", and the signed close by qa (who must hold qa at its site).
#pragma once

#include <cstdint>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_client.h"

namespace cj::testing {

/// Moves deviation id to "disposition" with its disposition recorded (qa does every step).
inline void bring_to_disposition(const ApiClient& qa, std::int64_t id, const std::string& disposition = "use") {
  namespace json = boost::json;
  const std::string at = "/api/v1/deviations/" + std::to_string(id);
  ASSERT_EQ(qa.post(at + "/acknowledge", json::object{}).status, 200);
  auto investigated =
      qa.post(at + "/investigation", json::object{{"category", "procedure"}, {"text", "Reviewed the records"}});
  ASSERT_EQ(investigated.status, 200) << investigated.raw;
  const std::string owner(investigated.body.at("owner").as_string());
  ASSERT_EQ(
      qa.post(at + "/actions",
              json::object{{"kind", "corrective"}, {"text", "Brief the team"}, {"owner", owner}, {"due", "2026-12-31"}})
          .status,
      200);
  ASSERT_EQ(qa.post(at + "/actions/1/close", json::object{{"note", "Team briefed"}}).status, 200);
  ASSERT_EQ(qa.post(at + "/capa", json::object{{"outcome", "completed"}, {"note", "Done"}}).status, 200);
  auto disposed = qa.post(at + "/disposition", json::object{{"disposition", disposition}, {"note", "Fit for use"}});
  ASSERT_EQ(disposed.status, 200) << disposed.raw;
}

}  // namespace cj::testing
