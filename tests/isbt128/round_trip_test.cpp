// parse(format(x)) == x for every structure type, over many thousands of generated valid
// structures (seeded, so a failure reproduces), alone, concatenated and in compound messages.
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <vector>

#include "isbt128/build.h"
#include "isbt128/char_class.h"
#include "isbt128/check_character.h"
#include "isbt128/coi.h"
#include "isbt128/compound.h"
#include "isbt128/dates.h"
#include "isbt128/din.h"
#include "isbt128/format.h"
#include "isbt128/parse.h"
#include "isbt128/structure_table.h"

namespace cj::isbt128 {
namespace {

// Makes valid structures of every type from a seeded generator.
class StructureGenerator {
 public:
  explicit StructureGenerator(std::uint32_t seed) : rng_(seed) {
    for (unsigned c = 0; c < 256; ++c) {
      for (char class_letter : std::string_view("dnzAUaFfgtcsxp")) {
        if (in_class(class_letter, static_cast<unsigned char>(c))) {
          members_[static_cast<unsigned char>(class_letter)].push_back(static_cast<char>(c));
        }
      }
    }
  }

  int number(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }

  char of_class(char class_letter) {
    const std::string& members = members_[static_cast<unsigned char>(class_letter)];
    return members[static_cast<std::size_t>(number(0, static_cast<int>(members.size()) - 1))];
  }

  std::string of_pattern(std::string_view pattern) {
    std::string text;
    for (char class_letter : pattern) text += of_class(class_letter);
    return text;
  }

  CalendarDate date(int first_year, int last_year) {
    const int year = number(first_year, last_year);
    const int month = number(1, 12);
    return CalendarDate{year, month, number(1, days_in_month(year, month))};
  }

  CalendarDateTime date_time(int first_year, int last_year) {
    return CalendarDateTime{date(first_year, last_year), number(0, 23), number(0, 59)};
  }

  std::string digits(int value, std::size_t width) {
    std::string text = std::to_string(value);
    return std::string(width - text.size(), '0') + text;
  }

  std::string fin() { return of_pattern("Fffdd"); }

  // A valid structure of type `descriptor`; national ones use `&` + a random lowercase letter.
  Structure generate(const StructureDescriptor& descriptor) {
    Result<Structure> result = make(descriptor);
    if (!result.ok()) {
      ADD_FAILURE() << "generator made an invalid " << descriptor.number << ": " << result.error().message;
      return {};
    }
    return std::move(result).value();
  }

  // A random structure that may go anywhere in a scan: no compound header.
  Structure any_member(bool allow_national) {
    const auto table = structure_table();
    for (;;) {
      const StructureDescriptor& d = table[static_cast<std::size_t>(number(0, static_cast<int>(table.size()) - 1))];
      if (d.number == "023" || (d.national && !allow_national)) continue;
      return generate(d);
    }
  }

 private:
  Result<Structure> make(const StructureDescriptor& d) {
    const std::string_view n = d.number;
    if (d.national) {
      std::string content;
      const int length = number(1, 24);
      for (int i = 0; i < length; ++i) content += of_class('p');
      std::string data_identifier(d.data_identifier);
      if (data_identifier == "&") data_identifier += static_cast<char>('a' + number(0, 25));
      Result<Structure> national = make_national(data_identifier, content);
      return national.ok() ? national : make_national(data_identifier, "X");  // content held a DI: rare
    }
    if (n == "001") {
      const std::string fin_text = fin();
      const int year = number(0, 99);
      const int sequence = number(0, 999999);
      switch (number(0, 3)) {
        case 0:
          return make_din(fin_text, year, sequence);
        case 1:
          return make_din(fin_text, year, sequence, digits(number(0, 59), 2));
        case 2:
          return make_din(fin_text, year, sequence, digits(number(97, 99), 2));
        default: {
          std::string flags = of_pattern("gg");
          if (flags[1] >= '0' && flags[1] <= '9') flags[1] = 'A';  // reserved alphanumeric flags
          return make_din(fin_text, year, sequence, flags);
        }
      }
    }
    if (n == "003") {
      static constexpr std::array<std::string_view, 12> kPrefixes = {"S1", "E0", "F0", "H0", "P0", "X0",
                                                                     "YB", "T0", "M9", "N0", "A0", "X5"};
      std::string pdc(kPrefixes[static_cast<std::size_t>(number(0, kPrefixes.size() - 1))]);
      pdc += of_pattern("ddd");
      std::string tds;
      if (pdc[0] == 'T' || pdc[0] == 'M' || pdc[0] == 'N') {
        tds = of_pattern("ddd");
      } else if (pdc[0] == 'A' || pdc.substr(0, 2) == "X5") {
        tds = of_pattern("xxx");
      } else {
        tds = std::string(1, of_class('c')) + (number(0, 4) == 0 ? "99" : of_pattern("As"));
      }
      return make_structure("003", pdc + tds);
    }
    if (n == "004" || n == "006" || n == "008") return make_julian_date(n, date(2000, 2099));
    if (n == "005" || n == "007" || n == "009") return make_julian_date_time(n, date_time(2000, 2099));
    if (n == "023") return make_structure("023", digits(number(1, 99), 2) + of_pattern("ddd"));
    if (n == "024") return make_patient_date_of_birth(of_pattern("xx"), date(1, 9999));
    if (n == "026") return make_structure("026", digits(number(1, 9999), 4) + digits(number(1, 12), 2));
    if (n == "031") {
      const CalendarDateTime when = date_time(1, 9999);
      return make_structure("031", std::string(1, of_class('t')) + "0" + of_pattern("dd") + digits(when.date.year, 4) +
                                       digits(when.date.month, 2) + digits(when.date.day, 2) + digits(when.hour, 2) +
                                       digits(when.minute, 2));
    }
    if (n == "038") {
      const CalendarDate expiry = date(1, 9999);
      return make_structure("038", of_pattern(d.pattern.substr(0, 32)) + digits(expiry.year, 4) +
                                       digits(expiry.month, 2) + digits(expiry.day, 2));
    }
    if (n == "039") {
      const std::string identifier = of_pattern("nddd") + of_pattern("AAAAAAAAAAAAA");
      return make_structure("039", identifier + digits(mod37_2_checksum(identifier).value(), 2));
    }
    if (n == "040") return make_coi(fin(), number(0, 99), of_pattern("AAAAAA"));
    if (d.length_rule == LengthRule::Counted) {
      const int max_count = d.count_digits == 2 ? 99 : 120;
      const int count = number(1, max_count);
      std::string content = of_pattern(d.pattern);
      content.replace(d.count_offset, d.count_digits, digits(count, d.count_digits));
      for (int i = 0; i < count; ++i) content += of_pattern(d.unit_pattern);
      return make_structure(n, content);
    }
    return make_structure(n, of_pattern(d.pattern));
  }

  std::mt19937 rng_;
  std::array<std::string, 256> members_;
};

bool needs_divisions(const Structure& s) {
  return s.number == "003" && text_field(s, "division") == std::optional<std::string_view>("99");
}

// Adds a Product Divisions [032] when a product code with division 99 needs one in the scan.
void add_divisions_if_needed(std::vector<Structure>& structures) {
  bool needed = false;
  bool present = false;
  for (const Structure& s : structures) {
    needed = needed || needs_divisions(s);
    present = present || s.number == "032";
  }
  if (needed && !present) structures.push_back(make_structure("032", "000001").value());
}

constexpr int kCasesPerType = 500;

TEST(RoundTrip, EveryStructureTypeReadsBackAsItself) {
  StructureGenerator generator(20261120);
  int cases = 0;
  for (const StructureDescriptor& descriptor : structure_table()) {
    if (descriptor.number == "023") continue;  // a header alone announces structures: below
    for (int i = 0; i < kCasesPerType; ++i) {
      std::vector<Structure> scan = {generator.generate(descriptor)};
      add_divisions_if_needed(scan);
      const std::string text = format(scan);
      ParseResult result = parse(text);
      ASSERT_TRUE(result.ok()) << text << ": " << result.error().message;
      ASSERT_EQ(result.value(), scan) << text;
      ++cases;
    }
  }
  EXPECT_EQ(cases, kCasesPerType * (static_cast<int>(structure_table().size()) - 1));
}

TEST(RoundTrip, ConcatenatedStructuresReadBackInOrder) {
  StructureGenerator generator(4711);
  for (int i = 0; i < 5000; ++i) {
    std::vector<Structure> scan;
    const int count = generator.number(1, 5);
    for (int j = 0; j < count; ++j) scan.push_back(generator.any_member(true));
    add_divisions_if_needed(scan);
    const std::string text = format(scan);
    ParseResult result = parse(text);
    ASSERT_TRUE(result.ok()) << text << ": " << result.error().message;
    ASSERT_EQ(result.value(), scan) << text;
  }
}

TEST(RoundTrip, CompoundMessagesReadBackAsBuilt) {
  StructureGenerator generator(1234);
  for (int i = 0; i < 3000; ++i) {
    std::vector<Structure> members;
    const int count = generator.number(1, 8);
    for (int j = 0; j < count; ++j) members.push_back(generator.any_member(false));
    add_divisions_if_needed(members);
    std::string message = "000";
    if (i % 3 == 1) message = generator.digits(generator.number(10, 34), 3);  // licensed RT017: count only
    Result<std::vector<Structure>> compound = make_compound_message(members, message);
    ASSERT_TRUE(compound.ok()) << compound.error().message;
    const std::string text = format(compound.value());
    ParseResult result = parse(text);
    ASSERT_TRUE(result.ok()) << text << ": " << result.error().message;
    ASSERT_EQ(result.value(), compound.value()) << text;
  }
}

TEST(RoundTrip, CompoundHeaderFromItsContentReadsBack) {
  StructureGenerator generator(99);
  for (int i = 0; i < 500; ++i) {
    const Structure header = generator.generate(*find_structure("023"));
    EXPECT_EQ(make_structure("023", header.content).value(), header);
  }
}

// Mutated valid scans never crash parse(); a success formats back to the input, an error points
// inside it. (The libFuzzer target in tests/fuzz checks the same on arbitrary bytes.)
TEST(RoundTrip, MutatedScansKeepParseInvariants) {
  StructureGenerator generator(7);
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::vector<Structure> scan = {generator.any_member(true), generator.any_member(true)};
    std::string text = format(scan);
    const int mutations = generator.number(1, 3);
    for (int m = 0; m < mutations && !text.empty(); ++m) {
      const auto at = static_cast<std::size_t>(generator.number(0, static_cast<int>(text.size()) - 1));
      switch (generator.number(0, 2)) {
        case 0:
          text[at] = static_cast<char>(generator.number(0, 255));
          break;
        case 1:
          text.erase(at, 1);
          break;
        default:
          text.insert(at, 1, "=&,+<A0a"[generator.number(0, 7)]);
          break;
      }
    }
    ParseResult result = parse(text);
    if (result.ok()) {
      ASSERT_EQ(format(result.value()), text);
    } else {
      ASSERT_LE(result.error().position, text.size());
      if (!text.empty()) {
        ASSERT_LT(result.error().position, text.size());
      }
      ASSERT_FALSE(result.error().message.empty());
    }
  }
}

}  // namespace
}  // namespace cj::isbt128
