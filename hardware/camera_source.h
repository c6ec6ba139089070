// A camera as a scanner, through V4L2 (a UVC webcam or document camera at /dev/videoN):
// memory-mapped streaming, YUYV or GREY frames turned to luminance (frame_convert.h) and
// decoded. A label held under the camera stays in view for many frames: a symbol is reported
// when it first appears and again only after it has been out of view for `forget_after`.
// Frames arriving while the previous one is decoded are dropped (the camera never waits on
// the decoder), and at most `max_decodes_per_second` frames are decoded.
//
// Not tested against a real camera: none exists on the build machine. The frame conversion is
// unit-tested, and opening a missing device returns its error (tests/hardware/camera_test.cpp).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "hardware/luma_image.h"
#include "hardware/scan_source.h"

namespace cj::hardware {

struct CameraOptions {
  int width = 1280, height = 960;  // asked for; the driver may pick the nearest it has
  int buffers = 4;
  int max_decodes_per_second = 5;
  std::chrono::milliseconds forget_after{2000};
  int expected = 0;  // symbols per label, for the reader
};

class CameraSource final : public ScanSource {
 public:
  // Opens `device`, checks it can capture and stream, sets YUYV (else GREY) and starts
  // streaming. Error: a message naming the device ("cannot open /dev/video0: No such file or
  // directory", "... offers neither YUYV nor GREY").
  static std::variant<std::unique_ptr<CameraSource>, std::string> open(const std::string& device, SymbolReader& reader,
                                                                       CameraOptions options = {});
  ~CameraSource() override;
  CameraSource(const CameraSource&) = delete;
  CameraSource& operator=(const CameraSource&) = delete;

  std::string name() const override { return "camera:" + device_; }
  int fd() const override { return closed_ ? -1 : fd_; }
  std::vector<RawRead> take() override;
  std::vector<SourceError> errors() override;
  // The camera was unplugged (ENODEV).
  bool closed() const override { return closed_; }

 private:
  struct Buffer {
    void* start = nullptr;
    std::size_t length = 0;
  };
  CameraSource(int fd, std::string device, SymbolReader& reader, CameraOptions options)
      : fd_(fd), device_(std::move(device)), reader_(reader), options_(options) {}
  void decode(const LumaImage& frame, std::vector<RawRead>& reads);

  int fd_;
  std::string device_;
  SymbolReader& reader_;
  CameraOptions options_;
  std::vector<Buffer> buffers_;
  unsigned pixel_format_ = 0;
  int width_ = 0, height_ = 0, bytes_per_line_ = 0;
  bool closed_ = false;
  std::chrono::steady_clock::time_point last_decode_{};
  std::map<std::string, std::chrono::steady_clock::time_point> last_seen_;  // symbol text -> when
  std::vector<SourceError> errors_;
};

}  // namespace cj::hardware
