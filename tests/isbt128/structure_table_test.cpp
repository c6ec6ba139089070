// The structure table against the reference index (isbt128.md §2): numbers, data identifiers,
// lengths and retired structures.
#include "isbt128/structure_table.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace cj::isbt128 {
namespace {

struct Expected {
  const char* number;
  const char* data_identifier;
  std::size_t length;  // fixed content length (DIN: 15 with α); 0 for length-prefixed
  bool retired;
};

// isbt128.md §2 (ST-001 Table 2 [RT003]).
constexpr Expected kReference[] = {
    {"001", "=", 15, false},   {"002", "=%", 4, false},   {"003", "=<", 8, false},   {"004", "=>", 6, false},
    {"005", "&>", 10, false},  {"006", "=*", 6, false},   {"007", "&*", 10, false},  {"008", "=}", 6, false},
    {"009", "&}", 10, false},  {"010", "&(", 5, false},   {"011", "={", 18, true},   {"012", "=\\", 18, false},
    {"013", "&\\", 18, false}, {"014", "&{", 18, false},  {"015", "=[", 18, true},   {"016", "=\"", 18, true},
    {"017", "=)", 10, false},  {"018", "&)", 10, false},  {"019", "=;", 21, false},  {"020", "='", 11, false},
    {"021", "=-", 10, false},  {"022", "&-", 10, false},  {"023", "=+", 5, false},   {"024", "=#", 10, false},
    {"025", "&#", 0, false},   {"026", "=]", 6, false},   {"027", "&\"", 18, false}, {"028", "=$", 16, false},
    {"029", "&$", 0, false},   {"030", "&%", 0, false},   {"031", "=(", 16, false},  {"032", "=,", 6, false},
    {"033", "&+", 11, false},  {"034", "=/", 16, false},  {"035", "&,1", 18, false}, {"036", "&,2", 18, false},
    {"037", "&,3", 19, true},  {"038", "&,4", 40, false}, {"039", "&:", 19, false},  {"040", "&/", 15, false},
};

TEST(StructureTable, MatchesTheReferenceIndex) {
  for (const Expected& expected : kReference) {
    const StructureDescriptor* d = find_structure(expected.number);
    ASSERT_NE(d, nullptr) << expected.number;
    EXPECT_EQ(d->data_identifier, expected.data_identifier) << expected.number;
    EXPECT_EQ(d->retired, expected.retired) << expected.number;
    if (expected.length == 0) {
      EXPECT_EQ(d->length_rule, LengthRule::Counted) << expected.number;
    } else {
      EXPECT_EQ(d->length_rule, LengthRule::Fixed) << expected.number;
      EXPECT_EQ(d->pattern.size(), expected.length) << expected.number;
    }
  }
}

TEST(StructureTable, CountedStructuresFollowTheReference) {
  // 025: aa ll + ll characters; 029: nn + nn x 14; 030: nnn + nnn x 10.
  EXPECT_EQ(find_structure("025")->unit_pattern.size(), 1u);
  EXPECT_EQ(find_structure("025")->count_offset, 2);
  EXPECT_EQ(find_structure("029")->unit_pattern.size(), 14u);
  EXPECT_EQ(find_structure("029")->count_digits, 2);
  EXPECT_EQ(find_structure("030")->unit_pattern.size(), 10u);
  EXPECT_EQ(find_structure("030")->count_digits, 3);
}

TEST(StructureTable, DataIdentifiersAreUnique) {
  std::set<std::string> seen;
  for (const StructureDescriptor& d : structure_table()) {
    EXPECT_TRUE(seen.insert(std::string(d.data_identifier)).second) << d.data_identifier;
  }
}

TEST(StructureTable, FieldLayoutsStayInsideTheContent) {
  for (const StructureDescriptor& d : structure_table()) {
    for (const FieldLayout& field : d.fields) {
      if (field.length == kToEnd) continue;
      EXPECT_LE(field.offset + field.length, d.pattern.size()) << d.number << " " << field.name;
    }
  }
}

TEST(StructureTable, UnknownNumberIsNotFound) {
  EXPECT_EQ(find_structure("041"), nullptr);
  EXPECT_EQ(find_structure(""), nullptr);
}

TEST(StructureTable, DinIsEqualsAndAnAlphanumericOtherThanOAnd0) {
  EXPECT_EQ(match_data_identifier("=A", 0).descriptor->number, "001");
  EXPECT_EQ(match_data_identifier("=9", 0).descriptor->number, "001");
  EXPECT_EQ(match_data_identifier("=O", 0).descriptor, nullptr);
  EXPECT_EQ(match_data_identifier("=0", 0).descriptor, nullptr);
  EXPECT_EQ(match_data_identifier("=a", 0).descriptor, nullptr);
  EXPECT_EQ(match_data_identifier("=A", 0).content_offset, 1u);
}

TEST(StructureTable, ThreeCharacterDataIdentifiers) {
  EXPECT_EQ(match_data_identifier("&,4", 0).descriptor->number, "038");
  EXPECT_EQ(match_data_identifier("&,4", 0).length, 3u);
  EXPECT_EQ(match_data_identifier("&,", 0).descriptor, nullptr);
  EXPECT_EQ(match_data_identifier("&,0", 0).descriptor, nullptr);
}

TEST(StructureTable, NationalDataIdentifiers) {
  EXPECT_TRUE(match_data_identifier("&a", 0).descriptor->national);
  EXPECT_TRUE(match_data_identifier("&z", 0).descriptor->national);
  EXPECT_TRUE(match_data_identifier("&;", 0).descriptor->national);
  EXPECT_TRUE(match_data_identifier("&!", 0).descriptor->national);
}

}  // namespace
}  // namespace cj::isbt128
