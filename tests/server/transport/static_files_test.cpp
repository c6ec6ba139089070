// The browser pages (server/web/**) as `celljourney serve` sends them: built into the binary,
// with their content types, revalidated by ETag, and nothing outside the embedded list.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "server/transport/static_files.h"
#include "tests/support/api_suite.h"
#include "tests/support/http_client.h"

namespace cj::testing {
namespace {

/// A raw HTTP answer split into status, headers (names lower-cased) and body.
struct RawAnswer {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
};

RawAnswer parse_answer(const std::string& text) {
  RawAnswer a;
  const auto head_end = text.find("\r\n\r\n");
  std::istringstream head(text.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  if (line.size() > 12) a.status = std::stoi(line.substr(9, 3));
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    a.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
  }
  if (head_end != std::string::npos) a.body = text.substr(head_end + 4);
  return a;
}

RawAnswer exchange(unsigned short port, const std::string& method, const std::string& target,
                   const std::string& extra_headers = {}) {
  return parse_answer(raw_exchange(
      port, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "Connection: close\r\n\r\n"));
}

std::string source_file(const std::string& relative) {
  std::ifstream in(std::string(CELLJOURNEY_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class StaticFilesTest : public ApiSuite {};

TEST_F(StaticFilesTest, TheRootIsTheBoardPageAsHtmlThatTheBrowserMustRevalidate) {
  const auto page = exchange(port(), "GET", "/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.headers.at("cache-control"), "no-cache");
  EXPECT_EQ(page.body, source_file("server/web/index.html"));
  EXPECT_EQ(page.headers.at("etag").front(), '"');
  EXPECT_EQ(page.headers.at("x-content-type-options"), "nosniff");
  EXPECT_NE(page.headers.at("content-security-policy").find("default-src 'self'"), std::string::npos);
}

TEST_F(StaticFilesTest, EveryFileUnderServerWebIsServedByteForByteWithItsType) {
  const std::filesystem::path web = std::filesystem::path(CELLJOURNEY_SOURCE_DIR) / "server/web";
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(web)) {
    if (!entry.is_regular_file()) continue;
    // "/js/board.js" (built by appending: g++ 12 warns falsely on "/" + std::string&&).
    std::string path = "/";
    path += std::filesystem::relative(entry.path(), web).generic_string();
    const auto answer = exchange(port(), "GET", path);
    ASSERT_EQ(answer.status, 200) << path;
    EXPECT_EQ(answer.body, source_file("server/web" + path)) << path;
    EXPECT_EQ(answer.headers.at("content-type"), transport::content_type_for(path)) << path;
    ++files;
  }
  EXPECT_GT(files, 5);
}

TEST_F(StaticFilesTest, JavaScriptModulesAndStylesHaveTheTypesBrowsersRequire) {
  EXPECT_EQ(exchange(port(), "GET", "/js/board.js").headers.at("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(exchange(port(), "GET", "/app.css").headers.at("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(transport::content_type_for("/x.svg"), "image/svg+xml");
  EXPECT_EQ(transport::content_type_for("/README"), "application/octet-stream");
}

TEST_F(StaticFilesTest, AnUnchangedFileIsAnswered304WithoutABody) {
  const auto first = exchange(port(), "GET", "/js/board.js");
  const auto again = exchange(port(), "GET", "/js/board.js", "If-None-Match: " + first.headers.at("etag") + "\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.headers.at("etag"), first.headers.at("etag"));
  const auto stale = exchange(port(), "GET", "/js/board.js", "If-None-Match: \"an older build\"\r\n");
  EXPECT_EQ(stale.status, 200);
}

TEST_F(StaticFilesTest, HeadGivesTheLengthWithoutTheBody) {
  const auto head = exchange(port(), "HEAD", "/login.html");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers.at("content-length"), std::to_string(source_file("server/web/login.html").size()));
  EXPECT_TRUE(head.body.empty());
}

TEST_F(StaticFilesTest, PathsOutsideTheEmbeddedPagesAreNotFound) {
  for (const std::string target : {"/../server/main.cpp", "/js/../../CMakeLists.txt", "/%2e%2e/%2e%2e/etc/passwd",
                                   "/js/", "/web/index.html", "/index.html/", "/INDEX.HTML"}) {
    const auto answer = exchange(port(), "GET", target);
    EXPECT_TRUE(answer.status == 404 || answer.status == 400) << target << " gave " << answer.status;
    EXPECT_EQ(answer.body.find("<html"), std::string::npos) << target;
  }
}

TEST_F(StaticFilesTest, OnlyGetAndHeadReachAPage) {
  EXPECT_EQ(exchange(port(), "POST", "/index.html").status, 405);
  EXPECT_EQ(exchange(port(), "DELETE", "/js/api.js").status, 405);
}

}  // namespace
}  // namespace cj::testing
