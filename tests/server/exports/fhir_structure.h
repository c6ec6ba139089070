// A structural checker for the FHIR R4 Bundles CellJourney writes: the rules that can be
// checked offline, without the FHIR validator and its packages. Not a full FHIR validator.
//
//  - Bundle: resourceType, type from the R4 BundleType codes, timestamp an instant; each entry
//    has a unique fullUrl "urn:uuid:<uuid>" and a resource of a type we write.
//  - Per resource (R4): only elements R4 defines for it (catches R5-only elements such as
//    BiologicallyDerivedProduct.biologicalSourceEvent), required elements and cardinalities
//    (Procedure.status and subject, Provenance.target, recorded and agent.who, ...), required
//    code bindings (Procedure.status, BiologicallyDerivedProduct.productCategory and status).
//  - Codes: BiologicallyDerivedProduct.productCode codings are from the HL7 code system of
//    ISBT 128 (http://terminology.hl7.org/CodeSystem/ib) with a Product Description Code shape.
//  - dateTime and instant values match the R4 regular expressions.
//  - Every "reference" resolves to an entry's fullUrl, of a resource type the element allows.
//
//   auto problems = fhir_r4_problems(bundle);   // empty: passes
#pragma once

#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace cj::exports::testing {

/// Every problem found, one line each ("entry[3] Procedure: status missing").
std::vector<std::string> fhir_r4_problems(const boost::json::value& bundle);

}  // namespace cj::exports::testing
