// GET /api/v1/labels/{din}.{png,pdf,svg,zpl}: a unit's label built from the journal, on a real
// server and database; the PNG is read back with ZXing and parsed with isbt128/.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <regex>

#include "isbt128/parse.h"
#include "tests/labels/label_image.h"
#include "tests/server/labelling/label_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class LabelApiTest : public LabelSuite {};

// A ^BC field in Zebra's automatic mode (m = A) whose ^FH field data is the DIN structure [001]
// "=" + din + its two flag characters: the printer encodes that text (labels/zpl_options.h).
bool has_din_code128(const std::string& zpl, const std::string& din) {
  return std::regex_search(zpl, std::regex("\\^BY[0-9]+\\^BCN,[0-9]+,N,N,N,A\\^FH\\^FD=" + din + "[0-9A-Z]{2}\\^FS"));
}

TEST_F(LabelApiTest, ThePngLabelDecodesBackToTheUnitsDinAndProductCode) {
  const auto bag = collected_bag("la1", "L0001", "A999926410001");

  auto reply = fetch(log_in(bag.world.nurse), "/api/v1/labels/" + bag.din + ".png?template=apheresis-bag");

  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.content_type, "image/png");
  auto image = labels::testing::load_png(reply.body);
  ASSERT_TRUE(image) << "not a PNG";
  auto text = labels::testing::find_datamatrix(*image);
  ASSERT_TRUE(text) << "no DataMatrix on the label";
  auto structures = isbt128::parse(*text);
  ASSERT_TRUE(structures.ok()) << *text << ": " << structures.error().message;
  std::string din, product_code, coi;
  for (const auto& s : structures.value()) {
    if (s.number == "001") din = std::string(isbt128::text_field(s, "din").value_or(""));
    if (s.number == "003") product_code = s.content;
    if (s.number == "040") coi = std::string(isbt128::text_field(s, "coi").value_or(""));
  }
  EXPECT_EQ(din, bag.din);
  EXPECT_EQ(product_code, kBagProductCode);
  EXPECT_EQ(coi, bag.coi);
}

TEST_F(LabelApiTest, TheZplLabelCarriesTheDinInACode128Field) {
  const auto bag = collected_bag("la2", "L0002", "A999926420001");

  auto reply = fetch(log_in(bag.world.nurse), "/api/v1/labels/" + bag.din + ".zpl?template=apheresis-bag&dpi=203");

  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.content_type, "text/plain; charset=us-ascii");
  EXPECT_TRUE(reply.body.starts_with("^XA")) << reply.body.substr(0, 40);
  EXPECT_TRUE(has_din_code128(reply.body, bag.din)) << "the DIN [001] as Code 128 data\n" << reply.body;
}

TEST_F(LabelApiTest, TheShipperLabelTakesTheHandOverTimeAndShipperIdFromTheShipEvent) {
  const auto bag = collected_bag("la12", "L0012", "A999926520001");
  ASSERT_EQ(post_step(bag, "apheresis.label", "2026-10-05T12:10:00Z", {"&/" + bag.coi}, {}, "la12-label").status, 200);
  auto ship = post_step(bag, "apheresis.ship", "2026-10-05T15:00:00Z", {}, {{"shipper_id", "AS-77"}}, "la12-ship");
  ASSERT_EQ(ship.status, 200) << ship.raw;

  auto reply = fetch(log_in(bag.world.nurse), "/api/v1/labels/" + bag.din + ".zpl?template=apheresis-shipper");

  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.body.find("AS-77"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("2026-10-05 15:00 UTC"), std::string::npos) << "hand-over time (no label time zone set)";
  EXPECT_TRUE(has_din_code128(reply.body, bag.din)) << "the DIN of the bag inside\n" << reply.body;
}

TEST_F(LabelApiTest, TheBagLabelPrintsTheCollectedVolumeAndTheSiteThatCollectedIt) {
  const auto bag = collected_bag("la13", "L0013", "A999926530001");  // collected with volume_ml 250

  auto reply = fetch(log_in(bag.world.nurse), "/api/v1/labels/" + bag.din + ".zpl?template=apheresis-bag");

  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.body.find("^FDVolume 250 mL^FS"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("^FDCollected at Site la13^FS"), std::string::npos) << "the station's site";
  EXPECT_EQ(reply.body.find("Anticoagulant"), std::string::npos) << "the core journey records none";
  EXPECT_NE(reply.body.find("^FDFOR AUTOLOGOUS USE ONLY^FS"), std::string::npos) << "product code S1194 1 00";
}

TEST_F(LabelApiTest, AShipperIdTooLongForTheShipperLabelIsRefusedNamingItNeverCut) {
  const auto bag = collected_bag("la14", "L0014", "A999926540001");
  ASSERT_EQ(post_step(bag, "apheresis.label", "2026-10-05T12:10:00Z", {"&/" + bag.coi}, {}, "la14-label").status, 200);
  const std::string shipper = "SHIPPER2026EUROPEFRANKFURTCRYOGENICDRYSHIPPER000123XL01SERIAL";  // 61, no break
  auto ship = post_step(bag, "apheresis.ship", "2026-10-05T15:00:00Z", {}, {{"shipper_id", shipper}}, "la14-ship");
  ASSERT_EQ(ship.status, 200) << ship.raw;

  auto reply = log_in(bag.world.nurse).get("/api/v1/labels/" + bag.din + ".zpl?template=apheresis-shipper");

  EXPECT_EQ(reply.status, 422) << reply.raw;
  EXPECT_EQ(reply.error_code(), "INVALID_LABEL_DATA");
  EXPECT_EQ(reply.error_field(), "shipper_id");
  EXPECT_NE(reply.raw.find("shipper_id does not fit on apheresis-shipper: 61 characters, at most "), std::string::npos)
      << reply.raw;
}

TEST_F(LabelApiTest, ThePdfLabelIsAPdf) {
  const auto bag = collected_bag("la3", "L0003", "A999926430001");

  auto reply = fetch(log_in(bag.world.coordinator), "/api/v1/labels/" + bag.din + ".pdf?template=apheresis-bag");

  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.content_type, "application/pdf");
  EXPECT_TRUE(reply.body.starts_with("%PDF-"));
}

TEST_F(LabelApiTest, AnUnknownTemplateIsABadRequestNamingTheTemplate) {
  const auto bag = collected_bag("la4", "L0004", "A999926440001");

  auto reply = log_in(bag.world.nurse).get("/api/v1/labels/" + bag.din + ".png?template=bag-of-holding");

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNKNOWN_TEMPLATE");
  EXPECT_EQ(reply.error_field(), "template");
}

TEST_F(LabelApiTest, DataTheJournalDoesNotHoldYetIsRefusedNamingTheField) {
  const auto bag = collected_bag("la5", "L0005", "A999926450001");
  auto nurse = log_in(bag.world.nurse);

  auto storage = nurse.get("/api/v1/labels/" + bag.din + ".png?template=final-product-storage");
  auto shipper = nurse.get("/api/v1/labels/" + bag.din + ".png?template=apheresis-shipper");

  EXPECT_EQ(storage.status, 422) << storage.raw;
  EXPECT_EQ(storage.error_code(), "MISSING_LABEL_DATA");
  EXPECT_EQ(storage.error_field(), "expires") << storage.raw;
  EXPECT_EQ(shipper.status, 422) << shipper.raw;
  EXPECT_EQ(shipper.error_field(), "shipped") << "not shipped yet";
}

TEST_F(LabelApiTest, TheWristbandIsRefusedBecauseTheServerHoldsNoPatientNames) {
  const auto bag = collected_bag("la6", "L0006", "A999926460001");

  auto reply = log_in(bag.world.nurse).get("/api/v1/labels/" + bag.din + ".png?template=patient-wristband");

  EXPECT_EQ(reply.status, 422) << reply.raw;
  EXPECT_EQ(reply.error_field(), "patient.name");
}

TEST_F(LabelApiTest, AUnitAtAnotherSiteIsNotFound) {
  const auto bag = collected_bag("la7", "L0007", "A999926470001");
  const World elsewhere = seed_world("la7b", "L0071");

  auto reply = log_in(elsewhere.nurse).get("/api/v1/labels/" + bag.din + ".png?template=apheresis-bag");

  EXPECT_EQ(reply.status, 404) << reply.raw;
  EXPECT_EQ(reply.error_code(), "UNKNOWN_UNIT");
}

TEST_F(LabelApiTest, ARoleWithoutLabelAccessIsForbidden) {
  const auto bag = collected_bag("la8", "L0008", "A999926480001");
  add_user("quinn.la8", {"qa@la8"});

  auto reply = log_in("quinn.la8").get("/api/v1/labels/" + bag.din + ".png?template=apheresis-bag");

  EXPECT_EQ(reply.status, 403) << reply.raw;
}

TEST_F(LabelApiTest, ALabellingRoleAtAnotherSiteOnlyIsForbiddenAtThisOne) {
  const auto bag = collected_bag("la9", "L0009", "A999926490001");
  const World elsewhere = seed_world("la9b", "L0091");
  add_user("quinn.la9", {"qa@la9", "apheresis@la9b"});

  auto reply = log_in("quinn.la9").get("/api/v1/labels/" + bag.din + ".png?template=apheresis-bag");

  EXPECT_EQ(reply.status, 403) << reply.raw;
}

TEST_F(LabelApiTest, TheStationOfTheUnitsSiteGetsTheLabel) {
  const auto bag = collected_bag("la10", "L0010", "A999926500001");

  auto reply = fetch(station_of(bag.world), "/api/v1/labels/" + bag.din + ".svg?template=apheresis-bag");

  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.content_type, "image/svg+xml");
}

TEST_F(LabelApiTest, ALabelWithoutAFileTypeIsABadRequest) {
  const auto bag = collected_bag("la11", "L0011", "A999926510001");

  auto reply = log_in(bag.world.nurse).get("/api/v1/labels/" + bag.din + "?template=apheresis-bag");

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_field(), "format");
}

}  // namespace
}  // namespace cj::testing
