// The temperature evidence finder (workflows/temperature_evidence.h): excursions with their
// min/max, duration and window; gaps longer than the logger's interval x the gap factor.
#include "workflows/temperature_evidence.h"

#include <gtest/gtest.h>

namespace cj::workflows {
namespace {

using std::chrono::minutes;

const TimePoint kStart = *parse_time("2026-11-20T08:00:00Z");
const TemperatureLimits kStorage{std::nullopt, -150.0, "tecartus/storage"};

// Readings every 5 min: one value per reading.
std::vector<TemperatureSample> every_5_min(const std::vector<double>& values) {
  std::vector<TemperatureSample> samples;
  for (std::size_t i = 0; i < values.size(); ++i)
    samples.push_back({kStart + minutes{5} * static_cast<int>(i), values[i]});
  return samples;
}

TEST(TemperatureEvidence, ReadingsWithinTheLimitGiveNoExcursionAndNoGap) {
  const auto evidence = find_temperature_evidence(every_5_min({-180, -178, -150, -179}), kStorage, {});
  EXPECT_TRUE(evidence.excursions.empty());  // -150 is the limit itself: within
  EXPECT_TRUE(evidence.gaps.empty());
  EXPECT_TRUE(evidence_findings(evidence, "LOG-1", kStorage).empty());
  EXPECT_EQ(evidence.interval, minutes{5});
}

TEST(TemperatureEvidence, AnExcursionRunsFromTheFirstReadingOutToTheFirstReadingBackWithItsMinAndMax) {
  const auto evidence = find_temperature_evidence(every_5_min({-180, -145, -132.5, -140, -170, -180}), kStorage, {});
  ASSERT_EQ(evidence.excursions.size(), 1u);
  const Excursion& e = evidence.excursions[0];
  EXPECT_EQ(e.from, kStart + minutes{5});
  EXPECT_EQ(e.to, kStart + minutes{20});
  EXPECT_EQ(e.duration, minutes{15});
  EXPECT_DOUBLE_EQ(e.min_c, -145);
  EXPECT_DOUBLE_EQ(e.max_c, -132.5);
  EXPECT_EQ(e.readings, 3);
  EXPECT_TRUE(e.above);
  EXPECT_FALSE(e.ongoing);
}

TEST(TemperatureEvidence, TheExcursionFindingNamesLoggerLimitMinMaxDurationAndWindow) {
  const auto evidence = find_temperature_evidence(every_5_min({-180, -145, -132.5, -140, -170}), kStorage, {});
  const auto findings = evidence_findings(evidence, "LOG-7781", kStorage);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].code, Code::TempExcursion);
  EXPECT_EQ(findings[0].rule, "tecartus/storage");
  EXPECT_EQ(findings[0].message,
            "logger LOG-7781: 3 readings above the limit -150 °C (min -145 °C, max -132.5 °C) for 15 min, from "
            "2026-11-20T08:05:00Z to 2026-11-20T08:20:00Z");
  EXPECT_EQ(evidence_subjects(evidence, "LOG-7781"), std::vector<std::string>{"LOG-7781 2026-11-20T08:05:00Z"});
}

TEST(TemperatureEvidence, AReadingBelowTheMinimumIsAnExcursionToo) {
  const TemperatureLimits shipper{2.0, 8.0, "tecartus/apheresis-shipper"};
  const auto evidence = find_temperature_evidence(every_5_min({4, 1.5, 4}), shipper, {});
  ASSERT_EQ(evidence.excursions.size(), 1u);
  EXPECT_FALSE(evidence.excursions[0].above);
  EXPECT_NE(evidence_findings(evidence, "L", shipper)[0].message.find("below the limit 2 °C"), std::string::npos);
}

TEST(TemperatureEvidence, AnExcursionStillOpenAtTheLastReadingIsOngoing) {
  const auto evidence = find_temperature_evidence(every_5_min({-180, -120, -110}), kStorage, {});
  ASSERT_EQ(evidence.excursions.size(), 1u);
  EXPECT_TRUE(evidence.excursions[0].ongoing);
  EXPECT_EQ(evidence.excursions[0].duration, minutes{5});
}

TEST(TemperatureEvidence, TwoSeparateBreachesAreTwoExcursions) {
  const auto evidence = find_temperature_evidence(every_5_min({-140, -180, -140, -180}), kStorage, {});
  EXPECT_EQ(evidence.excursions.size(), 2u);
}

TEST(TemperatureEvidence, ASilenceLongerThanThreeIntervalsIsAGap) {
  auto samples = every_5_min({-180, -180, -180, -180});
  for (auto& s : samples) {
    if (s.at > kStart + minutes{5}) s.at += minutes{45};  // 50 min between the 2nd and 3rd reading
  }
  const auto evidence = find_temperature_evidence(samples, kStorage, {});
  ASSERT_EQ(evidence.gaps.size(), 1u);
  EXPECT_EQ(evidence.gaps[0].from, kStart + minutes{5});
  EXPECT_EQ(evidence.gaps[0].length, minutes{50});
  const auto findings = evidence_findings(evidence, "LOG-1", kStorage);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].code, Code::TempDataGap);
  EXPECT_NE(findings[0].message.find("no readings for 50 min"), std::string::npos);
}

TEST(TemperatureEvidence, ASilenceOfExactlyThreeIntervalsIsNotAGap) {
  auto samples = every_5_min({-180, -180, -180, -180});
  for (auto& s : samples) {
    if (s.at > kStart + minutes{5}) s.at += minutes{10};  // 15 min = 3 x 5 min
  }
  EXPECT_TRUE(find_temperature_evidence(samples, kStorage, {}).gaps.empty());
}

TEST(TemperatureEvidence, TheGapFactorAndAFixedMaximumGapAreTheCallersChoice) {
  auto samples = every_5_min({-180, -180, -180});
  samples[2].at += minutes{10};  // 15 min after the 2nd
  EXPECT_EQ(find_temperature_evidence(samples, kStorage, {.gap_factor = 2, .max_gap = std::nullopt}).gaps.size(), 1u);
  EXPECT_TRUE(find_temperature_evidence(samples, kStorage, {.gap_factor = 3, .max_gap = minutes{20}}).gaps.empty());
}

TEST(TemperatureEvidence, NoReadingsGiveNoFindingsAndNoInterval) {
  const auto evidence = find_temperature_evidence({}, kStorage, {});
  EXPECT_TRUE(evidence_findings(evidence, "L", kStorage).empty());
  EXPECT_FALSE(evidence.first.has_value());
}

}  // namespace
}  // namespace cj::workflows
