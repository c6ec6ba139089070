// base/failure.h: the domain error thrown out of a transaction, and its common forms.
#include "base/failure.h"

#include <gtest/gtest.h>

namespace cj::base {
namespace {

TEST(Failure, CarriesTheDomainErrorWithItsMessageAsWhat) {
  try {
    throw Failure(ErrorKind::forbidden, "OTHER_SITE", "Station A may only record journeys of its own site.", "journey");
  } catch (const std::exception& e) {
    EXPECT_STREQ(e.what(), "Station A may only record journeys of its own site.");
    const auto& failure = dynamic_cast<const Failure&>(e);
    EXPECT_EQ(failure.error(), (Error{"OTHER_SITE", "Station A may only record journeys of its own site.", "journey",
                                      ErrorKind::forbidden}));
  }
}

TEST(Failure, TheCommonFormsHaveStableCodesAndKinds) {
  struct Row {
    Failure failure;
    const char* code;
    ErrorKind kind;
    const char* field;
  };
  const Row table[] = {
      {Failure::bad_request("The body must be a JSON object."), "BAD_REQUEST", ErrorKind::invalid, ""},
      {Failure::invalid_field("patient.mrn", "Too long."), "INVALID_FIELD", ErrorKind::invalid, "patient.mrn"},
      {Failure::unauthenticated("Sign in."), "UNAUTHENTICATED", ErrorKind::unauthenticated, ""},
      {Failure::forbidden("Needs qa."), "FORBIDDEN", ErrorKind::forbidden, ""},
      {Failure::not_found("No such user."), "NOT_FOUND", ErrorKind::not_found, ""},
      {Failure::conflict("RULES_MISSING", "No rules."), "RULES_MISSING", ErrorKind::conflict, ""},
  };
  for (const Row& row : table) {
    EXPECT_EQ(row.failure.code(), row.code);
    EXPECT_EQ(row.failure.kind(), row.kind) << row.code;
    EXPECT_EQ(row.failure.field(), row.field) << row.code;
  }
}

TEST(Failure, AnErrorWithoutAKindIsAnInvalidRequest) {
  const Error error{"MISSING_FIELD", "The field 'patient' is required.", "patient"};
  EXPECT_EQ(error.kind, ErrorKind::invalid);
  EXPECT_EQ(kind_name(error.kind), "invalid");
}

}  // namespace
}  // namespace cj::base
