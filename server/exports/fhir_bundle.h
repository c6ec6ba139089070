// The journeys as one HL7 FHIR R4 Bundle of type "collection" (a set of resources handed over
// for a registry or another system to read, not a transaction a server must apply).
//
// Per journey:
//  - Patient: pseudonymous. Its only identifier is the journey's COI (system kCoiSystem): no
//    name, MRN, initials or birth date. The hospital's data manager maps COI to MRN inside the
//    hospital; the bundle can leave it.
//  - BiologicallyDerivedProduct per ISBT 128 unit (apheresis bags, product bags, cassettes,
//    vials): identifier = the DIN (system kDinSystem, ICCBBA's URI as the FHIR build's
//    BiologicallyDerivedProduct example uses it), productCode = the ISBT 128 Product Description
//    Code in the HL7 code system for ISBT 128 (kIsbt128CodeSystem, OID 2.16.840.1.113883.6.18),
//    productCategory "cells"; a product bag's parent is the apheresis bag(s); an apheresis bag's
//    collection names the Patient and the collection time.
//  - Procedure per apheresis.collect (performedDateTime) and per infused bag (performedPeriod
//    from infusion.start to infusion.end; "in-progress" without an end).
//  - Provenance per event that counts (journey_facts.h): target = the units' products and the
//    procedure it belongs to (else the Patient), occurredDateTime, recorded (server time),
//    activity = the step, agents = the operators (Practitioner, identifier = username; the
//    first is the performer, the others witnesses) and the station (Device).
// Every resource has a fullUrl "urn:uuid:..." derived from the COI and what it is (the same
// journey exports to the same ids), and every reference points inside the bundle.
#pragma once

#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "server/exports/journey_facts.h"
#include "workflows/time_point.h"

namespace cj::exports {

inline constexpr std::string_view kCoiSystem = "urn:celljourney:coi";
inline constexpr std::string_view kUserSystem = "urn:celljourney:user";
inline constexpr std::string_view kStationSystem = "urn:celljourney:station";
inline constexpr std::string_view kDinSystem = "https://www.isbt128.org/uri/DonationIdentificationNumber";
inline constexpr std::string_view kIsbt128CodeSystem = "http://terminology.hl7.org/CodeSystem/ib";

/// generated_at: Bundle.timestamp.
boost::json::object fhir_bundle(const std::vector<JourneyFacts>& journeys, workflows::TimePoint generated_at);

}  // namespace cj::exports
