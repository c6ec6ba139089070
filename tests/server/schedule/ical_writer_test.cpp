// The iCalendar writer (server/schedule/ical_writer.h), read back by a strict reader
// (ical_reader.h): line endings, folding, escaping, UTC times.
#include <gtest/gtest.h>

#include "server/schedule/ical_writer.h"
#include "tests/server/schedule/ical_reader.h"

namespace cj::schedule {
namespace {

workflows::TimePoint at(const char* text) { return *workflows::parse_time(text); }

CalendarEvent infusion() {
  return {"CHA99992600001A-infusion@celljourney", "JD · kymriah · infusion", "", at("2026-12-07T09:00:00Z"),
          at("2026-12-07T10:30:00Z")};
}

TEST(IcalWriterTest, ACalendarReadsBackWithItsEventsTimesInUtc) {
  const std::string text = write_calendar("CellJourney w1", {infusion()}, at("2026-12-04T08:00:00Z"));
  const auto cal = testing::read_ical(text);
  ASSERT_EQ(cal.events.size(), 1u);
  const auto& e = cal.events[0].props;
  EXPECT_EQ(e.at("UID"), "CHA99992600001A-infusion@celljourney");
  EXPECT_EQ(e.at("DTSTAMP"), "20261204T080000Z");
  EXPECT_EQ(e.at("DTSTART"), "20261207T090000Z");
  EXPECT_EQ(e.at("DTEND"), "20261207T103000Z");
  EXPECT_EQ(e.at("SUMMARY"), "JD · kymriah · infusion");
  EXPECT_EQ(cal.props.at("X-WR-CALNAME"), "CellJourney w1");
}

TEST(IcalWriterTest, EveryLineEndsWithCrLf) {
  const std::string text = write_calendar("x", {infusion()}, at("2026-12-04T08:00:00Z"));
  ASSERT_GE(text.size(), 2u);
  EXPECT_EQ(text.substr(text.size() - 2), "\r\n");
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      EXPECT_EQ(text[i - 1], '\r') << "a bare LF at " << i;
    }
  }
}

TEST(IcalWriterTest, CommasSemicolonsBackslashesAndLineBreaksAreEscaped) {
  EXPECT_EQ(escape_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
  CalendarEvent e = infusion();
  e.summary = "Dr. O'Neil, ward 3; bed \\2";
  e.description = "first line\r\nsecond line";
  const auto cal = testing::read_ical(write_calendar("x", {e}, at("2026-12-04T08:00:00Z")));
  EXPECT_EQ(cal.events.at(0).props.at("SUMMARY"), "Dr. O'Neil, ward 3; bed \\2");
  EXPECT_EQ(cal.events.at(0).props.at("DESCRIPTION"), "first line\nsecond line");
}

TEST(IcalWriterTest, LongLinesAreFoldedAt75OctetsNeverInsideAUtf8Character) {
  // 80 two-octet characters: a fold at an odd octet would split one.
  std::string long_text;
  for (int i = 0; i < 80; ++i) long_text += "é";
  const std::string folded = fold_line("SUMMARY:" + long_text);
  std::size_t start = 0;
  int lines = 0;
  while (start < folded.size()) {
    const std::size_t end = folded.find("\r\n", start);
    const std::string line = folded.substr(start, end - start);
    EXPECT_LE(line.size(), 75u);
    if (lines > 0) {
      EXPECT_EQ(line[0], ' ');
    }
    const std::size_t body = lines > 0 ? 1 : 0;
    if (line.size() > body) {
      EXPECT_NE(static_cast<unsigned char>(line[body]) & 0xC0, 0x80) << "line " << lines;
    }
    ++lines;
    start = end + 2;
  }
  EXPECT_EQ(lines, 3);
  CalendarEvent e = infusion();
  e.description = long_text;
  EXPECT_EQ(
      testing::read_ical(write_calendar("x", {e}, at("2026-12-04T08:00:00Z"))).events.at(0).props.at("DESCRIPTION"),
      long_text);
}

TEST(IcalWriterTest, APointInTimeHasNoEnd) {
  CalendarEvent e = infusion();
  e.end.reset();
  const auto cal = testing::read_ical(write_calendar("x", {e}, at("2026-12-04T08:00:00Z")));
  EXPECT_EQ(cal.events.at(0).props.count("DTEND"), 0u);
}

}  // namespace
}  // namespace cj::schedule
