// The audit trail's PDF report (server/trail/trail_pdf.h); read back as text by pdftotext in
// tests/server/trail/audit_trail_test.cpp.
#include "server/trail/trail_pdf.h"

#include <gtest/gtest.h>

namespace cj::trail {
namespace {

std::size_t pages_of(const std::string& pdf) {
  std::size_t count = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++count;
  }
  return count;
}

std::vector<Entry> entries(int n) {
  std::vector<Entry> out(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    out[static_cast<std::size_t>(i)].id = i;
    out[static_cast<std::size_t>(i)].at = "2026-12-04T10:00:00.000000Z";
    out[static_cast<std::size_t>(i)].action = "product.thaw";
    out[static_cast<std::size_t>(i)].summary = std::string(400, 'x');  // cut to its column
  }
  return out;
}

TEST(TrailPdfTest, AShortTrailIsOnePdfPage) {
  const std::string pdf = render_trail_pdf({"every record", "2026-12-04T10:00:00Z", "quinn"}, entries(3), {});
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(pages_of(pdf), 1u);
}

TEST(TrailPdfTest, ALongTrailRunsOnOverPages) {
  const std::string pdf = render_trail_pdf({"every record", "2026-12-04T10:00:00Z", "quinn"}, entries(200), {});
  EXPECT_GE(pages_of(pdf), 5u) << "about 38 rows a page";
}

TEST(TrailPdfTest, NoEntriesStillReportsTheVerification) {
  ReportVerification v;
  v.intact = true;
  const std::string pdf = render_trail_pdf({"person nobody", "2026-12-04T10:00:00Z", "quinn"}, {}, v);
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(pages_of(pdf), 1u);
}

}  // namespace
}  // namespace cj::trail
