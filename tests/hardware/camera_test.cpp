// The V4L2 camera. No camera exists on the build machine: these tests cover the frame
// conversion (YUYV and GREY, padded rows, short frames) and the errors of opening a device
// that is missing or is no camera. Streaming from a real camera is not tested here.
#include <gtest/gtest.h>

#include <variant>

#include "hardware/camera_source.h"
#include "hardware/frame_convert.h"
#include "scanner/image_decoder.h"

namespace cj::hardware {
namespace {

TEST(FrameConvert, YuyvLuminanceIsEveryOtherByte) {
  // 2x2 pixels, rows padded to 6 bytes: Y0 U Y1 V pad pad.
  const std::vector<std::uint8_t> frame = {10, 128, 20, 128, 0, 0, 30, 90, 40, 200, 0, 0};
  const LumaImage image = yuyv_to_luma(frame.data(), frame.size(), 2, 2, 6);
  EXPECT_EQ(image.pixels, (std::vector<std::uint8_t>{10, 20, 30, 40}));
}

TEST(FrameConvert, GreyRowsLoseTheirPadding) {
  const std::vector<std::uint8_t> frame = {1, 2, 3, 99, 4, 5, 6, 99};
  const LumaImage image = grey_to_luma(frame.data(), frame.size(), 3, 2, 4);
  EXPECT_EQ(image.pixels, (std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6}));
}

TEST(FrameConvert, ShortFrameLeavesMissingRowsBlack) {
  const std::vector<std::uint8_t> frame = {7, 0, 8, 0};  // one row of two where two were announced
  const LumaImage image = yuyv_to_luma(frame.data(), frame.size(), 2, 2, 4);
  EXPECT_EQ(image.pixels, (std::vector<std::uint8_t>{7, 8, 0, 0}));
}

TEST(CameraSource, MissingDeviceIsAnErrorNamingIt) {
  scanner::ImageDecoder decoder;
  auto opened = CameraSource::open("/dev/video-none", decoder);
  ASSERT_TRUE(std::holds_alternative<std::string>(opened));
  EXPECT_EQ(std::get<std::string>(opened), "cannot open /dev/video-none: No such file or directory");
}

TEST(CameraSource, DeviceThatIsNoCameraIsAnError) {
  scanner::ImageDecoder decoder;
  auto opened = CameraSource::open("/dev/null", decoder);
  ASSERT_TRUE(std::holds_alternative<std::string>(opened));
  EXPECT_NE(std::get<std::string>(opened).find("not a V4L2 device"), std::string::npos);
}

}  // namespace
}  // namespace cj::hardware
