#include "hardware/camera_source.h"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "hardware/frame_convert.h"

namespace cj::hardware {
namespace {

int xioctl(int fd, unsigned long request, void* argument) {
  int result;
  do result = ioctl(fd, request, argument);
  while (result < 0 && errno == EINTR);
  return result;
}

std::string failure(const std::string& what, const std::string& device) {
  return what + " " + device + ": " + std::strerror(errno);
}

}  // namespace

std::variant<std::unique_ptr<CameraSource>, std::string> CameraSource::open(const std::string& device,
                                                                            SymbolReader& reader,
                                                                            CameraOptions options) {
  const int fd = ::open(device.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return failure("cannot open", device);
  std::unique_ptr<CameraSource> camera(new CameraSource(fd, device, reader, options));
  v4l2_capability caps{};
  if (xioctl(fd, VIDIOC_QUERYCAP, &caps) < 0) return failure("not a V4L2 device:", device);
  const std::uint32_t capabilities = (caps.capabilities & V4L2_CAP_DEVICE_CAPS) ? caps.device_caps : caps.capabilities;
  if (!(capabilities & V4L2_CAP_VIDEO_CAPTURE) || !(capabilities & V4L2_CAP_STREAMING)) {
    return device + " cannot capture video by streaming";
  }
  v4l2_format format{};
  format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  for (const std::uint32_t pixel_format : {V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_GREY}) {
    format.fmt.pix.width = static_cast<std::uint32_t>(options.width);
    format.fmt.pix.height = static_cast<std::uint32_t>(options.height);
    format.fmt.pix.pixelformat = pixel_format;
    format.fmt.pix.field = V4L2_FIELD_NONE;
    if (xioctl(fd, VIDIOC_S_FMT, &format) == 0 && format.fmt.pix.pixelformat == pixel_format) break;
    format.fmt.pix.pixelformat = 0;
  }
  if (format.fmt.pix.pixelformat == 0) return device + " offers neither YUYV nor GREY frames";
  camera->pixel_format_ = format.fmt.pix.pixelformat;
  camera->width_ = static_cast<int>(format.fmt.pix.width);
  camera->height_ = static_cast<int>(format.fmt.pix.height);
  camera->bytes_per_line_ = static_cast<int>(format.fmt.pix.bytesperline);
  if (camera->bytes_per_line_ == 0)
    camera->bytes_per_line_ = camera->width_ * (camera->pixel_format_ == V4L2_PIX_FMT_YUYV ? 2 : 1);

  v4l2_requestbuffers request{};
  request.count = static_cast<std::uint32_t>(options.buffers);
  request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  request.memory = V4L2_MEMORY_MMAP;
  if (xioctl(fd, VIDIOC_REQBUFS, &request) < 0 || request.count < 2) return failure("no capture buffers on", device);
  for (std::uint32_t i = 0; i < request.count; ++i) {
    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    buffer.index = i;
    if (xioctl(fd, VIDIOC_QUERYBUF, &buffer) < 0) return failure("cannot query a buffer of", device);
    void* start = mmap(nullptr, buffer.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, buffer.m.offset);
    if (start == MAP_FAILED) return failure("cannot map a buffer of", device);
    camera->buffers_.push_back({start, buffer.length});
    if (xioctl(fd, VIDIOC_QBUF, &buffer) < 0) return failure("cannot queue a buffer of", device);
  }
  v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  if (xioctl(fd, VIDIOC_STREAMON, &type) < 0) return failure("cannot start streaming on", device);
  return camera;
}

CameraSource::~CameraSource() {
  if (!buffers_.empty()) {
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    xioctl(fd_, VIDIOC_STREAMOFF, &type);
  }
  for (const Buffer& buffer : buffers_) munmap(buffer.start, buffer.length);
  close(fd_);
}

void CameraSource::decode(const LumaImage& frame, std::vector<RawRead>& reads) {
  const auto now = std::chrono::steady_clock::now();
  const DecodeOutcome outcome = reader_.read(frame, options_.expected);
  if (!outcome.error.empty()) errors_.push_back({name(), outcome.error});
  for (const DecodedSymbol& symbol : outcome.symbols) {
    auto [seen, fresh] = last_seen_.try_emplace(symbol.text, now);
    if (fresh || now - seen->second > options_.forget_after) reads.push_back({symbol.text, name(), symbol.symbology});
    seen->second = now;
  }
  std::erase_if(last_seen_, [&](const auto& entry) { return now - entry.second > 10 * options_.forget_after; });
}

std::vector<RawRead> CameraSource::take() {
  std::vector<RawRead> reads;
  if (closed_) return reads;
  // Drain every ready frame, keep only the newest: older ones are stale by now.
  std::optional<LumaImage> newest;
  for (;;) {
    v4l2_buffer buffer{};
    buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buffer.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd_, VIDIOC_DQBUF, &buffer) < 0) {
      if (errno == ENODEV || errno == EIO) {
        errors_.push_back({name(), std::string("camera gone: ") + std::strerror(errno)});
        closed_ = true;
      }
      break;
    }
    const auto* data = static_cast<const std::uint8_t*>(buffers_[buffer.index].start);
    newest = pixel_format_ == V4L2_PIX_FMT_YUYV
                 ? yuyv_to_luma(data, buffer.bytesused, width_, height_, bytes_per_line_)
                 : grey_to_luma(data, buffer.bytesused, width_, height_, bytes_per_line_);
    xioctl(fd_, VIDIOC_QBUF, &buffer);
  }
  const auto now = std::chrono::steady_clock::now();
  if (newest && now - last_decode_ >= std::chrono::milliseconds(1000 / std::max(1, options_.max_decodes_per_second))) {
    last_decode_ = now;
    decode(*newest, reads);
  }
  return reads;
}

std::vector<SourceError> CameraSource::errors() { return std::exchange(errors_, {}); }

}  // namespace cj::hardware
