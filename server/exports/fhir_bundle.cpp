#include "server/exports/fhir_bundle.h"

#include <map>
#include <set>

#include <boost/json.hpp>
#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/uuid_io.hpp>

namespace cj::exports {
namespace {

namespace json = boost::json;
using workflows::format_time;

// Name-based (SHA-1) UUIDs in the URL namespace of RFC 4122: stable across exports.
std::string urn_for(const std::string& name) {
  static const boost::uuids::name_generator_sha1 generate(boost::uuids::ns::url());
  return "urn:uuid:" + boost::uuids::to_string(generate("celljourney:" + name));
}

json::object reference_to(const std::string& full_url) { return {{"reference", full_url}}; }

json::array identifier(std::string_view system, const std::string& value) {
  return {json::object{{"system", system}, {"value", value}}};
}

json::object text_concept(std::string_view text) { return {{"text", text}}; }

class BundleBuilder {
 public:
  explicit BundleBuilder(workflows::TimePoint generated_at) {
    bundle_["resourceType"] = "Bundle";
    bundle_["type"] = "collection";
    bundle_["timestamp"] = format_time(generated_at);
  }

  void add(const JourneyFacts& journey) {
    const std::string patient = urn_for(journey.coi + ":patient");
    add_entry(patient, {{"resourceType", "Patient"}, {"identifier", identifier(kCoiSystem, journey.coi)}});
    std::map<std::string, std::string> products = add_products(journey, patient);
    std::map<std::int64_t, std::string> procedures = add_procedures(journey, patient, products);
    for (const FactEvent& e : journey.events) add_provenance(journey, e, patient, products, procedures);
  }

  json::object take() {
    bundle_["entry"] = std::move(entries_);
    return std::move(bundle_);
  }

 private:
  void add_entry(const std::string& full_url, json::object resource) {
    entries_.push_back(json::object{{"fullUrl", full_url}, {"resource", std::move(resource)}});
  }

  std::string practitioner(const std::string& username) {
    const std::string url = urn_for("user:" + username);
    if (people_.insert(url).second) {
      add_entry(url, {{"resourceType", "Practitioner"}, {"identifier", identifier(kUserSystem, username)}});
    }
    return url;
  }

  std::string device(const std::string& station) {
    const std::string url = urn_for("station:" + station);
    if (people_.insert(url).second) {
      add_entry(url, {{"resourceType", "Device"}, {"identifier", identifier(kStationSystem, station)}});
    }
    return url;
  }

  // Unit key -> fullUrl of its BiologicallyDerivedProduct.
  std::map<std::string, std::string> add_products(const JourneyFacts& journey, const std::string& patient) {
    std::map<std::string, std::string> urls;
    std::set<std::string> infused, collected_at;
    std::optional<workflows::TimePoint> collected;
    for (const FactEvent& e : journey.events) {
      const auto& step = e.recorded.event.step;
      if (step == "infusion.end" || step == "dispose") infused.insert(e.recorded.units.begin(), e.recorded.units.end());
      if (step == "apheresis.collect" && !collected) collected = e.recorded.event.occurred_at;
    }
    json::array apheresis_refs;
    for (const workflows::Unit& unit : journey.units) {
      if (unit.din.empty()) continue;
      const std::string url = urn_for(journey.coi + ":unit:" + unit.key());
      urls[unit.key()] = url;
      if (unit.kind == "apheresis_bag") apheresis_refs.push_back(reference_to(url));
    }
    for (const workflows::Unit& unit : journey.units) {
      if (unit.din.empty()) continue;
      json::object product{{"resourceType", "BiologicallyDerivedProduct"},
                           {"identifier", identifier(kDinSystem, unit.din)},
                           {"productCategory", "cells"},
                           {"status", infused.contains(unit.key()) ? "unavailable" : "available"},
                           {"quantity", 1}};
      json::object code{
          {"text", unit.kind + " of " + (journey.product_name.empty() ? journey.product : journey.product_name)}};
      if (unit.product_code.size() >= 5) {
        code["coding"] =
            json::array{json::object{{"system", kIsbt128CodeSystem}, {"code", unit.product_code.substr(0, 5)}}};
      }
      product["productCode"] = std::move(code);
      if (unit.kind == "apheresis_bag") {
        json::object collection{{"source", reference_to(patient)}};
        if (collected) collection["collectedDateTime"] = format_time(*collected);
        product["collection"] = std::move(collection);
      } else if (!apheresis_refs.empty()) {
        product["parent"] = apheresis_refs;
      }
      add_entry(urls.at(unit.key()), std::move(product));
    }
    return urls;
  }

  json::array performers(const workflows::Event& event) {
    json::array out;
    for (const auto& name : event.operators) out.push_back(json::object{{"actor", reference_to(practitioner(name))}});
    return out;
  }

  // Event id -> fullUrl of the Procedure it belongs to (collections and infusions).
  std::map<std::int64_t, std::string> add_procedures(const JourneyFacts& journey, const std::string& patient,
                                                     const std::map<std::string, std::string>& products) {
    std::map<std::int64_t, std::string> of_event;
    std::map<std::string, std::pair<std::string, json::object>> infusions;  // unit -> (url, procedure)
    for (const FactEvent& e : journey.events) {
      const auto& event = e.recorded.event;
      const std::string id = std::to_string(e.recorded.event_id);
      if (event.step == "apheresis.collect") {
        const std::string url = urn_for(journey.coi + ":collection:" + id);
        add_entry(url, {{"resourceType", "Procedure"},
                        {"status", "completed"},
                        {"code", text_concept("Apheresis collection (CellJourney step apheresis.collect)")},
                        {"subject", reference_to(patient)},
                        {"performedDateTime", format_time(event.occurred_at)},
                        {"performer", performers(event)}});
        of_event[e.recorded.event_id] = url;
      } else if (event.step == "infusion.start" || event.step == "infusion.end") {
        for (const std::string& unit : e.recorded.units) {
          if (!products.contains(unit)) continue;
          auto& [url, procedure] = infusions[unit];
          if (url.empty()) {
            url = urn_for(journey.coi + ":infusion:" + unit);
            procedure = {
                {"resourceType", "Procedure"},
                {"status", "in-progress"},
                {"code", text_concept("Cell therapy infusion (CellJourney steps infusion.start, infusion.end)")},
                {"subject", reference_to(patient)},
                {"performedPeriod", json::object{}},
                {"performer", performers(event)}};
          }
          auto& period = procedure["performedPeriod"].as_object();
          if (event.step == "infusion.start" && !period.contains("start"))
            period["start"] = format_time(event.occurred_at);
          if (event.step == "infusion.end") {
            period["end"] = format_time(event.occurred_at);
            procedure["status"] = "completed";
          }
          of_event[e.recorded.event_id] = url;
        }
      }
    }
    for (auto& [unit, entry] : infusions) add_entry(entry.first, std::move(entry.second));
    return of_event;
  }

  void add_provenance(const JourneyFacts& journey, const FactEvent& e, const std::string& patient,
                      const std::map<std::string, std::string>& products,
                      const std::map<std::int64_t, std::string>& procedures) {
    const auto& event = e.recorded.event;
    json::array targets;
    if (auto found = procedures.find(e.recorded.event_id); found != procedures.end())
      targets.push_back(reference_to(found->second));
    for (const std::string& unit : e.recorded.units) {
      if (auto found = products.find(unit); found != products.end()) targets.push_back(reference_to(found->second));
    }
    if (targets.empty()) targets.push_back(reference_to(patient));
    json::array agents;
    for (std::size_t i = 0; i < event.operators.size(); ++i) {
      json::object coding =
          i == 0
              ? json::object{{"system", "http://terminology.hl7.org/CodeSystem/provenance-participant-type"},
                             {"code", "performer"}}
              : json::object{{"system", "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"}, {"code", "WIT"}};
      agents.push_back(json::object{{"type", json::object{{"coding", json::array{coding}}}},
                                    {"who", reference_to(practitioner(event.operators[i]))}});
    }
    // A station, or CellJourney itself when nobody is named (Provenance.agent is 1..*).
    agents.push_back(
        json::object{{"who", reference_to(device(event.station.empty() ? "celljourney" : event.station))}});
    json::object provenance{{"resourceType", "Provenance"},
                            {"target", std::move(targets)},
                            {"occurredDateTime", format_time(event.occurred_at)},
                            {"recorded", e.recorded_at},
                            {"activity", text_concept(event.step)},
                            {"agent", std::move(agents)}};
    add_entry(urn_for(journey.coi + ":event:" + std::to_string(e.recorded.event_id)), std::move(provenance));
  }

  json::object bundle_;
  json::array entries_;
  std::set<std::string> people_;  // Practitioner and Device fullUrls already in the bundle
};

}  // namespace

json::object fhir_bundle(const std::vector<JourneyFacts>& journeys, workflows::TimePoint generated_at) {
  BundleBuilder builder(generated_at);
  for (const JourneyFacts& journey : journeys) builder.add(journey);
  return builder.take();
}

}  // namespace cj::exports
