// AIM symbology identifiers: stripped before parsing, kept as information.
#include "scanner/aim.h"

#include <gtest/gtest.h>

namespace cj::scanner {
namespace {

TEST(Aim, AReadWithoutIdentifierIsKeptWholeWithTheDecodersSymbology) {
  const AimRead read = strip_aim("=A99992600001200", "DataMatrix");
  EXPECT_EQ(read.identifier, "");
  EXPECT_EQ(read.data, "=A99992600001200");
  EXPECT_EQ(read.symbology, "DataMatrix");
}

TEST(Aim, Code128IdentifierIsStripped) {
  const AimRead read = strip_aim("]C0=A99992600001200");
  EXPECT_EQ(read.identifier, "]C0");
  EXPECT_EQ(read.symbology, "Code128");
  EXPECT_EQ(read.data, "=A99992600001200");
  EXPECT_FALSE(read.concatenated);
}

TEST(Aim, C4MarksAnIsbtConcatenationOfTwoCode128Symbols) {
  const AimRead read = strip_aim("]C4=A99992600001200=<S1194100");
  EXPECT_TRUE(read.concatenated);
  EXPECT_EQ(read.data, "=A99992600001200=<S1194100");
}

TEST(Aim, DataMatrixAndQrIdentifiersNameTheirSymbology) {
  EXPECT_EQ(strip_aim("]d1=+03000").symbology, "DataMatrix");
  EXPECT_EQ(strip_aim("]d2=+03000").data, "=+03000");
  EXPECT_EQ(strip_aim("]Q1SHIP-0042").symbology, "QRCode");
  EXPECT_EQ(strip_aim("]E0012345678905").symbology, "Other");
}

TEST(Aim, ABracketThatIsNotAnIdentifierIsData) {
  EXPECT_EQ(strip_aim("]").data, "]");
  EXPECT_EQ(strip_aim("]C").data, "]C");
  EXPECT_EQ(strip_aim("]9x").identifier, "");
}

}  // namespace
}  // namespace cj::scanner
