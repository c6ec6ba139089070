#include "hardware/folder_source.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <utility>

#include "hardware/image_file.h"

namespace cj::hardware {

bool is_photo_name(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* suffix : {".png", ".jpg", ".jpeg"}) {
    const std::size_t n = std::strlen(suffix);
    if (lower.size() > n && lower.compare(lower.size() - n, n, suffix) == 0) return true;
  }
  return false;
}

std::variant<std::unique_ptr<FolderSource>, std::string> FolderSource::open(const std::string& folder,
                                                                            SymbolReader& reader, int expected) {
  const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return std::string("inotify: ") + std::strerror(errno);
  if (inotify_add_watch(fd, folder.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR) <
      0) {
    const std::string message = "cannot watch folder " + folder + ": " + std::strerror(errno);
    close(fd);
    return message;
  }
  return std::unique_ptr<FolderSource>(new FolderSource(fd, folder, reader, expected));
}

FolderSource::~FolderSource() { close(inotify_); }

void FolderSource::photo(const std::string& path, std::vector<RawRead>& reads) {
  std::variant<LumaImage, std::string> image = load_image(path);
  if (const auto* error = std::get_if<std::string>(&image)) {
    errors_.push_back({"folder:" + path, *error});
    return;
  }
  const DecodeOutcome outcome = reader_.read(std::get<LumaImage>(image), expected_);
  if (!outcome.error.empty()) errors_.push_back({"folder:" + path, outcome.error});
  if (outcome.error.empty() && outcome.symbols.empty()) errors_.push_back({"folder:" + path, "no barcode found"});
  for (const DecodedSymbol& symbol : outcome.symbols)
    reads.push_back({symbol.text, "folder:" + path, symbol.symbology});
}

std::vector<RawRead> FolderSource::take() {
  std::vector<RawRead> reads;
  std::vector<std::string> photos;
  while (!closed_) {
    alignas(inotify_event) char buffer[8192];
    const ssize_t n = read(inotify_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t offset = 0; offset < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + offset);
      offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT)) {
        errors_.push_back({name(), "the watched folder is gone"});
        closed_ = true;
        break;
      }
      if (event->mask & IN_Q_OVERFLOW) {
        errors_.push_back({name(), "too many files at once: some photos were not seen, drop them again"});
        continue;
      }
      if (event->len == 0 || (event->mask & IN_ISDIR)) continue;
      const std::string file = event->name;
      if (file.empty() || file[0] == '.' || !is_photo_name(file)) continue;  // hidden: a copy in progress
      photos.push_back(folder_ + "/" + file);
    }
  }
  for (const std::string& path : photos) photo(path, reads);
  return reads;
}

std::vector<SourceError> FolderSource::errors() { return std::exchange(errors_, {}); }

}  // namespace cj::hardware
