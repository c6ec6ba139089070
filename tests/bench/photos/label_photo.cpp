#include "tests/bench/photos/label_photo.h"

#include <stb_image_write.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>
#include <variant>

#include "hardware/image_file.h"
#include "isbt128/isbt128.h"
#include "tests/labels/generated_data.h"

namespace cj::bench {
namespace {

using hardware::LumaImage;

// Runs argv (no shell: the data holds '=', '<', '&') and returns its standard output.
std::string run(const std::vector<std::string>& args) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  std::string bytes;
  char buffer[65536];
  for (ssize_t n; (n = read(out[0], buffer, sizeof buffer)) > 0;) bytes.append(buffer, static_cast<std::size_t>(n));
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("zint failed for " + args.back());
  return bytes;
}

// Copies `symbol` (255 = ink) onto `label` at (x, y), each module as a block of `module` pixels.
void stamp(LumaImage& label, const LumaImage& symbol, int x, int y, int module_x, int module_y) {
  for (int sy = 0; sy < symbol.height; ++sy) {
    for (int sx = 0; sx < symbol.width; ++sx) {
      if (symbol.at(sx, sy) < 128) continue;
      for (int dy = 0; dy < module_y; ++dy) {
        for (int dx = 0; dx < module_x; ++dx) {
          const int px = x + sx * module_x + dx, py = y + sy * module_y + dy;
          if (px >= 0 && py >= 0 && px < label.width && py < label.height) label.at(px, py) = 20;
        }
      }
    }
  }
}

// Rows of small dark blocks where eye-readable text would be.
void text_marks(LumaImage& label, std::mt19937& rng, int x, int y, int width, int rows, int size) {
  std::uniform_int_distribution<int> glyph(size / 2, size), gap(2, size / 2), space(0, 6);
  for (int r = 0; r < rows; ++r) {
    for (int cx = x; cx < x + width;) {
      const int w = glyph(rng);
      if (space(rng) == 0) {
        cx += w;
        continue;
      }
      for (int py = y + r * size * 2; py < y + r * size * 2 + size; ++py) {
        for (int px = cx; px < std::min(cx + w - 2, x + width); ++px) {
          if ((px + py) % 3 != 0 && px < label.width && py < label.height) label.at(px, py) = 40;
        }
      }
      cx += w + gap(rng);
    }
  }
}

}  // namespace

LumaImage zint_symbol(int symbology, const std::string& data, int height) {
  std::vector<std::string> args = {"zint",        "-b",       std::to_string(symbology), "--notext",
                                   "--scale=0.5", "--direct", "--filetype=PNG"};
  if (symbology == 71) args.push_back("--square");
  if (height > 0) args.push_back("--height=" + std::to_string(height));
  args.push_back("-d");
  args.push_back(data);
  const std::string png = run(args);
  auto image = hardware::decode_image(reinterpret_cast<const unsigned char*>(png.data()), png.size());
  if (auto* error = std::get_if<std::string>(&image)) throw std::runtime_error("zint output: " + *error);
  LumaImage symbol = std::get<LumaImage>(std::move(image));
  for (auto& p : symbol.pixels) p = static_cast<std::uint8_t>(255 - p);  // ink = 255
  return symbol;
}

namespace {

// A drawn label, the codes on it, and the part of it the photo must hold whole (the symbols
// with their quiet zones), in label pixels.
struct Drawn {
  LumaImage label;
  std::vector<std::string> codes;
  double focus_x0 = 0, focus_y0 = 0, focus_x1 = 0, focus_y1 = 0;
  void hold(double x0, double y0, double x1, double y1) {
    constexpr double kQuiet = 30;  // 10 modules of 3 px
    if (focus_x1 <= focus_x0) {
      focus_x0 = x0 - kQuiet, focus_y0 = y0 - kQuiet, focus_x1 = x1 + kQuiet, focus_y1 = y1 + kQuiet;
      return;
    }
    focus_x0 = std::min(focus_x0, x0 - kQuiet), focus_y0 = std::min(focus_y0, y0 - kQuiet);
    focus_x1 = std::max(focus_x1, x1 + kQuiet), focus_y1 = std::max(focus_y1, y1 + kQuiet);
  }
};

LumaImage blank_label(int width, int height) {
  LumaImage label{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height, 250)};
  for (int x = 0; x < label.width; ++x) label.at(x, 0) = label.at(x, label.height - 1) = 120;
  for (int y = 0; y < label.height; ++y) label.at(0, y) = label.at(label.width - 1, y) = 120;
  return label;
}

}  // namespace

LabelPhoto make_label_photo(unsigned seed, const PhotoOptions& options) {
  std::mt19937 rng(seed);
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  labels::testing::DataGenerator generator(seed);
  const labels::testing::GeneratedData data = generator.next();
  const std::string din = isbt128::format(data.din), product = isbt128::format(data.product);
  const std::vector<isbt128::Structure> members = {data.din, data.product, data.coi};
  const std::string compound = isbt128::format(isbt128::make_compound_message(members).value());

  // The label: 110 (or more) x 70 mm at 9 pixels per mm before the photo scales it. Code 128 module 3 px
  // (0.33 mm), bars 12 mm high; DataMatrix module 7 px (0.78 mm). Two layouts: DIN above the
  // product code, or beside it at the 36X gap of an ISBT 128 concatenation pair (ST-001 §10).
  const LumaImage din_symbol = zint_symbol(20, din, 1);
  const LumaImage product_symbol = zint_symbol(20, product, 1);
  const LumaImage matrix = zint_symbol(71, compound);
  const int module = 3, bar_height = 110, matrix_module = 7;
  const bool side_by_side = seed % 2 == 1;
  const int product_x = side_by_side ? 40 + (din_symbol.width + 36) * module : 40;
  const int din_w = din_symbol.width * module, product_w = product_symbol.width * module;
  const int matrix_w = matrix.width * matrix_module;
  Drawn drawn;
  drawn.codes = {din, product};
  if (options.matrix) drawn.codes.push_back(compound);
  if (!options.close_up) {
    const int width = std::max(1000, product_x + product_w + 40);
    drawn.label = blank_label(width, 630);
    LumaImage& label = drawn.label;
    const int matrix_x = label.width - 40 - matrix_w;
    stamp(label, din_symbol, 40, 40, module, bar_height);
    text_marks(label, rng, 40, 40 + bar_height + 14, din_w, 1, 22);
    if (!side_by_side) {
      stamp(label, product_symbol, 40, 330, module, bar_height);
      text_marks(label, rng, 40, 330 + bar_height + 14, product_w, 2, 16);
      text_marks(label, rng, matrix_x, 60, matrix_w, 6, 14);
    } else {
      stamp(label, product_symbol, product_x, 40, module, bar_height);
      text_marks(label, rng, product_x, 40 + bar_height + 14, product_w, 2, 16);
      text_marks(label, rng, 40, 330, 400, 6, 16);
    }
    // Without the DataMatrix (a bag tag with the two linear codes only): text where it was.
    if (options.matrix) {
      stamp(label, matrix, matrix_x, 330, matrix_module, matrix_module);
    } else {
      text_marks(label, rng, matrix_x, 330, matrix_w, 5, 14);
    }
    drawn.focus_x1 = label.width, drawn.focus_y1 = label.height;  // all of it
  } else {
    // A close-up: the symbols near each other, and text around them that the frame may cut.
    const int product_y = side_by_side ? 40 : 240;
    const int codes_w = side_by_side ? product_x + product_w - 40 : std::max(din_w, product_w);
    const int matrix_x = side_by_side ? 40 : 40 + codes_w + 60, matrix_y = side_by_side ? 240 : 40;
    const int width = std::max(40 + codes_w + 40, matrix_x + matrix_w + 40) + 200;
    drawn.label = blank_label(width, 630);
    LumaImage& label = drawn.label;
    stamp(label, din_symbol, 40, 40, module, bar_height);
    stamp(label, product_symbol, product_x, product_y, module, bar_height);
    drawn.hold(40, 40, 40 + din_w, 40 + bar_height);
    drawn.hold(product_x, product_y, product_x + product_w, product_y + bar_height);
    if (options.matrix) {
      stamp(label, matrix, matrix_x, matrix_y, matrix_module, matrix_module);
      drawn.hold(matrix_x, matrix_y, matrix_x + matrix_w, matrix_y + matrix_w);
    }
    text_marks(label, rng, 40, 480, width - 80, 4, 16);
    text_marks(label, rng, width - 180, 60, 140, 10, 14);
  }
  const LumaImage& label = drawn.label;

  // The photo: the label turned, scaled and placed so that the focus (all of a label at normal
  // distance; the symbols of a close-up) stays in the frame.
  LabelPhoto photo;
  photo.codes = drawn.codes;
  // Close-ups are taken with the label about level (three in four) or upright in the frame,
  // +-10 degrees: only then do the symbols fit at the largest modules.
  const double quadrant = uniform(0, 1) < 0.75 ? std::floor(uniform(0, 2)) * 2 : std::floor(uniform(0, 2)) * 2 + 1;
  photo.angle_degrees = options.close_up ? quadrant * 90 + uniform(-10, 10) + 360 : uniform(0, 360);
  photo.angle_degrees = std::fmod(photo.angle_degrees, 360.0);
  const double radians = photo.angle_degrees * std::numbers::pi / 180, c = std::cos(radians), s = std::sin(radians);
  const double focus_w = drawn.focus_x1 - drawn.focus_x0, focus_h = drawn.focus_y1 - drawn.focus_y0;
  // As close as the turned focus allows (the phone is held back to get all of it).
  const double fit = std::min(1240 / (std::abs(focus_w * c) + std::abs(focus_h * s)),
                              920 / (std::abs(focus_w * s) + std::abs(focus_h * c)));
  // Close-ups: Code 128 module 4.5 to 6 px when the turned symbols fit the frame.
  const double scale =
      options.close_up ? std::min(uniform(4.5, 6.0) / module, fit) : std::min(uniform(0.72, 0.95), fit);
  photo.module_pixels = module * scale;
  const double half_w = (std::abs(focus_w * c) + std::abs(focus_h * s)) * scale / 2;
  const double half_h = (std::abs(focus_w * s) + std::abs(focus_h * c)) * scale / 2;
  const double focus_cx = (drawn.focus_x0 + drawn.focus_x1) / 2, focus_cy = (drawn.focus_y0 + drawn.focus_y1) / 2;
  constexpr int kWidth = 1280, kHeight = 960;
  const double cx = kWidth / 2.0 + uniform(-1, 1) * std::max(0.0, kWidth / 2.0 - half_w - 10);
  const double cy = kHeight / 2.0 + uniform(-1, 1) * std::max(0.0, kHeight / 2.0 - half_h - 10);
  const double background = uniform(70, 150), light_x = uniform(-0.25, 0.25), light_y = uniform(-0.25, 0.25);
  std::vector<double> sharp(static_cast<std::size_t>(kWidth) * kHeight);
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      // Inverse map: photo pixel -> label pixel, bilinear.
      const double dx = (x - cx) / scale, dy = (y - cy) / scale;
      const double lx = dx * c + dy * s + focus_cx - 0.5, ly = -dx * s + dy * c + focus_cy - 0.5;
      double value = background;
      if (lx >= 0 && ly >= 0 && lx < label.width - 1 && ly < label.height - 1) {
        const int ix = static_cast<int>(lx), iy = static_cast<int>(ly);
        const double fx = lx - ix, fy = ly - iy;
        value = (label.at(ix, iy) * (1 - fx) + label.at(ix + 1, iy) * fx) * (1 - fy) +
                (label.at(ix, iy + 1) * (1 - fx) + label.at(ix + 1, iy + 1) * fx) * fy;
      }
      const double light = 1 + light_x * (x - kWidth / 2.0) / kWidth + light_y * (y - kHeight / 2.0) / kHeight;
      sharp[static_cast<std::size_t>(y) * kWidth + x] = value * light;
    }
  }
  // Slight blur: a separable Gaussian, sigma 0.5-1.0 px (a phone focused on the label).
  const double sigma = uniform(0.5, 1.0);
  double kernel[5], sum = 0;
  for (int i = -2; i <= 2; ++i) sum += kernel[i + 2] = std::exp(-i * i / (2 * sigma * sigma));
  for (double& k : kernel) k /= sum;
  std::vector<double> blurred(sharp.size());
  for (int pass = 0; pass < 2; ++pass) {
    const std::vector<double>& from = pass == 0 ? sharp : blurred;
    std::vector<double>& to = pass == 0 ? blurred : sharp;
    for (int y = 0; y < kHeight; ++y) {
      for (int x = 0; x < kWidth; ++x) {
        double v = 0;
        for (int i = -2; i <= 2; ++i) {
          const int xx = pass == 0 ? std::clamp(x + i, 0, kWidth - 1) : x;
          const int yy = pass == 1 ? std::clamp(y + i, 0, kHeight - 1) : y;
          v += kernel[i + 2] * from[static_cast<std::size_t>(yy) * kWidth + xx];
        }
        to[static_cast<std::size_t>(y) * kWidth + x] = v;
      }
    }
  }
  // Sensor noise, then 8 bits.
  std::normal_distribution<double> noise(0, uniform(2, 6));
  std::vector<std::uint8_t> pixels(sharp.size());
  for (std::size_t i = 0; i < sharp.size(); ++i) {
    pixels[i] = static_cast<std::uint8_t>(std::clamp(sharp[i] + noise(rng), 0.0, 255.0));
  }
  photo.jpeg = encode_jpeg(LumaImage{kWidth, kHeight, std::move(pixels)});
  return photo;
}

PhotoOptions benchmark_options(unsigned seed) {
  PhotoOptions options;
  const unsigned kind = (seed / 2) % 4;
  options.matrix = kind == 0 || kind == 2;
  options.close_up = kind >= 2;
  return options;
}

std::string encode_jpeg(const LumaImage& image) {
  std::string jpeg;
  auto append = [](void* context, void* bytes, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
  };
  if (!stbi_write_jpg_to_func(append, &jpeg, image.width, image.height, 1, image.pixels.data(), 85)) {
    throw std::runtime_error("JPEG encoding failed");
  }
  return jpeg;
}

}  // namespace cj::bench
