#include "isbt128/structure_table.h"

#include <array>
#include <cstdint>

#include "isbt128/char_class.h"
#include "isbt128/decoders.h"
#include "isbt128/structure_numbers.h"

namespace cj::isbt128 {
namespace {

using K = FieldKind;

// Field layouts, by structure. Offsets are into the content (a DIN's content includes its α).
constexpr FieldLayout kDin[] = {{"din", 0, 13, K::Text},
                                {"fin", 0, 5, K::Text},
                                {"year", 5, 2, K::Integer},
                                {"sequence", 7, 6, K::Integer},
                                {"flags", 13, 2, K::Text}};
constexpr FieldLayout kBloodGroups[] = {{"abo_rhd_code", 0, 2, K::Text}, {"rt007_code", 2, 1, K::Text}};
constexpr FieldLayout kProductCode[] = {{"pdc", 0, 5, K::Text}};
constexpr FieldLayout kDate[] = {{"date", 0, 6, K::JulianDate}};
constexpr FieldLayout kDateTime[] = {{"date_time", 0, 10, K::JulianDateTime}};
constexpr FieldLayout kSpecialTesting[] = {{"code", 0, 5, K::Text}};
constexpr FieldLayout kContent[] = {{"content", 0, kToEnd, K::Text}};
constexpr FieldLayout kContainer[] = {
    {"container_code", 0, 1, K::Text}, {"manufacturer_code", 1, 2, K::Text}, {"catalog_number", 3, 7, K::Text}};
constexpr FieldLayout kLot[] = {{"lot_number", 0, kToEnd, K::Text}};
constexpr FieldLayout kDonor[] = {{"fin", 0, 5, K::Text}, {"donor_number", 5, 16, K::Text}};
constexpr FieldLayout kStaff[] = {{"fin", 0, 5, K::Text}, {"staff_id", 5, 6, K::Text}};
constexpr FieldLayout kItem[] = {{"manufacturer_code", 0, 2, K::Text}, {"catalog_number", 2, 8, K::Text}};
constexpr FieldLayout kCompound[] = {{"count", 0, 2, K::Integer}, {"message", 2, 3, K::Text}};
constexpr FieldLayout kBirth[] = {{"location_code", 0, 2, K::Text}, {"date_of_birth", 2, 8, K::GregorianDate}};
constexpr FieldLayout kPatient[] = {{"location_code", 0, 2, K::Text}, {"patient_id", 4, kToEnd, K::Text}};
constexpr FieldLayout kMonth[] = {{"expiration_month", 0, 6, K::GregorianMonth}};
constexpr FieldLayout kMarker[] = {{"markers", 0, 18, K::Text}};
constexpr FieldLayout kConsignment[] = {{"fin", 0, 5, K::Text},
                                        {"year", 5, 2, K::Integer},
                                        {"serial", 7, 5, K::Integer},
                                        {"container", 12, 2, K::Integer},
                                        {"containers_total", 14, 2, K::Integer}};
constexpr FieldLayout kDimensions[] = {{"count", 0, 2, K::Integer}, {"dimensions", 2, kToEnd, K::Text}};
constexpr FieldLayout kAntigenHistory[] = {{"count", 0, 3, K::Integer}, {"antigen_records", 3, kToEnd, K::Text}};
constexpr FieldLayout kFlexible[] = {{"date_type", 2, 2, K::Text}, {"date_time", 4, 12, K::GregorianDateTime}};
constexpr FieldLayout kDivisions[] = {{"divisions", 0, 6, K::Text}};
constexpr FieldLayout kFacility[] = {{"fin", 0, 5, K::Text}, {"facility_product_code", 5, 6, K::Text}};
constexpr FieldLayout kPpic[] = {
    {"fin", 0, 5, K::Text}, {"facility_product_code", 5, 6, K::Text}, {"pdc", 11, 5, K::Text}};
constexpr FieldLayout kSupplemental[] = {{"supplemental_id", 0, 18, K::Text}};
constexpr FieldLayout kSec[] = {{"country", 0, 2, K::Text},
                                {"tissue_establishment", 2, 6, K::Text},
                                {"donation_number", 8, 13, K::Text},
                                {"coding_system", 21, 1, K::Text},
                                {"product_code", 22, 7, K::Text},
                                {"split_number", 29, 3, K::Text},
                                {"expiration_date", 32, 8, K::GregorianDate}};
constexpr FieldLayout kGrid[] = {{"ion", 0, 4, K::Text}, {"rdi", 4, 13, K::Text}, {"checksum", 17, 2, K::Text}};
constexpr FieldLayout kCoi[] = {
    {"coi", 0, 15, K::Text}, {"fin", 2, 5, K::Text}, {"year", 7, 2, K::Integer}, {"sequence", 9, 6, K::Text}};

constexpr std::string_view kAny18 = "xxxxxxxxxxxxxxxxxx";

constexpr StructureDescriptor kTable[] = {
    {.number = numbers::kDonationIdentificationNumber,
     .name = "Donation Identification Number",
     .data_identifier = "=",
     .pattern = "Fffddddddddddgg",
     .fields = kDin,
     .hook = decode_din},
    {.number = numbers::kBloodGroups,
     .name = "Blood Groups [ABO and RhD]",
     .data_identifier = "=%",
     .pattern = "xxxz",
     .fields = kBloodGroups},
    {.number = numbers::kProductCode,
     .name = "Product Code",
     .data_identifier = "=<",
     .pattern = "UAAAAxxx",
     .fields = kProductCode,
     .hook = decode_product_code},
    {.number = numbers::kExpirationDate,
     .name = "Expiration Date",
     .data_identifier = "=>",
     .pattern = "dddddd",
     .fields = kDate},
    {.number = numbers::kExpirationDateAndTime,
     .name = "Expiration Date and Time",
     .data_identifier = "&>",
     .pattern = "dddddddddd",
     .fields = kDateTime},
    {.number = numbers::kCollectionDate,
     .name = "Collection Date",
     .data_identifier = "=*",
     .pattern = "dddddd",
     .fields = kDate},
    {.number = numbers::kCollectionDateAndTime,
     .name = "Collection Date and Time",
     .data_identifier = "&*",
     .pattern = "dddddddddd",
     .fields = kDateTime},
    {.number = numbers::kProductionDate,
     .name = "Production Date",
     .data_identifier = "=}",
     .pattern = "dddddd",
     .fields = kDate},
    {.number = numbers::kProductionDateAndTime,
     .name = "Production Date and Time",
     .data_identifier = "&}",
     .pattern = "dddddddddd",
     .fields = kDateTime},
    {.number = numbers::kSpecialTestingGeneral,
     .name = "Special Testing: General",
     .data_identifier = "&(",
     .pattern = "xxxxx",
     .fields = kSpecialTesting},
    {.number = numbers::kRbcAntigens,
     .name = "RBC Antigens",
     .data_identifier = "={",
     .pattern = kAny18,
     .fields = kContent,
     .retired = true},
    {.number = numbers::kRbcAntigensGeneral,
     .name = "RBC Antigens - General",
     .data_identifier = "=\\",
     .pattern = kAny18,
     .fields = kContent},
    {.number = numbers::kRbcAntigensFinnish,
     .name = "RBC Antigens - Finnish",
     .data_identifier = "&\\",
     .pattern = kAny18,
     .fields = kContent},
    {.number = numbers::kPlateletHlaAndPlateletSpecificAntigens,
     .name = "Platelet HLA and Platelet-Specific Antigens",
     .data_identifier = "&{",
     .pattern = kAny18,
     .fields = kContent},
    {.number = numbers::kHlaAAndBAlleles,
     .name = "HLA-A and -B Alleles",
     .data_identifier = "=[",
     .pattern = kAny18,
     .fields = kContent,
     .retired = true},
    {.number = numbers::kHlaDrb1Alleles,
     .name = "HLA-DRB1 Alleles",
     .data_identifier = "=\"",
     .pattern = kAny18,
     .fields = kContent,
     .retired = true},
    {.number = numbers::kContainerManufacturerAndCatalogNumber,
     .name = "Container Manufacturer and Catalog Number",
     .data_identifier = "=)",
     .pattern = "xxxxxxxxxx",
     .fields = kContainer,
     .hook = decode_container},
    {.number = numbers::kContainerLotNumber,
     .name = "Container Lot Number",
     .data_identifier = "&)",
     .pattern = "xxxxxxxxxx",
     .fields = kLot},
    {.number = numbers::kDonorIdentificationNumber,
     .name = "Donor Identification Number",
     .data_identifier = "=;",
     .pattern = "Fffdddddddddddddddddd",
     .fields = kDonor},
    {.number = numbers::kStaffMemberIdentificationNumber,
     .name = "Staff Member Identification Number",
     .data_identifier = "='",
     .pattern = "FffddAAAAAA",
     .fields = kStaff},
    {.number = numbers::kManufacturerAndCatalogNumberOfItems,
     .name = "Manufacturer and Catalog Number: Items Other Than Containers",
     .data_identifier = "=-",
     .pattern = "xxxxxxxxxx",
     .fields = kItem},
    {.number = numbers::kLotNumberOfItems,
     .name = "Lot Number: Items Other Than Containers",
     .data_identifier = "&-",
     .pattern = "xxxxxxxxxx",
     .fields = kLot},
    {.number = numbers::kCompoundMessage,
     .name = "Compound Message",
     .data_identifier = "=+",
     .pattern = "ddddd",
     .fields = kCompound,
     .hook = decode_compound_header},
    {.number = numbers::kPatientDateOfBirth,
     .name = "Patient Date of Birth",
     .data_identifier = "=#",
     .pattern = "xxdddddddd",
     .fields = kBirth},
    {.number = numbers::kPatientIdentificationNumber,
     .name = "Patient Identification Number",
     .data_identifier = "&#",
     .length_rule = LengthRule::Counted,
     .pattern = "xxdd",
     .count_offset = 2,
     .count_digits = 2,
     .unit_pattern = "a",
     .fields = kPatient},
    {.number = numbers::kExpirationMonthAndYear,
     .name = "Expiration Month and Year",
     .data_identifier = "=]",
     .pattern = "dddddd",
     .fields = kMonth},
    {.number = numbers::kTransfusionTransmittedInfectionMarker,
     .name = "Transfusion Transmitted Infection Marker",
     .data_identifier = "&\"",
     .pattern = "dddddddddddddddddd",
     .fields = kMarker},
    {.number = numbers::kProductConsignment,
     .name = "Product Consignment",
     .data_identifier = "=$",
     .pattern = "Fffddddddddddddd",
     .fields = kConsignment,
     .hook = decode_consignment},
    {.number = numbers::kDimensions,
     .name = "Dimensions",
     .data_identifier = "&$",
     .length_rule = LengthRule::Counted,
     .pattern = "dd",
     .count_offset = 0,
     .count_digits = 2,
     .unit_pattern = "xxxxxxxxxxxxxx",
     .fields = kDimensions},
    {.number = numbers::kRedCellAntigensWithTestHistory,
     .name = "Red Cell Antigens with Test History",
     .data_identifier = "&%",
     .length_rule = LengthRule::Counted,
     .pattern = "ddd",
     .count_offset = 0,
     .count_digits = 3,
     .unit_pattern = "xxxxxxxxxx",
     .fields = kAntigenHistory},
    {.number = numbers::kFlexibleDateAndTime,
     .name = "Flexible Date and Time",
     .data_identifier = "=(",
     .pattern = "tzdddddddddddddd",
     .fields = kFlexible,
     .hook = decode_flexible_date_time},
    {.number = numbers::kProductDivisions,
     .name = "Product Divisions",
     .data_identifier = "=,",
     .pattern = "AAAAAA",
     .fields = kDivisions},
    {.number = numbers::kProcessingFacilityInformationCode,
     .name = "Processing Facility Information Code",
     .data_identifier = "&+",
     .pattern = "fffffAAAAAA",  // FIN(P), then the Facility-defined Product Code: A-Z and 0-9 only
     .fields = kFacility},
    {.number = numbers::kProcessorProductIdentificationCode,
     .name = "Processor Product Identification Code",
     .data_identifier = "=/",
     .pattern = "fffffAAAAAAUAAAA",  // FIN(P), FPC (A-Z, 0-9), PDC
     .fields = kPpic,
     .hook = decode_processor_product_code},
    {.number = numbers::kMphoLotNumber,
     .name = "MPHO Lot Number",
     .data_identifier = "&,1",
     .pattern = "AAAAAAAAAAAAAAAAAA",
     .fields = kLot},
    {.number = numbers::kMphoSupplementalIdentificationNumber,
     .name = "MPHO Supplemental Identification Number",
     .data_identifier = "&,2",
     .pattern = kAny18,
     .fields = kSupplemental},
    {.number = numbers::kGlobalRegistrationIdentifierForDonorsOld,
     .name = "Global Registration Identifier for Donors (old)",
     .data_identifier = "&,3",
     .pattern = "xxxxxxxxxxxxxxxxxxx",
     .fields = kContent,
     .retired = true},
    {.number = numbers::kSingleEuropeanCode,
     .name = "Single European Code",
     .data_identifier = "&,4",
     .pattern = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaadddddddd",
     .fields = kSec,
     .hook = decode_sec},
    {.number = numbers::kGlobalRegistrationIdentifierForDonors,
     .name = "Global Registration Identifier for Donors",
     .data_identifier = "&:",
     .pattern = "ndddAAAAAAAAAAAAAdd",
     .fields = kGrid,
     .hook = decode_grid},
    {.number = numbers::kChainOfIdentityIdentifier,
     .name = "Chain of Identity Identifier",
     .data_identifier = "&/",
     .pattern = "UUFffddddAAAAAA",
     .fields = kCoi,
     .hook = decode_coi},
    // Nationally defined content, kept opaque (ST-001 §2.2, §2.5.1).
    {.name = "National or Local Structure",
     .data_identifier = "&",
     .length_rule = LengthRule::ToNextDataIdentifier,
     .pattern = "p",
     .fields = kContent,
     .national = true},
    {.name = "National Donor Identification Number",
     .data_identifier = "&;",
     .length_rule = LengthRule::ToNextDataIdentifier,
     .pattern = "p",
     .fields = kContent,
     .national = true},
    {.name = "Confidential Unit Exclusion",
     .data_identifier = "&!",
     .length_rule = LengthRule::ToNextDataIdentifier,
     .pattern = "p",
     .fields = kContent,
     .national = true},
};

constexpr std::size_t kDinIndex = 0;
constexpr std::size_t kNationalIndex = 40;
constexpr std::size_t kTripleIndex = 34;  // &,1 is 035; &,2..&,4 follow
static_assert(kTable[kNationalIndex].national && kTable[kNationalIndex].data_identifier == "&");
static_assert(kTable[kTripleIndex].data_identifier == "&,1");

constexpr std::int8_t kNone = -1;

// Second character of a two-character data identifier -> table index, one array per first char.
constexpr std::array<std::int8_t, 128> make_index(char first) {
  std::array<std::int8_t, 128> index{};
  index.fill(kNone);
  for (std::size_t i = 0; i < std::size(kTable); ++i) {
    const std::string_view di = kTable[i].data_identifier;
    if (di.size() == 2 && di[0] == first) index[static_cast<unsigned char>(di[1])] = static_cast<std::int8_t>(i);
  }
  return index;
}
constexpr std::array<std::int8_t, 128> kEqualsIndex = make_index('=');
constexpr std::array<std::int8_t, 128> kAmpersandIndex = make_index('&');

}  // namespace

std::span<const StructureDescriptor> structure_table() { return kTable; }

const StructureDescriptor* find_structure(std::string_view number) {
  for (const StructureDescriptor& descriptor : kTable) {
    if (!descriptor.number.empty() && descriptor.number == number) return &descriptor;
  }
  return nullptr;
}

DataIdentifierMatch match_data_identifier(std::string_view text, std::size_t pos) {
  if (pos + 1 >= text.size()) return {};
  const auto first = static_cast<unsigned char>(text[pos]);
  const auto second = static_cast<unsigned char>(text[pos + 1]);
  if (second >= 128) return {};
  if (first == '=') {
    if (in_class('F', second)) return {&kTable[kDinIndex], 2, 1};
    const std::int8_t i = kEqualsIndex[second];
    if (i == kNone) return {};
    return {&kTable[i], 2, 2};
  }
  if (first != '&') return {};
  if (second >= 'a' && second <= 'z') return {&kTable[kNationalIndex], 2, 2};
  if (second == ',') {
    if (pos + 2 >= text.size()) return {};
    const char third = text[pos + 2];
    if (third < '1' || third > '4') return {};
    return {&kTable[kTripleIndex + static_cast<std::size_t>(third - '1')], 3, 3};
  }
  const std::int8_t i = kAmpersandIndex[second];
  if (i == kNone) return {};
  return {&kTable[i], 2, 2};
}

}  // namespace cj::isbt128
