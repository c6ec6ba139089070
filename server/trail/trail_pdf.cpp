#include "server/trail/trail_pdf.h"

#include <memory>
#include <stdexcept>

#include <cairo-pdf.h>
#include <cairo.h>

namespace cj::trail {
namespace {

constexpr double kPageWidth = 842, kPageHeight = 595;  // A4 landscape, in points
constexpr double kMargin = 36, kRowHeight = 13, kFontSize = 7.5;
constexpr char kFont[] = "DejaVu Sans";

struct Column {
  const char* title;
  double width;
};
constexpr Column kColumns[] = {{"Recorded (UTC)", 108}, {"Kind", 52}, {"Action", 112}, {"Actor", 78},
                               {"Station", 56},         {"COI", 86},  {"Summary", 278}};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Draws pages top to bottom, starting a new one when the next line would not fit.
class Writer {
 public:
  explicit Writer(cairo_t* cr) : cr_(cr) { start_page(); }

  void line(const std::string& text, double size = kFontSize, bool bold = false) {
    ensure_room(size * 1.6);
    font(size, bold);
    cairo_move_to(cr_, kMargin, y_ + size);
    cairo_show_text(cr_, fit(text, kPageWidth - 2 * kMargin).c_str());
    y_ += size * 1.6;
  }

  void gap(double points) { y_ += points; }

  void table_header() {
    ensure_room(3 * kRowHeight);
    font(kFontSize, true);
    double x = kMargin;
    for (const Column& c : kColumns) {
      cairo_move_to(cr_, x, y_ + kFontSize);
      cairo_show_text(cr_, c.title);
      x += c.width;
    }
    y_ += kRowHeight;
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, kMargin, y_ - 2);
    cairo_line_to(cr_, kPageWidth - kMargin, y_ - 2);
    cairo_stroke(cr_);
    in_table_ = true;
  }

  void row(const std::vector<std::string>& cells) {
    if (y_ + kRowHeight > bottom()) {
      next_page();
      table_header();
    }
    font(kFontSize, false);
    double x = kMargin;
    for (std::size_t i = 0; i < cells.size() && i < std::size(kColumns); ++i) {
      cairo_move_to(cr_, x, y_ + kFontSize);
      cairo_show_text(cr_, fit(cells[i], kColumns[i].width - 4).c_str());
      x += kColumns[i].width;
    }
    y_ += kRowHeight;
  }

  void end_table() { in_table_ = false; }

  void finish() { footer(); }

 private:
  double bottom() const { return kPageHeight - kMargin - 14; }

  void font(double size, bool bold) {
    cairo_select_font_face(cr_, kFont, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
  }

  // The text cut to width, with an ellipsis when cut (at a UTF-8 character boundary).
  std::string fit(const std::string& text, double width) {
    cairo_text_extents_t ext;
    cairo_text_extents(cr_, text.c_str(), &ext);
    if (ext.x_advance <= width) return text;
    std::string cut = text;
    while (!cut.empty()) {
      do {
        cut.pop_back();
      } while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
      if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0) cut.pop_back();
      const std::string candidate = cut + "…";
      cairo_text_extents(cr_, candidate.c_str(), &ext);
      if (ext.x_advance <= width) return candidate;
    }
    return "…";
  }

  void ensure_room(double height) {
    if (y_ + height > bottom()) {
      next_page();
      if (in_table_) table_header();
    }
  }

  void start_page() {
    ++page_;
    y_ = kMargin;
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  void footer() {
    font(7, false);
    const std::string text = "CellJourney audit trail report, page " + std::to_string(page_);
    cairo_move_to(cr_, kMargin, kPageHeight - kMargin + 4);
    cairo_show_text(cr_, text.c_str());
  }

  void next_page() {
    footer();
    cairo_show_page(cr_);
    start_page();
  }

  cairo_t* cr_;
  double y_ = kMargin;
  int page_ = 0;
  bool in_table_ = false;
};

}  // namespace

std::string render_trail_pdf(const ReportHeading& heading, const std::vector<Entry>& entries,
                             const ReportVerification& verification) {
  std::string pdf;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create_for_stream(&append_to_string, &pdf, kPageWidth, kPageHeight), &cairo_surface_destroy);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, "CellJourney audit trail");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "CellJourney");
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
  {
    Writer w(cr.get());
    w.line("Audit trail", 16, true);
    w.line("Records: " + heading.filter, 9);
    w.line("Generated " + heading.generated_at + " by " + heading.generated_by + "; " + std::to_string(entries.size()) +
               " entries, newest first",
           9);
    w.gap(6);
    w.table_header();
    for (const Entry& e : entries) {
      w.row({e.at, std::string(kind_name(e.kind)), e.action, e.actor, e.station, e.coi, e.summary});
    }
    if (entries.empty()) w.row({"", "", "No record matches.", "", "", "", ""});
    w.end_table();
    w.gap(10);
    w.line("Audit verification at " + heading.generated_at, 11, true);
    const std::size_t broken = verification.broken.size();
    w.line(verification.intact
               ? std::string("INTACT: every chain verifies.")
               : "BROKEN: " + std::to_string(broken) + (broken == 1 ? " link does" : " links do") + " not verify.",
           10, true);
    w.line("Checked " + std::to_string(verification.journeys) + " journeys, " + std::to_string(verification.events) +
               " events, " + std::to_string(verification.facts) + " facts, " +
               std::to_string(verification.admin_entries) + " administration entries and " +
               std::to_string(verification.checkpoints) + " signed checkpoints.",
           9);
    for (const std::string& b : verification.broken) w.line("  " + b, 8);
    w.line(verification.checkpoint ? "Latest signed checkpoint: " + *verification.checkpoint
                                   : "No signed checkpoint yet: a journey deleted whole would go unnoticed.",
           9);
    w.finish();
  }
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  surface.reset();
  return pdf;
}

}  // namespace cj::trail
