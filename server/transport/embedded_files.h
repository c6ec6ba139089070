// The browser pages (server/web/**) as built into the binary by server/transport/web_assets.cmake.
#pragma once

#include <span>
#include <string_view>

namespace cj::transport {

struct EmbeddedFile {
  std::string_view path;   // "/board.js": the URL path, from server/web/
  std::string_view etag;   // "\"<first 32 hex digits of SHA-256>\"", quoted as HTTP wants it
  std::string_view bytes;  // the file's exact content
};

/// Every file under server/web, sorted by path.
std::span<const EmbeddedFile> embedded_web_files();

}  // namespace cj::transport
