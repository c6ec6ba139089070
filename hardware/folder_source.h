// A watched folder of photos (PNG or JPEG, e.g. dropped from a phone or a document camera) for
// stations without a scanner: each new photo is decoded and every symbol on it becomes a read.
//
// Only complete files are taken: inotify reports a file when its writer closes it
// (IN_CLOSE_WRITE) or when it is moved in whole (IN_MOVED_TO, as `mv` or a sync tool does);
// a file still being written is never read half-way. Photos already in the folder when the
// source starts are left alone (they were there before this station listened). Undecodable
// files and photos without any symbol are reported as errors naming the file.
//
// Decoding runs through the SymbolReader given (a DecoderProcess in the station, so a photo
// that crashes the decoder costs that photo only). take() decodes the photos that arrived
// since the last call before returning: it never waits for I/O, but it spends the decoder's
// time (median 12-20 ms per photo, see docs/photo-benchmark.md) on each.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "hardware/luma_image.h"
#include "hardware/scan_source.h"

namespace cj::hardware {

class FolderSource final : public ScanSource {
 public:
  // Watches `folder` (which must exist). `expected`: symbols per photo, passed to the reader
  // (0: unknown). Error: a message naming the folder.
  static std::variant<std::unique_ptr<FolderSource>, std::string> open(const std::string& folder, SymbolReader& reader,
                                                                       int expected = 0);
  ~FolderSource() override;
  FolderSource(const FolderSource&) = delete;
  FolderSource& operator=(const FolderSource&) = delete;

  std::string name() const override { return "folder:" + folder_; }
  int fd() const override { return closed_ ? -1 : inotify_; }
  // One read per symbol, source "folder:<file path>", symbology as decoded.
  std::vector<RawRead> take() override;
  std::vector<SourceError> errors() override;
  // The folder was deleted or unmounted.
  bool closed() const override { return closed_; }

 private:
  FolderSource(int inotify, std::string folder, SymbolReader& reader, int expected)
      : inotify_(inotify), folder_(std::move(folder)), reader_(reader), expected_(expected) {}
  void photo(const std::string& path, std::vector<RawRead>& reads);

  int inotify_;
  std::string folder_;
  SymbolReader& reader_;
  int expected_;
  bool closed_ = false;
  std::vector<SourceError> errors_;
};

// Whether `name` ends in .png, .jpg or .jpeg (any case).
bool is_photo_name(const std::string& name);

}  // namespace cj::hardware
