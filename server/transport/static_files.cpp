#include "server/transport/static_files.h"

#include <algorithm>

#include "server/transport/embedded_files.h"

namespace cj::transport {

namespace {

constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".json", "application/json"},
    {".txt", "text/plain; charset=utf-8"},
};

// Scripts and styles come only from this server; the feed is a same-origin WebSocket.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const EmbeddedFile* find(std::string_view path) {
  const auto files = embedded_web_files();
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const EmbeddedFile& f, std::string_view p) { return f.path < p; });
  return it != files.end() && it->path == path ? &*it : nullptr;
}

// If-None-Match may list several tags, or be "*".
bool matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  return if_none_match.find(etag) != std::string_view::npos;
}

}  // namespace

std::string_view content_type_for(std::string_view path) {
  for (const auto& [ext, type] : kTypes) {
    if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext) return type;
  }
  return "application/octet-stream";
}

std::optional<api::Response> static_file_response(const api::Request& req, std::string_view path) {
  const EmbeddedFile* file = find(path == "/" ? std::string_view("/index.html") : path);
  if (file == nullptr) return std::nullopt;
  const bool fresh = matches(req.header("If-None-Match"), file->etag);
  api::Response res;
  res.status = fresh ? 304 : 200;
  res.headers = {{"Content-Type", std::string(content_type_for(file->path))},
                 {"Cache-Control", "no-cache"},
                 {"ETag", std::string(file->etag)},
                 {"X-Content-Type-Options", "nosniff"},
                 {"Referrer-Policy", "no-referrer"},
                 {"Content-Security-Policy", std::string(kContentSecurityPolicy)}};
  if (!fresh) res.body = std::string(file->bytes);
  return res;
}

}  // namespace cj::transport
