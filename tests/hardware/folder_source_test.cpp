// A watched folder of photos: each complete new photo is decoded (in a worker process, as at
// the station) and each of its symbols is one read; half-written files, old files, broken
// files and photos without symbols are handled as a nurse would expect.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "hardware/folder_source.h"
#include "scanner/decoder_process.h"
#include "scanner/image_decoder.h"
#include "tests/bench/photos/label_photo.h"
#include "tests/hardware/scan_wait.h"

namespace cj::hardware {
namespace {

using testing::wait_for_reads;
namespace fs = std::filesystem;

class FolderSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("cj-folder-" + std::to_string(getpid()));
    folder_ = root_ / "inbox";
    fs::create_directories(folder_);
    fs::create_directories(root_ / "staging");
  }
  void TearDown() override { fs::remove_all(root_); }

  std::unique_ptr<FolderSource> open_source() {
    auto opened = FolderSource::open(folder_.string(), decoder_, 3);
    EXPECT_TRUE(std::holds_alternative<std::unique_ptr<FolderSource>>(opened));
    return std::move(std::get<std::unique_ptr<FolderSource>>(opened));
  }
  static void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  static std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  }

  fs::path root_, folder_;
  scanner::DecoderProcess decoder_{[] { return std::make_unique<scanner::ImageDecoder>(); }};
};

TEST_F(FolderSourceTest, EverySymbolOfANewPhotoIsOneRead) {
  auto source = open_source();
  const bench::LabelPhoto photo = bench::make_label_photo(11);
  write_file(folder_ / "label.jpg", photo.jpeg);
  const std::vector<RawRead> reads = wait_for_reads(*source, 3);
  EXPECT_EQ(sorted(testing::texts(reads)), sorted(photo.codes));
  for (const RawRead& read : reads) {
    EXPECT_EQ(read.source, "folder:" + (folder_ / "label.jpg").string());
    EXPECT_EQ(read.symbology, read.text == photo.codes[2] ? "DataMatrix" : "Code128");
  }
  EXPECT_TRUE(source->errors().empty());
}

TEST_F(FolderSourceTest, PhotoStillBeingWrittenIsTakenOnlyWhenComplete) {
  auto source = open_source();
  const bench::LabelPhoto photo = bench::make_label_photo(12);
  const int fd = ::open((folder_ / "slow.jpg").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  const std::size_t half = photo.jpeg.size() / 2;
  ASSERT_EQ(write(fd, photo.jpeg.data(), half), static_cast<ssize_t>(half));
  EXPECT_TRUE(wait_for_reads(*source, 1, std::chrono::milliseconds(100)).empty());
  EXPECT_TRUE(source->errors().empty());  // not read half-way, so no "broken image" either
  ASSERT_EQ(write(fd, photo.jpeg.data() + half, photo.jpeg.size() - half),
            static_cast<ssize_t>(photo.jpeg.size() - half));
  close(fd);
  EXPECT_EQ(sorted(testing::texts(wait_for_reads(*source, 3))), sorted(photo.codes));
}

TEST_F(FolderSourceTest, PhotoMovedInWholeIsTaken) {
  auto source = open_source();
  const bench::LabelPhoto photo = bench::make_label_photo(13);
  write_file(root_ / "staging" / "moved.JPEG", photo.jpeg);
  fs::rename(root_ / "staging" / "moved.JPEG", folder_ / "moved.JPEG");
  EXPECT_EQ(sorted(testing::texts(wait_for_reads(*source, 3))), sorted(photo.codes));
}

TEST_F(FolderSourceTest, PhotosAlreadyThereAndOtherFilesAreLeftAlone) {
  write_file(folder_ / "old.jpg", bench::make_label_photo(14).jpeg);
  auto source = open_source();
  write_file(folder_ / "notes.txt", "=A99992612345600\n");
  write_file(folder_ / ".partial.jpg", bench::make_label_photo(15).jpeg);
  EXPECT_TRUE(wait_for_reads(*source, 1, std::chrono::milliseconds(100)).empty());
  EXPECT_TRUE(source->errors().empty());
}

TEST_F(FolderSourceTest, BrokenFileAndPhotoWithoutSymbolsAreErrorsNamingTheFile) {
  auto source = open_source();
  write_file(folder_ / "broken.png", "not a PNG at all");
  write_file(folder_ / "blank.jpg", bench::encode_jpeg(LumaImage{640, 480, std::vector<std::uint8_t>(640 * 480, 128)}));
  EXPECT_TRUE(wait_for_reads(*source, 1, std::chrono::milliseconds(150)).empty());
  std::vector<SourceError> errors = source->errors();
  ASSERT_EQ(errors.size(), 2u);
  std::sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) { return a.source < b.source; });
  EXPECT_EQ(errors[0].source, "folder:" + (folder_ / "blank.jpg").string());
  EXPECT_EQ(errors[0].message, "no barcode found");
  EXPECT_EQ(errors[1].source, "folder:" + (folder_ / "broken.png").string());
  EXPECT_NE(errors[1].message.find("not a readable PNG or JPEG"), std::string::npos);
}

TEST_F(FolderSourceTest, DeletedFolderClosesTheSource) {
  auto source = open_source();
  fs::remove_all(folder_);
  wait_for_reads(*source, 1, std::chrono::milliseconds(100));
  EXPECT_TRUE(source->closed());
  EXPECT_EQ(source->fd(), -1);
  ASSERT_FALSE(source->errors().empty());
}

TEST_F(FolderSourceTest, MissingFolderIsAnError) {
  auto opened = FolderSource::open((root_ / "none").string(), decoder_);
  ASSERT_TRUE(std::holds_alternative<std::string>(opened));
  EXPECT_NE(std::get<std::string>(opened).find("none"), std::string::npos);
}

TEST(PhotoNames, PngAndJpegInAnyCase) {
  EXPECT_TRUE(is_photo_name("a.png"));
  EXPECT_TRUE(is_photo_name("IMG_0001.JPG"));
  EXPECT_TRUE(is_photo_name("x.jpeg"));
  EXPECT_FALSE(is_photo_name("x.jpg.txt"));
  EXPECT_FALSE(is_photo_name(".jpg"));
}

}  // namespace
}  // namespace cj::hardware
