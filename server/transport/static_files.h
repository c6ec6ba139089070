// Serving the browser pages (server/web/**, built into the binary: embedded_files.h).
//
// What a request may get is exactly the embedded list: a path is looked up by equality, never
// joined to a directory, so "..", "%2e%2e", symlinks and the server's own files cannot be
// reached. "/" is index.html.
//
// Caching: every file is sent with "Cache-Control: no-cache" and an ETag (its SHA-256), so the
// browser asks each time and gets 304 Not Modified until a new build changes the file: an
// upgrade shows on the next page load, and nothing stale is run on a ward PC.
//
// The pages hold no data; the data comes from the API behind the login, so these files are
// public (the login page is one of them).
#pragma once

#include <optional>
#include <string_view>

#include "server/api/request.h"
#include "server/api/response.h"

namespace cj::transport {

/// "text/html; charset=utf-8", "text/javascript; charset=utf-8", ... by the path's extension;
/// "application/octet-stream" for one it does not know.
std::string_view content_type_for(std::string_view path);

/// The answer for a GET or HEAD of path (no query), or nullopt when no embedded file has it.
/// Honours If-None-Match (304).
std::optional<api::Response> static_file_response(const api::Request& req, std::string_view path);

}  // namespace cj::transport
