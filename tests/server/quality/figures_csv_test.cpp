// The quality figures as CSV (server/quality/figures_csv.h).
#include "server/quality/figures_csv.h"

#include <gtest/gtest.h>

namespace cj::quality {
namespace {

TEST(FiguresCsvTest, DeviationsAreOneRowPerMonthProductSiteKindAndCode) {
  Figures f;
  f.deviations = {{"2026-11", "kymriah", "north", "deviation", "TEMPERATURE_OUT_OF_RANGE", "major", 3},
                  {"2026-11", "kymriah", "north", "near_miss", "COI_MISMATCH", "critical", 1}};
  EXPECT_EQ(deviations_csv(f),
            "month,product,site,kind,code,severity,count\r\n"
            "2026-11,kymriah,north,deviation,TEMPERATURE_OUT_OF_RANGE,major,3\r\n"
            "2026-11,kymriah,north,near_miss,COI_MISMATCH,critical,1\r\n");
}

TEST(FiguresCsvTest, DurationsAreWrittenInTheirMeasuresUnit) {
  Figures f;
  DurationFigure v2v{"vein_to_vein", "kymriah",    "north",      3,           25 * 86400.0,
                     22.5 * 86400,   27.5 * 86400, 20 * 86400.0, 30 * 86400.0};
  DurationFigure thaw{"thaw_to_infusion", "kymriah", "north", 2, 40 * 60.0, 35 * 60.0, 45 * 60.0, 30 * 60.0, 50 * 60.0};
  f.durations = {v2v, thaw};
  EXPECT_EQ(durations_csv(f),
            "measure,unit,product,site,journeys,median,p25,p75,min,max\r\n"
            "vein_to_vein,d,kymriah,north,3,25.00,22.50,27.50,20.00,30.00\r\n"
            "thaw_to_infusion,min,kymriah,north,2,40.00,35.00,45.00,30.00,50.00\r\n");
}

TEST(FiguresCsvTest, EveryMeasureIsFoundByItsName) {
  for (const Measure& m : kMeasures) EXPECT_EQ(find_measure(m.name), &m);
  EXPECT_EQ(find_measure("door_to_needle"), nullptr);
}

}  // namespace
}  // namespace cj::quality
