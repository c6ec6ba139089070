// Test support for the label decoder tests: running the independent tools (pdftoppm, rsvg-convert,
// node with zpl-renderer-js, zbarimg, dmtxread) as processes, two at a time (the machine's cores),
// and reading zbarimg's XML.
#pragma once

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace cj::labels::testing {

struct Command {
  std::string line;              // a shell command line; paths are our own temp files (no spaces)
  std::filesystem::path output;  // its standard output goes here (standard error: output + ".err")
  int status = -1;               // exit status once run
};

// Runs every command, `workers` at a time.
inline void run_all(std::vector<Command>& commands, int workers = 2) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < commands.size(); i = next++) {
      Command& c = commands[i];
      const std::string line = c.line + " >" + c.output.string() + " 2>" + c.output.string() + ".err";
      const int raw = std::system(line.c_str());
      c.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128;
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < workers; ++i) threads.emplace_back(work);
  for (std::thread& t : threads) t.join();
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct ZbarSymbol {
  std::string type;  // "CODE-128", "QR-Code"
  std::string data;
};

// The symbols of `zbarimg --xml` output: <symbol type='...' ...><data><![CDATA[...]]></data>.
inline std::vector<ZbarSymbol> parse_zbar_symbols(const std::string& xml) {
  std::vector<ZbarSymbol> symbols;
  for (std::size_t at = xml.find("<symbol type='"); at != std::string::npos; at = xml.find("<symbol type='", at + 1)) {
    const std::size_t type_start = at + 14, type_end = xml.find('\'', type_start);
    const std::size_t data_start = xml.find("<![CDATA[", at), data_end = xml.find("]]></data>", at);
    if (type_end == std::string::npos || data_start == std::string::npos || data_end == std::string::npos) break;
    symbols.push_back(
        {xml.substr(type_start, type_end - type_start), xml.substr(data_start + 9, data_end - data_start - 9)});
  }
  return symbols;
}

// zbarimg --xml over several files: each <source href='FILE'> with its symbols.
inline std::map<std::string, std::vector<ZbarSymbol>> parse_zbar_xml(const std::string& xml) {
  std::map<std::string, std::vector<ZbarSymbol>> sources;
  constexpr std::string_view kSource = "<source href='";
  for (std::size_t at = xml.find(kSource); at != std::string::npos;) {
    const std::size_t href = at + kSource.size(), href_end = xml.find('\'', href);
    if (href_end == std::string::npos) break;
    const std::size_t next = xml.find(kSource, href_end);
    sources[xml.substr(href, href_end - href)] = parse_zbar_symbols(xml.substr(href_end, next - href_end));
    at = next;
  }
  return sources;
}

}  // namespace cj::labels::testing
