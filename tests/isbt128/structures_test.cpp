// One test per data structure of isbt128.md §2: a valid example reads into the right fields.
#include <gtest/gtest.h>

#include "isbt128/build.h"
#include "isbt128/parse.h"
#include "tests/isbt128/test_helpers.h"

namespace cj::isbt128 {
namespace {

using testing::describe_fields;
using testing::parse_error;
using testing::parse_one;

TEST(Structure001, DinReadsFinYearSequenceFlagsAndKeyboardCheck) {
  const Structure s = parse_one("=A99992612345600");
  EXPECT_EQ(s.number, "001");
  EXPECT_EQ(s.name, "Donation Identification Number");
  EXPECT_EQ(s.data_identifier, "=A");
  EXPECT_EQ(s.content, "A99992612345600");
  EXPECT_EQ(describe_fields(s),
            "din=A999926123456; fin=A9999; year=#26; sequence=#123456; flags=00; flag_type=process control; "
            "flag_meaning=flag not used; keyboard_check_character=T");
}

TEST(Structure002, BloodGroupsKeepTheirCodes) {
  const Structure s = parse_one("=%6200");
  EXPECT_EQ(s.number, "002");
  EXPECT_EQ(describe_fields(s), "abo_rhd_code=62; rt007_code=0");
}

TEST(Structure003, ProductCodeReadsPdcCategoryCollectionTypeAndDivision) {
  const Structure s = parse_one("=<S1194A00");
  EXPECT_EQ(s.number, "003");
  EXPECT_EQ(describe_fields(s),
            "pdc=S1194; category=cellular therapy; collection_type=A; "
            "collection_type_meaning=autologous, eligible for crossover; division=00; divided=false; "
            "divisions_required=false");
}

TEST(Structure004, ExpirationDateIsAnIsoDate) {
  EXPECT_EQ(describe_fields(parse_one("=>019031")), "date=2019-01-31");  // ST-017 §4.3.1: 31 JAN 2019
}

TEST(Structure005, ExpirationDateAndTimeIsAnIsoDateTime) {
  EXPECT_EQ(describe_fields(parse_one("&>0183652359")), "date_time=2018-12-31T23:59");  // ST-012 §6.2
}

TEST(Structure005, LabelExampleOfAppendixCReads29January2018) {
  EXPECT_EQ(describe_fields(parse_one("&>0180292359")), "date_time=2018-01-29T23:59");  // ST-001 App. C Fig. 21
}

TEST(Structure006, CollectionDate) { EXPECT_EQ(describe_fields(parse_one("=*026324")), "date=2026-11-20"); }

TEST(Structure007, CollectionDateAndTime) {
  EXPECT_EQ(describe_fields(parse_one("&*0263241015")), "date_time=2026-11-20T10:15");
}

TEST(Structure008, ProductionDate) { EXPECT_EQ(describe_fields(parse_one("=}026001")), "date=2026-01-01"); }

TEST(Structure009, ProductionDateAndTime) {
  EXPECT_EQ(describe_fields(parse_one("&}0260010000")), "date_time=2026-01-01T00:00");
}

TEST(Structure010, SpecialTestingGeneralKeepsItsCode) {
  EXPECT_EQ(describe_fields(parse_one("&(12345")), "code=12345");
}

TEST(Structure011, RbcAntigensAreRetired) {
  const Structure s = parse_one("={000000000000000000");
  EXPECT_EQ(s.number, "011");
  EXPECT_TRUE(s.retired);
  EXPECT_EQ(describe_fields(s), "content=000000000000000000");
}

TEST(Structure012, RbcAntigensGeneralAreNotRetired) {
  const Structure s = parse_one("=\\620000000000000000");
  EXPECT_EQ(s.number, "012");
  EXPECT_FALSE(s.retired);
}

TEST(Structure013, RbcAntigensFinnish) { EXPECT_EQ(parse_one("&\\000000000000000000").number, "013"); }

TEST(Structure014, PlateletAntigens) { EXPECT_EQ(parse_one("&{000000000000000000").number, "014"); }

TEST(Structure015, HlaAAndBAllelesAreRetired) {
  const Structure s = parse_one("=[000000000000000000");
  EXPECT_EQ(s.number, "015");
  EXPECT_TRUE(s.retired);
}

TEST(Structure016, HlaDrb1AllelesAreRetired) {
  const Structure s = parse_one("=\"000000000000000000");
  EXPECT_EQ(s.number, "016");
  EXPECT_TRUE(s.retired);
}

TEST(Structure017, ContainerManufacturerAndCatalogNumber) {
  EXPECT_EQ(describe_fields(parse_one("=)1AB0012345")),
            "container_code=1; container_meaning=primary bag; manufacturer_code=AB; catalog_number=0012345");
}

TEST(Structure018, ContainerLotNumber) {
  EXPECT_EQ(describe_fields(parse_one("&)0000LOT123")), "lot_number=0000LOT123");
}

TEST(Structure019, DonorIdentificationNumber) {
  EXPECT_EQ(describe_fields(parse_one("=;A99990000000000123456")), "fin=A9999; donor_number=0000000000123456");
}

TEST(Structure020, StaffMemberIdentificationNumberIsLeftPaddedAlphanumeric) {
  EXPECT_EQ(describe_fields(parse_one("='A999900395A")), "fin=A9999; staff_id=00395A");
}

TEST(Structure021, ManufacturerAndCatalogNumberOfOtherItems) {
  EXPECT_EQ(describe_fields(parse_one("=-AB00012345")), "manufacturer_code=AB; catalog_number=00012345");
}

TEST(Structure022, LotNumberOfOtherItems) {
  EXPECT_EQ(describe_fields(parse_one("&-000LOT4567")), "lot_number=000LOT4567");
}

TEST(Structure023, CompoundMessageHeaderReadsCountAndOrder) {
  ParseResult result = parse("=+02000=A99992612345600=<S1194A00");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(describe_fields(result.value()[0]), "count=#2; message=000; order=any; order_checked=true");
}

TEST(Structure024, PatientDateOfBirth) {
  EXPECT_EQ(describe_fields(parse_one("=#AB19700101")), "location_code=AB; date_of_birth=1970-01-01");
}

TEST(Structure025, PatientIdentificationNumberIsLengthPrefixed) {
  const Structure s = parse_one("&#AB06PAT123");
  EXPECT_EQ(s.content, "AB06PAT123");
  EXPECT_EQ(describe_fields(s), "location_code=AB; patient_id=PAT123");
}

TEST(Structure025, PatientIdentificationNumberMayHoldLowercase) {
  EXPECT_EQ(describe_fields(parse_one("&#AB03abc")), "location_code=AB; patient_id=abc");
}

TEST(Structure026, ExpirationMonthAndYear) {
  EXPECT_EQ(describe_fields(parse_one("=]202611")), "expiration_month=2026-11");
}

TEST(Structure027, TransfusionTransmittedInfectionMarker) {
  EXPECT_EQ(describe_fields(parse_one("&\"000000000000000001")), "markers=000000000000000001");
}

TEST(Structure028, ProductConsignment) {
  EXPECT_EQ(describe_fields(parse_one("=$A999926000010102")),
            "fin=A9999; year=#26; serial=#1; container=#1; containers_total=#2; dispatch_document=false");
}

TEST(Structure028, ContainerNumber00IsADispatchDocument) {
  EXPECT_EQ(bool_field(parse_one("=$A999926000010002"), "dispatch_document"), true);
}

TEST(Structure029, DimensionsAreCounted) {
  const Structure s = parse_one("&$02ABCDEFGHIJKLMNabcdefghijklmn");
  EXPECT_EQ(describe_fields(s), "count=#2; dimensions=ABCDEFGHIJKLMNabcdefghijklmn");
}

TEST(Structure030, RedCellAntigensWithTestHistoryAreCounted) {
  EXPECT_EQ(describe_fields(parse_one("&%001ABC123RRSS")), "count=#1; antigen_records=ABC123RRSS");
}

TEST(Structure031, FlexibleDateAndTimeSaysWhatTheDateIsAndItsClock) {
  EXPECT_EQ(describe_fields(parse_one("=(2001202611201015")),
            "time_reference=UTC; date_type=01; date_type_meaning=expiration; date_time=2026-11-20T10:15");
}

TEST(Structure031, TimeReference1IsLocalTime) {
  EXPECT_EQ(text_field(parse_one("=(1002202611201015"), "time_reference"), "local");
}

TEST(Structure032, ProductDivisions) { EXPECT_EQ(describe_fields(parse_one("=,000012")), "divisions=000012"); }

TEST(Structure033, ProcessingFacilityInformationCode) {
  EXPECT_EQ(describe_fields(parse_one("&+A9999AB3456")), "fin=A9999; facility_product_code=AB3456");  // Fig. 8
}

TEST(Structure033, FacilityDefinedProductCodeWithALowercaseLetterIsRefused) {
  const Error error = parse_error("&+A9999ab3456");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 7u);
  EXPECT_EQ(error.message,
            "The Processing Facility Information Code has 'a', a lowercase letter, at position 7, where it needs a "
            "capital letter or a digit. Rescan; if it repeats, do not use this label.");
}

TEST(Structure033, FacilityDefinedProductCodeIsCapitalsAndDigitsOnly) {
  EXPECT_EQ(parse_error("&+A9999AB34-6").position, 11u);
  EXPECT_EQ(parse_error("&+A9999AB34*6").code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(text_field(parse_one("&+A9999000000"), "facility_product_code"), "000000");  // the default FPC
}

TEST(Structure034, ProcessorProductIdentificationCode) {
  EXPECT_EQ(describe_fields(parse_one("=/A9997AB3456T0123")),  // Fig. 9
            "fin=A9997; facility_product_code=AB3456; pdc=T0123; category=tissue");
}

TEST(Structure034, FacilityDefinedProductCodeWithALowercaseLetterIsRefused) {
  const Error error = parse_error("=/A9997AB34c6T0123");
  EXPECT_EQ(error.code, ErrorCode::InvalidCharacter);
  EXPECT_EQ(error.position, 11u);
  EXPECT_NE(error.message.find("'c', a lowercase letter, at position 11"), std::string::npos) << error.message;
}

TEST(Structure034, BuilderRefusesALowercaseFacilityDefinedProductCodeAsParseDoes) {
  const auto built = make_structure("034", "A9997xyz100T0479");
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().code, ErrorCode::InvalidCharacter);
}

TEST(Structure035, MphoLotNumber) {
  const Structure s = parse_one("&,1000000000000LOT123");
  EXPECT_EQ(s.number, "035");
  EXPECT_EQ(s.data_identifier, "&,1");
  EXPECT_EQ(describe_fields(s), "lot_number=000000000000LOT123");
}

TEST(Structure036, MphoSupplementalIdentificationNumber) {
  EXPECT_EQ(describe_fields(parse_one("&,2000000000000SUP123")), "supplemental_id=000000000000SUP123");
}

TEST(Structure037, OldGridIsRetired) {
  const Structure s = parse_one("&,33553ABCDEFGHIJKLMNO");
  EXPECT_EQ(s.number, "037");
  EXPECT_TRUE(s.retired);
}

TEST(Structure038, SingleEuropeanCodeReadsItsParts) {
  EXPECT_EQ(describe_fields(parse_one("&,4BE000000A999926123456A00T041600120261231")),
            "country=BE; tissue_establishment=000000; donation_number=A999926123456; coding_system=A; "
            "coding_system_meaning=ISBT 128; product_code=00T0416; split_number=001; expiration_date=2026-12-31");
}

TEST(Structure039, GridChecksumIsVerified) {
  EXPECT_EQ(describe_fields(parse_one("&:3553000001234567825")), "ion=3553; rdi=0000012345678; checksum=25");
}

TEST(Structure040, ChainOfIdentityIdentifier) {
  const Structure s = parse_one("&/CHA99992600001A");
  EXPECT_EQ(s.number, "040");
  EXPECT_EQ(describe_fields(s), "coi=CHA99992600001A; fin=A9999; year=#26; sequence=00001A");
}

TEST(NationalStructure, LowercaseLetterDataIdentifierIsNationalAndOpaque) {
  const Structure s = parse_one("&aXYZ 123");
  EXPECT_TRUE(s.national);
  EXPECT_EQ(s.number, "");
  EXPECT_EQ(s.data_identifier, "&a");
  EXPECT_EQ(describe_fields(s), "content=XYZ 123");
}

TEST(NationalStructure, NationalDonorIdentificationIsOpaque) {
  const Structure s = parse_one("&;SE12345");
  EXPECT_TRUE(s.national);
  EXPECT_EQ(s.name, "National Donor Identification Number");
}

TEST(NationalStructure, ConfidentialUnitExclusionIsOpaque) {
  EXPECT_EQ(parse_one("&!1").name, "Confidential Unit Exclusion");
}

}  // namespace
}  // namespace cj::isbt128
