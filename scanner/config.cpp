#include "scanner/config.h"

#include <fstream>
#include <set>
#include <sstream>

namespace cj::scanner {

namespace {

std::string trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    auto part = trim(text.substr(start, end - start));
    if (!part.empty()) parts.push_back(std::move(part));
    start = end + 1;
  }
  return parts;
}

bool to_int(const std::string& text, int& out) {
  try {
    std::size_t used = 0;
    out = std::stoi(text, &used);
    return used == text.size();
  } catch (const std::exception&) {
    return false;
  }
}

class Reader {
 public:
  explicit Reader(std::filesystem::path base_dir) : base_dir_(std::move(base_dir)) {}

  void line(int number, std::string_view raw) {
    const auto text = trim(raw);
    if (text.empty() || text[0] == '#') return;
    const auto equals = text.find('=');
    if (equals == std::string::npos) return error(number, "expected 'key = value'");
    const std::string key = trim(std::string_view(text).substr(0, equals));
    const std::string value = trim(std::string_view(text).substr(equals + 1));
    if (value.empty()) return error(number, "'" + key + "' has no value");
    if (key == "input") {
      seen_.insert(key);
      return input(number, value);
    }
    if (key.rfind("needs.", 0) == 0) return needs(number, key.substr(6), value);
    if (!seen_.insert(key).second) return error(number, "'" + key + "' is given twice");
    StationConfig& c = result_.config;
    if (key == "server") {
      if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0) {
        return error(number, "server must start with http:// or https://");
      }
      c.server = value;
    } else if (key == "station") {
      c.station = value;
    } else if (key == "key") {
      c.key = value;
    } else if (key == "key_file") {
      std::ifstream in(base_dir_ / value);
      if (!std::getline(in, c.key) || trim(c.key).empty()) return error(number, "cannot read a key from " + value);
      c.key = trim(c.key);
    } else if (key == "site") {
      c.site = value;
    } else if (key == "room") {
      c.room = value;
    } else if (key == "step") {
      c.step = value == "menu" ? "" : value;
      step_line_ = number;
    } else if (key == "menu") {
      c.menu = split(value, ',');
    } else if (key == "operators") {
      return error(number,
                   "'operators' is gone: people sign in at the station with their badge and PIN; "
                   "remove this line");
    } else if (key == "outbox") {
      c.outbox = base_dir_ / value;
    } else if (key == "ca_file") {
      c.ca_file = base_dir_ / value;
      if (!std::ifstream(c.ca_file)) return error(number, "cannot read the CA file " + c.ca_file.string());
    } else if (key == "timeout") {
      if (!to_int(value, c.timeout_seconds) || c.timeout_seconds < 1) return error(number, "timeout: seconds, >= 1");
    } else if (key == "retry_max") {
      if (!to_int(value, c.retry_max_seconds) || c.retry_max_seconds < 1) {
        return error(number, "retry_max: seconds, >= 1");
      }
    } else {
      error(number, "unknown key '" + key + "'");
    }
  }

  ConfigResult finish() {
    const StationConfig& c = result_.config;
    // A key given with a bad value has its own error at its line; "missing" is for keys not given.
    for (const char* name : {"server", "station", "outbox", "step"}) {
      if (!seen_.count(name)) error(0, std::string("'") + name + "' is missing");
    }
    if (!seen_.count("key") && !seen_.count("key_file")) error(0, "'key' (or 'key_file') is missing");
    if (c.inputs.empty() && !seen_.count("input")) {
      error(0, "no 'input' line: the station would have nothing to read from");
    }
    if (seen_.count("step") && c.step.empty() && c.menu.empty()) {
      error(step_line_, "step = menu needs a 'menu = step, step, ...' line");
    }
    return std::move(result_);
  }

 private:
  void error(int line, std::string message) { result_.errors.push_back({line, std::move(message)}); }

  void input(int number, const std::string& value) {
    const auto words = split(value, ' ');
    InputSpec spec{words[0], words.size() > 1 ? words[1] : "", 9600, false, number};
    const std::set<std::string> kinds{"stdin", "evdev", "serial", "folder", "camera"};
    if (!kinds.count(spec.kind))
      return error(number, "unknown input '" + spec.kind + "' (stdin, evdev, serial, folder, camera)");
    if (spec.kind != "stdin" && spec.path.empty()) return error(number, "input " + spec.kind + " needs a path");
    if (spec.kind == "serial" && words.size() > 2 && (!to_int(words[2], spec.baud) || spec.baud <= 0)) {
      return error(number, "serial baud rate must be a number (9600, 115200)");
    }
    if (spec.kind == "evdev" && words.size() > 2) {
      if (words[2] != "grab") return error(number, "evdev takes only 'grab' after its path");
      spec.grab = true;
    }
    const std::size_t allowed = spec.kind == "stdin" ? 1 : (spec.kind == "serial" || spec.kind == "evdev") ? 3 : 2;
    if (words.size() > allowed) return error(number, "too many words for input " + spec.kind);
    result_.config.inputs.push_back(spec);
  }

  void needs(int number, const std::string& step, const std::string& value) {
    if (step.empty()) return error(number, "needs.<step> names no step");
    std::vector<CodeKind> kinds;
    for (const auto& name : split(value, ',')) {
      CodeKind kind;
      if (!kind_from_name(name, kind)) {
        return error(number, "unknown code kind '" + name + "' (coi, din, product_code, wristband, isbt, identifier)");
      }
      kinds.push_back(kind);
    }
    if (!result_.config.needs.emplace(step, kinds).second) return error(number, "needs." + step + " is given twice");
  }

  std::filesystem::path base_dir_;
  ConfigResult result_;
  std::set<std::string> seen_;
  int step_line_ = 0;
};

}  // namespace

ConfigResult read_config(std::string_view text, const std::filesystem::path& base_dir) {
  Reader reader(base_dir);
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    reader.line(++number, text.substr(start, end - start));
    start = end + 1;
  }
  return reader.finish();
}

ConfigResult load_config(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigResult result;
    result.errors.push_back({0, "cannot read " + path.string()});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return read_config(text.str(), path.parent_path().empty() ? "." : path.parent_path());
}

std::vector<CodeKind> needs_of(const StationConfig& config, const std::string& step) {
  const auto it = config.needs.find(step);
  return it == config.needs.end() ? std::vector<CodeKind>{CodeKind::Coi} : it->second;
}

}  // namespace cj::scanner
