// The numbers of the ISBT 128 data structures (ST-001 Table 2), by their standard names, so that
// code says which structure it means instead of "001". Structure::number and
// StructureDescriptor::number hold one of these (national structures have none).
//
//   if (structure.number == numbers::kDonationIdentificationNumber) ...
#pragma once

#include <string_view>

namespace cj::isbt128::numbers {

inline constexpr std::string_view kDonationIdentificationNumber = "001";
inline constexpr std::string_view kBloodGroups = "002";
inline constexpr std::string_view kProductCode = "003";
inline constexpr std::string_view kExpirationDate = "004";
inline constexpr std::string_view kExpirationDateAndTime = "005";
inline constexpr std::string_view kCollectionDate = "006";
inline constexpr std::string_view kCollectionDateAndTime = "007";
inline constexpr std::string_view kProductionDate = "008";
inline constexpr std::string_view kProductionDateAndTime = "009";
inline constexpr std::string_view kSpecialTestingGeneral = "010";
inline constexpr std::string_view kRbcAntigens = "011";  // retired
inline constexpr std::string_view kRbcAntigensGeneral = "012";
inline constexpr std::string_view kRbcAntigensFinnish = "013";
inline constexpr std::string_view kPlateletHlaAndPlateletSpecificAntigens = "014";
inline constexpr std::string_view kHlaAAndBAlleles = "015";  // retired
inline constexpr std::string_view kHlaDrb1Alleles = "016";   // retired
inline constexpr std::string_view kContainerManufacturerAndCatalogNumber = "017";
inline constexpr std::string_view kContainerLotNumber = "018";
inline constexpr std::string_view kDonorIdentificationNumber = "019";
inline constexpr std::string_view kStaffMemberIdentificationNumber = "020";
inline constexpr std::string_view kManufacturerAndCatalogNumberOfItems = "021";  // items other than containers
inline constexpr std::string_view kLotNumberOfItems = "022";                     // items other than containers
inline constexpr std::string_view kCompoundMessage = "023";
inline constexpr std::string_view kPatientDateOfBirth = "024";
inline constexpr std::string_view kPatientIdentificationNumber = "025";
inline constexpr std::string_view kExpirationMonthAndYear = "026";
inline constexpr std::string_view kTransfusionTransmittedInfectionMarker = "027";
inline constexpr std::string_view kProductConsignment = "028";
inline constexpr std::string_view kDimensions = "029";
inline constexpr std::string_view kRedCellAntigensWithTestHistory = "030";
inline constexpr std::string_view kFlexibleDateAndTime = "031";
inline constexpr std::string_view kProductDivisions = "032";
inline constexpr std::string_view kProcessingFacilityInformationCode = "033";
inline constexpr std::string_view kProcessorProductIdentificationCode = "034";
inline constexpr std::string_view kMphoLotNumber = "035";
inline constexpr std::string_view kMphoSupplementalIdentificationNumber = "036";
inline constexpr std::string_view kGlobalRegistrationIdentifierForDonorsOld = "037";  // retired
inline constexpr std::string_view kSingleEuropeanCode = "038";
inline constexpr std::string_view kGlobalRegistrationIdentifierForDonors = "039";
inline constexpr std::string_view kChainOfIdentityIdentifier = "040";

}  // namespace cj::isbt128::numbers
