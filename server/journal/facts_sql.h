// The SQL that states each fact of a journey's fact chain as a JSON document, from the rows the
// fact is about. One text for writing (chain_new_facts) and for verifying (verify_facts): verify
// rebuilds every fact from the live rows and compares it, by value, with what was hashed.
// 0011_identity_chain.sql holds a frozen copy for the rows written before it; change a body
// here only together with a migration that says how older facts read.
//
// The patient's identifiers are never in a fact in clear: SHA-256 of "<COI>:<value>" (salted by
// the COI, so equal MRNs of two journeys do not hash alike), so that verify can name the journey
// whose patient was altered without printing who the patient is.
#pragma once

namespace cj::journal::detail {

// Every fact of journey $1, with a column ord (0 creation, 1 units, 2 deviation steps), kind,
// subject_id (journeys.id, units.id, deviation_events.id) and body (jsonb text).
inline constexpr char kFactsOfJourney[] =
    "SELECT 0 AS ord, 'journey.created' AS kind, jj.id AS subject_id, jsonb_build_object("
    " 'coi', jj.coi, 'product', jj.product, 'site_id', jj.site_id, 'patient_id', jj.patient_id,"
    " 'created_by', jj.created_by, 'created_at', iso_utc(jj.created_at), 'initials', p.initials,"
    " 'mrn_sha256', encode(sha256(convert_to(jj.coi || ':' || p.mrn, 'UTF8')), 'hex'),"
    " 'date_of_birth_sha256',"
    "   encode(sha256(convert_to(jj.coi || ':' || to_char(p.date_of_birth, 'YYYY-MM-DD'), 'UTF8')), 'hex'),"
    " 'wristband_sha256', encode(sha256(convert_to(jj.coi || ':' || p.wristband, 'UTF8')), 'hex'))::text AS body"
    " FROM journeys jj JOIN patients p ON p.id = jj.patient_id WHERE jj.id = $1"
    " UNION ALL"
    " SELECT 1, 'unit.registered', u.id, jsonb_build_object("
    " 'unit_id', u.id, 'journey_id', u.journey_id, 'kind', u.kind, 'din', u.din, 'product_code', u.product_code,"
    " 'division', u.division, 'external_id', u.external_id, 'parent_unit_id', u.parent_unit_id,"
    " 'expires_at', iso_utc(u.expires_at), 'dose', u.dose, 'colour', u.colour,"
    " 'registered_at', iso_utc(u.registered_at))::text"
    " FROM units u WHERE u.journey_id = $1"
    " UNION ALL"
    " SELECT 2, 'deviation.' || de.action, de.id, (jsonb_build_object("
    " 'deviation_event_id', de.id, 'action', de.action, 'user_id', de.user_id, 'note', de.note, 'at', iso_utc(de.at),"
    " 'signature', CASE WHEN s.id IS NULL THEN NULL ELSE jsonb_build_object("
    "   'id', s.id, 'user_id', s.user_id, 'signer_name', s.signer_name, 'meaning', s.meaning, 'reason', s.reason,"
    "   'signed_hash', encode(s.signed_hash, 'hex'), 'signed_at', iso_utc(s.signed_at)) END,"
    " 'deviation', jsonb_build_object("
    "   'id', d.id, 'journey_id', d.journey_id, 'event_id', d.event_id, 'code', d.code, 'severity', d.severity,"
    "   'rule', d.rule, 'subject', d.subject, 'message', d.message, 'raised_at', iso_utc(d.raised_at)),"
    " 'state', jsonb_build_object("
    "   'status', d.status, 'acknowledged_by', d.acknowledged_by, 'acknowledged_at', iso_utc(d.acknowledged_at),"
    "   'closed_by', d.closed_by, 'closed_at', iso_utc(d.closed_at),"
    "   'closing_signature_id', d.closing_signature_id)"
    // 0017: a step's details and the deviation's owner, only when there are (facts hashed
    // before 0017 had neither, and read the same).
    "   || CASE WHEN d.owner_id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('owner_id', d.owner_id) END)"
    " || CASE WHEN de.details IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('details', de.details) END)::text"
    " FROM deviation_events de JOIN deviations d ON d.id = de.deviation_id"
    " LEFT JOIN signatures s ON s.id = de.signature_id WHERE d.journey_id = $1";

}  // namespace cj::journal::detail
