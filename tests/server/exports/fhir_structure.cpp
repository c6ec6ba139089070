#include "tests/server/exports/fhir_structure.h"

#include <map>
#include <regex>
#include <set>

#include <boost/json.hpp>

namespace cj::exports::testing {
namespace {

namespace json = boost::json;

// FHIR R4 datatypes page: dateTime and instant.
const std::regex kDateTime(
    R"(([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?)");
const std::regex kInstant(
    R"(([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))");
const std::regex kUuidUrn(R"(urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
const std::regex kProductDescriptionCode(R"([A-Z][0-9]{4})");

struct ResourceRules {
  std::set<std::string> elements;  // every element R4 defines (besides resourceType)
  std::set<std::string> required;  // min 1
};

const std::map<std::string, ResourceRules>& rules() {
  static const std::set<std::string> kDomain{"id",   "meta",      "implicitRules", "language",
                                             "text", "contained", "extension",     "modifierExtension"};
  auto with_domain = [](std::set<std::string> own) {
    own.insert(kDomain.begin(), kDomain.end());
    return own;
  };
  static const std::map<std::string, ResourceRules> table{
      {"Patient",
       {with_domain({"identifier", "active", "name", "telecom", "gender", "birthDate", "deceasedBoolean",
                     "deceasedDateTime", "address", "maritalStatus", "multipleBirthBoolean", "multipleBirthInteger",
                     "photo", "contact", "communication", "generalPractitioner", "managingOrganization", "link"}),
        {}}},
      {"Practitioner",
       {with_domain({"identifier", "active", "name", "telecom", "address", "gender", "birthDate", "photo",
                     "qualification", "communication"}),
        {}}},
      {"Device",
       {with_domain({"identifier",
                     "definition",
                     "udiCarrier",
                     "status",
                     "statusReason",
                     "distinctIdentifier",
                     "manufacturer",
                     "manufactureDate",
                     "expirationDate",
                     "lotNumber",
                     "serialNumber",
                     "deviceName",
                     "modelNumber",
                     "partNumber",
                     "type",
                     "specialization",
                     "version",
                     "property",
                     "patient",
                     "owner",
                     "contact",
                     "location",
                     "url",
                     "note",
                     "safety",
                     "parent"}),
        {}}},
      {"BiologicallyDerivedProduct",
       {with_domain({"identifier", "productCategory", "productCode", "status", "request", "quantity", "parent",
                     "collection", "processing", "manipulation", "storage"}),
        {}}},
      {"Procedure",
       {with_domain({"identifier",
                     "instantiatesCanonical",
                     "instantiatesUri",
                     "basedOn",
                     "partOf",
                     "status",
                     "statusReason",
                     "category",
                     "code",
                     "subject",
                     "encounter",
                     "performedDateTime",
                     "performedPeriod",
                     "performedString",
                     "performedAge",
                     "performedRange",
                     "recorder",
                     "asserter",
                     "performer",
                     "location",
                     "reasonCode",
                     "reasonReference",
                     "bodySite",
                     "outcome",
                     "report",
                     "complication",
                     "complicationDetail",
                     "followUp",
                     "note",
                     "focalDevice",
                     "usedReference",
                     "usedCode"}),
        {"status", "subject"}}},
      {"Provenance",
       {with_domain({"target", "occurredPeriod", "occurredDateTime", "recorded", "policy", "location", "reason",
                     "activity", "agent", "entity", "signature"}),
        {"target", "recorded", "agent"}}},
  };
  return table;
}

// Which resource types a reference element may point to (R4).
const std::map<std::string, std::set<std::string>>& reference_targets() {
  static const std::map<std::string, std::set<std::string>> table{
      {"Procedure.subject", {"Patient", "Group"}},
      {"Procedure.performer.actor",
       {"Practitioner", "PractitionerRole", "Organization", "Patient", "RelatedPerson", "Device"}},
      {"Provenance.agent.who",
       {"Practitioner", "PractitionerRole", "RelatedPerson", "Patient", "Device", "Organization"}},
      {"BiologicallyDerivedProduct.parent", {"BiologicallyDerivedProduct"}},
      {"BiologicallyDerivedProduct.collection.source", {"Patient", "Organization"}},
      {"BiologicallyDerivedProduct.collection.collector", {"Practitioner", "PractitionerRole"}},
  };
  return table;
}

class Checker {
 public:
  std::vector<std::string> run(const json::value& value) {
    if (!value.is_object()) return {"the bundle is not a JSON object"};
    const auto& bundle = value.as_object();
    if (text(bundle, "resourceType") != "Bundle") add("resourceType is not Bundle");
    static const std::set<std::string> kTypes{"document",  "message",        "transaction", "transaction-response",
                                              "batch",     "batch-response", "history",     "searchset",
                                              "collection"};
    if (!kTypes.contains(text(bundle, "type"))) add("Bundle.type is not an R4 BundleType code");
    if (bundle.contains("timestamp") && !matches(bundle.at("timestamp"), kInstant))
      add("Bundle.timestamp is not an instant");
    const auto* entries = bundle.if_contains("entry");
    if (entries == nullptr || !entries->is_array()) return problems_;
    // First pass: fullUrls and their resource types.
    for (std::size_t i = 0; i < entries->as_array().size(); ++i) {
      const auto& entry = entries->as_array()[i];
      where_ = "entry[" + std::to_string(i) + "]";
      if (!entry.is_object()) {
        add("not an object");
        continue;
      }
      const std::string url = text(entry.as_object(), "fullUrl");
      if (!std::regex_match(url, kUuidUrn)) add("fullUrl is not urn:uuid:<lowercase uuid>: " + url);
      const auto* resource = entry.as_object().if_contains("resource");
      const std::string type = resource && resource->is_object() ? text(resource->as_object(), "resourceType") : "";
      if (!types_.emplace(url, type).second) add("fullUrl used twice: " + url);
    }
    for (std::size_t i = 0; i < entries->as_array().size(); ++i) {
      const auto& entry = entries->as_array()[i];
      if (!entry.is_object()) continue;
      const auto* resource = entry.as_object().if_contains("resource");
      where_ = "entry[" + std::to_string(i) + "]";
      if (resource == nullptr || !resource->is_object()) {
        add("no resource");
        continue;
      }
      check_resource(resource->as_object());
    }
    return problems_;
  }

 private:
  static std::string text(const json::object& object, const char* key) {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->as_string()) : "";
  }
  static bool matches(const json::value& value, const std::regex& pattern) {
    return value.is_string() && std::regex_match(std::string(value.as_string()), pattern);
  }
  void add(const std::string& problem) { problems_.push_back(where_ + ": " + problem); }

  void check_resource(const json::object& resource) {
    const std::string type = text(resource, "resourceType");
    where_ += " " + type;
    const auto found = rules().find(type);
    if (found == rules().end()) {
      add("resource type not expected in this bundle");
      return;
    }
    for (const auto& [key, value] : resource) {
      if (key != "resourceType" && !found->second.elements.contains(std::string(key)))
        add("element not in R4: " + std::string(key));
      if (value.is_array() && value.as_array().empty()) add("empty array: " + std::string(key));
    }
    for (const auto& required : found->second.required) {
      if (!resource.contains(required)) add(required + " missing (min 1)");
    }
    check_references(type, resource, type);
    if (type == "Procedure") check_procedure(resource);
    if (type == "Provenance") check_provenance(resource);
    if (type == "BiologicallyDerivedProduct") check_product(resource);
    if (const auto* ids = resource.if_contains("identifier")) check_identifiers(*ids);
  }

  void check_identifiers(const json::value& identifiers) {
    if (!identifiers.is_array()) {
      add("identifier is not an array");
      return;
    }
    for (const auto& id : identifiers.as_array()) {
      if (!id.is_object() || text(id.as_object(), "system").empty() || text(id.as_object(), "value").empty()) {
        add("identifier without system and value");
      }
    }
  }

  void check_procedure(const json::object& procedure) {
    static const std::set<std::string> kStatus{"preparation", "in-progress", "not-done",         "on-hold",
                                               "stopped",     "completed",   "entered-in-error", "unknown"};
    if (procedure.contains("status") && !kStatus.contains(text(procedure, "status")))
      add("status not an EventStatus code");
    if (const auto* at = procedure.if_contains("performedDateTime"); at && !matches(*at, kDateTime))
      add("performedDateTime not a dateTime");
    if (const auto* period = procedure.if_contains("performedPeriod")) check_period(*period, "performedPeriod");
    if (const auto* performers = procedure.if_contains("performer"); performers && performers->is_array()) {
      for (const auto& performer : performers->as_array()) {
        if (!performer.is_object() || !performer.as_object().contains("actor")) add("performer.actor missing (min 1)");
      }
    }
  }

  void check_period(const json::value& period, const std::string& name) {
    if (!period.is_object()) {
      add(name + " not an object");
      return;
    }
    for (const char* key : {"start", "end"}) {
      if (const auto* at = period.as_object().if_contains(key); at && !matches(*at, kDateTime))
        add(name + "." + key + " not a dateTime");
    }
  }

  void check_provenance(const json::object& provenance) {
    if (const auto* recorded = provenance.if_contains("recorded"); recorded && !matches(*recorded, kInstant))
      add("recorded not an instant");
    if (const auto* at = provenance.if_contains("occurredDateTime"); at && !matches(*at, kDateTime))
      add("occurredDateTime not a dateTime");
    if (const auto* agents = provenance.if_contains("agent"); agents && agents->is_array()) {
      for (const auto& agent : agents->as_array()) {
        if (!agent.is_object() || !agent.as_object().contains("who")) add("agent.who missing (min 1)");
      }
    }
  }

  void check_product(const json::object& product) {
    static const std::set<std::string> kCategory{"organ", "tissue", "fluid", "cells", "biologicalAgent"};
    static const std::set<std::string> kStatus{"available", "unavailable"};
    if (product.contains("productCategory") && !kCategory.contains(text(product, "productCategory")))
      add("productCategory not a code of R4");
    if (product.contains("status") && !kStatus.contains(text(product, "status"))) add("status not a code of R4");
    if (const auto* quantity = product.if_contains("quantity");
        quantity && !quantity->is_int64() && !quantity->is_uint64())
      add("quantity not an integer");
    if (const auto* code = product.if_contains("productCode"); code && code->is_object()) {
      if (const auto* codings = code->as_object().if_contains("coding"); codings && codings->is_array()) {
        for (const auto& coding : codings->as_array()) {
          if (!coding.is_object() || text(coding.as_object(), "system") != "http://terminology.hl7.org/CodeSystem/ib") {
            add("productCode coding not from the ISBT 128 code system");
          } else if (!std::regex_match(text(coding.as_object(), "code"), kProductDescriptionCode)) {
            add("productCode code is not an ISBT 128 Product Description Code");
          }
        }
      }
    }
    if (const auto* collection = product.if_contains("collection"); collection && collection->is_object()) {
      if (const auto* at = collection->as_object().if_contains("collectedDateTime"); at && !matches(*at, kDateTime))
        add("collection.collectedDateTime not a dateTime");
    }
  }

  // Every {"reference": ...} under value resolves inside the bundle, to a type its element allows.
  void check_references(const std::string& path, const json::value& value, const std::string& resource_type) {
    if (value.is_array()) {
      for (const auto& item : value.as_array()) check_references(path, item, resource_type);
      return;
    }
    if (!value.is_object()) return;
    const auto& object = value.as_object();
    if (const auto* reference = object.if_contains("reference")) {
      const std::string target = reference->is_string() ? std::string(reference->as_string()) : "";
      const auto found = types_.find(target);
      if (found == types_.end()) {
        add(path + " refers to " + target + ", which is not in the bundle");
      } else if (auto allowed = reference_targets().find(path);
                 allowed != reference_targets().end() && !allowed->second.contains(found->second)) {
        add(path + " may not refer to a " + found->second);
      }
      return;
    }
    for (const auto& [key, child] : object) check_references(path + "." + std::string(key), child, resource_type);
  }

  std::string where_;
  std::map<std::string, std::string> types_;  // fullUrl -> resourceType
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> fhir_r4_problems(const boost::json::value& bundle) { return Checker().run(bundle); }

}  // namespace cj::exports::testing
