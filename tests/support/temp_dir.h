// TempDir: a directory of a test's own, gone when the test is, even when the program dies first.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string_view>

namespace cj::testing {

/// A new directory under $TMPDIR (or /tmp), mode 0711 so that the cluster's OS user (postgres,
/// when tests run as root) can pass through it; removed with its contents on destruction, or
/// by a watchdog process when this program dies first (after any server in it has stopped).
/// A failure to create it is reported as a test failure (ADD_FAILURE) and path() is empty.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "celljourney-test-");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int watchdog_fd_ = -1;
  pid_t watchdog_pid_ = -1;
};

}  // namespace cj::testing
