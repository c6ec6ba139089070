// The FHIR R4 Bundle of a recorded journey: it passes the structure checker
// (fhir_structure.h), and the checker catches what it is there to catch.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "server/exports/fhir_bundle.h"
#include "tests/server/exports/fhir_structure.h"
#include "tests/server/exports/recorded_journey.h"

namespace cj::exports {
namespace {

namespace json = boost::json;
using testing::fhir_r4_problems;

class FhirBundleTest : public testing::RecordedJourney {
 protected:
  json::object bundle() const { return fhir_bundle({facts_}, *workflows::parse_time("2026-11-25T12:00:00Z")); }

  // The resources of one type, in bundle order.
  static std::vector<json::object> resources(const json::object& bundle, std::string_view type) {
    std::vector<json::object> out;
    for (const auto& entry : bundle.at("entry").as_array()) {
      const auto& resource = entry.at("resource").as_object();
      if (resource.at("resourceType").as_string() == type) out.push_back(resource);
    }
    return out;
  }

  // The first entry holding a resource of type, for the tests that break it.
  static json::object& first_of(json::object& bundle, std::string_view type) {
    for (auto& entry : bundle.at("entry").as_array()) {
      auto& resource = entry.at("resource").as_object();
      if (resource.at("resourceType").as_string() == type) return resource;
    }
    throw std::runtime_error("no " + std::string(type));
  }

  static std::string joined(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) out += p + "\n";
    return out;
  }
};

TEST_F(FhirBundleTest, InfusedJourneyPassesTheR4StructureCheck) {
  infused();
  const auto problems = fhir_r4_problems(bundle());
  EXPECT_TRUE(problems.empty()) << joined(problems);
}

TEST_F(FhirBundleTest, IsACollectionBundleWithATimestamp) {
  const json::object b = bundle();
  EXPECT_EQ(b.at("resourceType").as_string(), "Bundle");
  EXPECT_EQ(b.at("type").as_string(), "collection");
  EXPECT_EQ(b.at("timestamp").as_string(), "2026-11-25T12:00:00Z");
}

TEST_F(FhirBundleTest, PatientIsPseudonymousWithTheCoiAsItsOnlyIdentifier) {
  infused();
  const auto patients = resources(bundle(), "Patient");
  ASSERT_EQ(patients.size(), 1u);
  EXPECT_EQ(json::serialize(patients[0]),
            R"({"resourceType":"Patient","identifier":[{"system":"urn:celljourney:coi","value":"CHA99992600001A"}]})");
}

TEST_F(FhirBundleTest, EachIsbtUnitIsAProductIdentifiedByItsDinAndCodedInIsbt128) {
  infused();
  const auto products = resources(bundle(), "BiologicallyDerivedProduct");
  ASSERT_EQ(products.size(), 3u) << "the apheresis bag and two product bags; the shipper is no product";
  const auto& bag = products[1];
  EXPECT_EQ(bag.at("identifier").at(0).at("system").as_string(), kDinSystem);
  EXPECT_EQ(bag.at("identifier").at(0).at("value").as_string(), "A999926123456");
  EXPECT_EQ(bag.at("productCode").at("coding").at(0).at("system").as_string(),
            "http://terminology.hl7.org/CodeSystem/ib");
  EXPECT_EQ(bag.at("productCode").at("coding").at(0).at("code").as_string(), "S1194");
  EXPECT_EQ(bag.at("status").as_string(), "unavailable") << "infused";
  EXPECT_EQ(products[2].at("status").as_string(), "available") << "the second bag is still stored";
}

TEST_F(FhirBundleTest, CollectionAndInfusionAreProcedures) {
  infused();
  const auto procedures = resources(bundle(), "Procedure");
  ASSERT_EQ(procedures.size(), 2u);
  EXPECT_EQ(procedures[0].at("performedDateTime").as_string(), "2026-10-05T12:00:00Z");
  EXPECT_EQ(procedures[1].at("performedPeriod").at("start").as_string(), "2026-11-20T09:50:00Z");
  EXPECT_EQ(procedures[1].at("performedPeriod").at("end").as_string(), "2026-11-20T10:00:00Z");
  EXPECT_EQ(procedures[1].at("status").as_string(), "completed");
}

TEST_F(FhirBundleTest, EveryEventThatCountsHasOneProvenance) {
  infused();
  const auto provenances = resources(bundle(), "Provenance");
  ASSERT_EQ(provenances.size(), facts_.events.size());
  const auto& verify = provenances[14];  // infusion.verify: two operators, a performer and a witness
  EXPECT_EQ(verify.at("activity").at("text").as_string(), "infusion.verify");
  EXPECT_EQ(verify.at("agent").as_array().size(), 3u) << "nina, paul and the station";
  EXPECT_EQ(verify.at("agent").at(1).at("type").at("coding").at(0).at("code").as_string(), "WIT");
}

TEST_F(FhirBundleTest, TheSameJourneyExportsToTheSameIds) {
  infused();
  EXPECT_EQ(json::serialize(bundle()), json::serialize(bundle()));
}

TEST_F(FhirBundleTest, CheckerCatchesAReferenceOutsideTheBundle) {
  infused();
  json::object b = bundle();
  first_of(b, "Procedure")["subject"] = json::object{{"reference", "urn:uuid:00000000-0000-0000-0000-000000000000"}};
  const auto problems = fhir_r4_problems(b);
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_NE(problems[0].find("not in the bundle"), std::string::npos) << problems[0];
}

TEST_F(FhirBundleTest, CheckerCatchesAReferenceToTheWrongResourceType) {
  infused();
  json::object b = bundle();
  auto& procedure = first_of(b, "Procedure");
  procedure["subject"] = procedure.at("performer").at(0).at("actor");  // a Practitioner
  const auto problems = fhir_r4_problems(b);
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_NE(problems[0].find("may not refer to a Practitioner"), std::string::npos) << problems[0];
}

TEST_F(FhirBundleTest, CheckerCatchesAMissingRequiredElement) {
  infused();
  json::object b = bundle();
  first_of(b, "Provenance").erase("recorded");
  const auto problems = fhir_r4_problems(b);
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_NE(problems[0].find("recorded missing"), std::string::npos) << problems[0];
}

TEST_F(FhirBundleTest, CheckerCatchesACodeOutsideTheIsbt128System) {
  infused();
  json::object b = bundle();
  first_of(b, "BiologicallyDerivedProduct")["productCode"] =
      json::object{{"coding", json::array{json::object{{"system", "http://snomed.info/sct"}, {"code", "S1194"}}}}};
  const auto problems = fhir_r4_problems(b);
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_NE(problems[0].find("ISBT 128 code system"), std::string::npos) << problems[0];
}

TEST_F(FhirBundleTest, CheckerCatchesADateTimeWithoutAZone) {
  infused();
  json::object b = bundle();
  first_of(b, "Provenance")["occurredDateTime"] = "2026-11-20T09:50:00";
  const auto problems = fhir_r4_problems(b);
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_NE(problems[0].find("occurredDateTime not a dateTime"), std::string::npos) << problems[0];
}

TEST_F(FhirBundleTest, CheckerCatchesAnElementR4DoesNotHave) {
  infused();
  json::object b = bundle();
  first_of(b, "BiologicallyDerivedProduct")["biologicalSourceEvent"] = json::object{{"value", "A999926123456"}};
  const auto problems = fhir_r4_problems(b);
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_NE(problems[0].find("not in R4: biologicalSourceEvent"), std::string::npos) << problems[0];
}

}  // namespace
}  // namespace cj::exports
