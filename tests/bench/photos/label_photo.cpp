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

LabelPhoto make_label_photo(unsigned seed) {
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
  const int width = std::max(1000, product_x + product_symbol.width * module + 40);
  LumaImage label{width, 630, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * 630, 250)};
  for (int x = 0; x < label.width; ++x) label.at(x, 0) = label.at(x, label.height - 1) = 120;
  for (int y = 0; y < label.height; ++y) label.at(0, y) = label.at(label.width - 1, y) = 120;
  const int matrix_x = label.width - 40 - matrix.width * matrix_module;
  stamp(label, din_symbol, 40, 40, module, bar_height);
  text_marks(label, rng, 40, 40 + bar_height + 14, din_symbol.width * module, 1, 22);
  if (!side_by_side) {
    stamp(label, product_symbol, 40, 330, module, bar_height);
    text_marks(label, rng, 40, 330 + bar_height + 14, product_symbol.width * module, 2, 16);
    text_marks(label, rng, matrix_x, 60, matrix.width * matrix_module, 6, 14);
  } else {
    stamp(label, product_symbol, product_x, 40, module, bar_height);
    text_marks(label, rng, product_x, 40 + bar_height + 14, product_symbol.width * module, 2, 16);
    text_marks(label, rng, 40, 330, 400, 6, 16);
  }
  stamp(label, matrix, matrix_x, 330, matrix_module, matrix_module);

  // The photo: the label turned, scaled and placed so that all of it stays in the frame.
  LabelPhoto photo;
  photo.codes = {din, product, compound};
  photo.angle_degrees = uniform(0, 360);
  const double radians = photo.angle_degrees * std::numbers::pi / 180, c = std::cos(radians), s = std::sin(radians);
  // As close as the whole turned label allows (the phone is held back to get all of it).
  const double fit = std::min(1240 / (std::abs(label.width * c) + std::abs(label.height * s)),
                              920 / (std::abs(label.width * s) + std::abs(label.height * c)));
  const double scale = std::min(uniform(0.72, 0.95), fit);
  photo.module_pixels = module * scale;
  const double half_w = (std::abs(label.width * c) + std::abs(label.height * s)) * scale / 2;
  const double half_h = (std::abs(label.width * s) + std::abs(label.height * c)) * scale / 2;
  constexpr int kWidth = 1280, kHeight = 960;
  const double cx = kWidth / 2.0 + uniform(-1, 1) * std::max(0.0, kWidth / 2.0 - half_w - 10);
  const double cy = kHeight / 2.0 + uniform(-1, 1) * std::max(0.0, kHeight / 2.0 - half_h - 10);
  const double background = uniform(70, 150), light_x = uniform(-0.25, 0.25), light_y = uniform(-0.25, 0.25);
  std::vector<double> sharp(static_cast<std::size_t>(kWidth) * kHeight);
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      // Inverse map: photo pixel -> label pixel, bilinear.
      const double dx = (x - cx) / scale, dy = (y - cy) / scale;
      const double lx = dx * c + dy * s + label.width / 2.0 - 0.5, ly = -dx * s + dy * c + label.height / 2.0 - 0.5;
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
