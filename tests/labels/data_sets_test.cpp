// Every template built with every data set in tests/labels/data_sets (Latin, Greek and Cyrillic
// text, the longest fields the templates take, what they must refuse, ZPL's ^ ~ _ in text): each label passes
// the layout check and prints every text whole, or is refused naming the field the set expects.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "labels/layout_check.h"
#include "labels/template.h"
#include "labels/text_fit.h"
#include "tests/labels/generated_data.h"

namespace cj::labels {
namespace {

namespace json = boost::json;

const std::filesystem::path kSets = std::filesystem::path(CELLJOURNEY_SOURCE_DIR) / "tests/labels/data_sets";

json::object read_set(const std::string& name) {
  std::ifstream in(kSets / (name + ".json"));
  std::ostringstream text;
  text << in.rdbuf();
  return json::parse(text.str()).as_object();
}

// All the label's text, without spaces (a wrapped line drops the space it broke at).
std::string printed(const Layout& layout) {
  std::string all;
  for (const Element& e : layout.elements)
    if (const auto* run = std::get_if<TextRun>(&e)) all += run->text;
  std::erase(all, ' ');
  return all;
}
std::string squeezed(std::string text) {
  std::erase(text, ' ');
  return text;
}

Label built(const json::object& set, std::string_view name) {
  Result<Label> label = build_label(name, json::serialize(set.at(name)));
  EXPECT_TRUE(label.ok()) << name << ": " << label.error().message;
  return label.ok() ? std::move(label).value() : Label{};
}

const TextRun* run_with(const Layout& layout, std::string_view start) {
  for (const Element& e : layout.elements)
    if (const auto* run = std::get_if<TextRun>(&e); run && run->text.starts_with(start)) return run;
  return nullptr;
}

TEST(LabelDataSets, EveryTemplateBuildsFromEverySetAndPassesTheLayoutCheckOrIsRefusedNamingTheField) {
  int sets = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSets)) {
    const std::string set_name = entry.path().stem().string();
    const json::object set = read_set(set_name);
    const json::object* refused = set.contains("expect_refused") ? &set.at("expect_refused").as_object() : nullptr;
    ++sets;
    for (const Template& t : templates()) {
      SCOPED_TRACE(set_name + " / " + std::string(t.name));
      ASSERT_TRUE(set.contains(t.name)) << "every set covers every template";
      Result<Label> label = build_label(t.name, json::serialize(set.at(t.name)));
      if (refused && refused->contains(t.name)) {
        ASSERT_FALSE(label.ok()) << "must be refused";
        EXPECT_EQ(label.error().field, refused->at(t.name).as_string().c_str()) << label.error().message;
        // The one meaning of expect_refused (also in tests/labels/decoders/corpus.cpp): refused,
        // the error's field is the one named, and so is its message.
        EXPECT_NE(label.error().message.find(refused->at(t.name).as_string().c_str()), std::string::npos)
            << label.error().message;
        continue;
      }
      ASSERT_TRUE(label.ok()) << label.error().message;
      for (const std::string& problem : check_layout(label.value().layout)) ADD_FAILURE() << problem;
      const std::string footer = std::string(t.name) + " v" + std::to_string(t.version);
      for (const Element& e : label.value().layout.elements)
        if (const auto* run = std::get_if<TextRun>(&e)) {
          EXPECT_GT(run->width, 0) << "every run has its width: " << run->text;
          if (run->text != footer) {
            EXPECT_GE(run->size, kMinEyeReadable) << run->text;
          }
        }
      // Every note whole: nothing cut, nothing dropped.
      const json::object& data = set.at(t.name).as_object();
      const std::string all = printed(label.value().layout);
      if (t.name != "patient-wristband" && t.name != "verification-sheet" && data.contains("notes")) {
        for (const json::value& note : data.at("notes").as_array()) {
          EXPECT_NE(all.find(squeezed(std::string(note.as_string()))), std::string::npos) << note;
        }
      }
    }
  }
  EXPECT_EQ(sets, 6) << "latin, greek, cyrillic, long_fields, too_long, zpl-escapes";
}

TEST(LabelDataSets, GeneratedDataPassesTheLayoutCheckOnEveryTemplate) {
  testing::DataGenerator generator(11);
  for (int i = 0; i < 30; ++i) {
    const std::string data = generator.next().json;
    for (const Template& t : templates()) {
      Result<Label> label = build_label(t.name, data);
      ASSERT_TRUE(label.ok()) << t.name << ": " << label.error().message;
      for (const std::string& problem : check_layout(label.value().layout)) ADD_FAILURE() << t.name << ": " << problem;
    }
  }
}

TEST(LabelDataSets, TheLongStoragePositionIsPrintedWholeAndLarge) {
  const Label label = built(read_set("long_fields"), "final-product-storage");
  std::string position;
  double size = 0;
  for (const Element& e : label.layout.elements)
    if (const auto* run = std::get_if<TextRun>(&e); run && run->weight == Weight::Bold && run->size >= 4.0) {
      position += run->text;
      size = run->size;
    }
  EXPECT_EQ(position, "LN2-TANK-03/R12/B05/A7") << "never cut to .../B0";
  EXPECT_GE(size, 4.0);
}

TEST(LabelDataSets, TheLongShipperIdStaysLeftOfTheQrCode) {
  const Label label = built(read_set("long_fields"), "apheresis-shipper");
  EXPECT_NE(printed(label.layout).find("SHP-2026-EU-FRA-CRYO-000123-XL-01"), std::string::npos);
  double qr_left = 0;
  for (const Element& e : label.layout.elements)
    if (const auto* qr = std::get_if<QrSymbol>(&e)) qr_left = qr->x;
  for (const Element& e : label.layout.elements)
    if (const auto* run = std::get_if<TextRun>(&e); run && run->y < 15) {
      EXPECT_LE(run->x + run->width, qr_left) << run->text;
    }
}

TEST(LabelDataSets, FiveNotesFitOnTheBagAndAreRefusedOnTheStorageLabel) {
  json::object set = read_set("long_fields");
  const Label bag = built(set, "apheresis-bag");
  EXPECT_EQ(set.at("apheresis-bag").at("notes").as_array().size(), 5u);
  for (const std::string& problem : check_layout(bag.layout)) ADD_FAILURE() << problem;

  json::object storage = set.at("final-product-storage").as_object();
  storage["notes"] = set.at("apheresis-bag").at("notes");
  Result<Label> refused = build_label("final-product-storage", json::serialize(storage));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "notes");
  EXPECT_TRUE(refused.error().message.starts_with("notes do not fit on final-product-storage: 5 notes, at most "))
      << refused.error().message;
}

TEST(LabelDataSets, ALongDescriptionWrapsUnderTheProductCode) {
  const Label label = built(read_set("latin"), "apheresis-bag");
  EXPECT_NE(printed(label.layout).find("HPC,APHERESIS,CD3+"), std::string::npos);
  const TextRun* first = run_with(label.layout, "HPC,");
  ASSERT_NE(first, nullptr);
  EXPECT_LT(first->y + first->size, 23) << "above the rule";
}

TEST(LabelDataSets, TheBagPrintsVolumeAnticoagulantAndTheCollectingFacility) {
  const Label label = built(read_set("latin"), "apheresis-bag");
  EXPECT_NE(run_with(label.layout, "Volume 250 mL   Anticoagulant ACD-A"), nullptr);
  EXPECT_NE(printed(label.layout).find("CollectedatUniversitätsklinikumKöln,Apherese-Einheit"), std::string::npos);
}

TEST(LabelDataSets, TheCoiIsPrintedInGroupsLargerAndBold) {
  for (const Template& t : templates()) {
    const Label label = built(read_set("latin"), t.name);
    const TextRun* coi = run_with(label.layout, "COI CH A9999 26 00001A");
    ASSERT_NE(coi, nullptr) << t.name;
    EXPECT_EQ(coi->weight, Weight::Bold) << t.name;
    EXPECT_GT(coi->size, 2.0) << t.name << ": larger than the 2 mm text beneath other symbols";
  }
}

TEST(LabelDataSets, OnlyAutologousCollectionsSayForAutologousUseOnly) {
  json::object data = read_set("latin").at("apheresis-bag").as_object();
  auto statement_of = [&](const char* type) {
    data["product"].as_object()["collection_type"] = type;
    Result<Label> label = build_label("apheresis-bag", json::serialize(data));
    EXPECT_TRUE(label.ok()) << label.error().message;
    std::string bold;
    for (const Element& e : label.value().layout.elements)
      if (const auto* run = std::get_if<TextRun>(&e); run && run->size >= 3.5 && run->weight == Weight::Bold)
        bold += bold.empty() ? run->text : " " + run->text;
    return bold;
  };
  EXPECT_EQ(statement_of("1"), "FOR AUTOLOGOUS USE ONLY");
  EXPECT_EQ(statement_of("X"), "AUTOLOGOUS ONLY, BIOHAZARD") << "ST-001 Table 7's meaning";
  EXPECT_EQ(statement_of("V"), "VOLUNTEER ALLOGENEIC");
  EXPECT_EQ(statement_of("0"), "") << "not specified: no statement";
}

}  // namespace
}  // namespace cj::labels
