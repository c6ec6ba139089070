#include "base/result.h"

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "base/error.h"

namespace cj::base {
namespace {

using IntOr = Result<int, Error>;

IntOr parse_positive(int n) {
  if (n <= 0) return Error{"INVALID_FIELD", "Give a positive number.", "n"};
  return n;
}

TEST(ResultTest, HoldsTheValue) {
  const IntOr r = parse_positive(7);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r.value(), 7);
  EXPECT_EQ(*r, 7);
}

TEST(ResultTest, HoldsTheError) {
  const IntOr r = parse_positive(-1);
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(r.error(), (Error{"INVALID_FIELD", "Give a positive number.", "n"}));
  EXPECT_EQ(r.error().field, "n");
}

TEST(ResultTest, TheMissingAlternativeThrows) {
  EXPECT_THROW((void)parse_positive(-1).value(), std::bad_variant_access);
  EXPECT_THROW((void)parse_positive(1).error(), std::bad_variant_access);
}

TEST(ResultTest, ValueIsMutableAndMovesOut) {
  Result<std::unique_ptr<std::string>, Error> r = std::make_unique<std::string>("bag");
  r.value()->append(" 1");
  EXPECT_EQ(*r.value(), "bag 1");
  EXPECT_EQ(r->get()->size(), 5u);
  const std::unique_ptr<std::string> taken = std::move(r).value();
  EXPECT_EQ(*taken, "bag 1");
}

TEST(ResultTest, ErrorMovesOut) {
  Result<int, std::string> r = std::string("unreachable");
  const std::string taken = std::move(r).error();
  EXPECT_EQ(taken, "unreachable");
}

TEST(ResultTest, DoneOrSaysOnlyWhetherItWorked) {
  const DoneOr<Error> done = Done{};
  EXPECT_TRUE(done.ok());
  const DoneOr<Error> failed = Error{"NOT_FOUND", "No such station.", ""};
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "NOT_FOUND");
  EXPECT_TRUE(failed.error().field.empty());
}

TEST(ResultTest, AListOfErrorsIsBuiltFromOneOrMany) {
  using Problems = std::vector<std::string>;
  const Result<int, Problems> one = std::string("line 3: missing `product`");
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.error(), Problems{"line 3: missing `product`"});
  const Result<int, Problems> many = Problems{"a", "b"};
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.error().size(), 2u);
}

struct Verdict {
  bool good = false;
};

}  // namespace

// An error type that can also mean "no error" may refuse to be held as a failure.
template <>
struct ErrorTraits<Verdict> {
  static Verdict as_failure(Verdict) { return Verdict{false}; }
};

namespace {

TEST(ResultTest, ErrorTraitsSeeEveryError) {
  const Result<int, Verdict> r = Verdict{true};
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().good);
}

}  // namespace
}  // namespace cj::base
