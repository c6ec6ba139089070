// Test support: a small ZPL II reader, independent of labels/zpl_*.cpp. It reads the frame, the
// label size and every ^FO ... ^FS field, undoes ^FH hex escapes, and decodes ^BC field data
// (start codes, subset switches, invocation codes as the ZPL II Programming Guide's Table 6 "Code
// 128 Invocation Characters" defines them) into the Code 128 values and the text they carry. In
// ^BC's automatic mode (m = A) the field data is the text itself and the printer picks the values.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace cj::labels::testing {

// What ^BC field data encodes: the values (start character first, no check character) and the text.
struct ZplCode128 {
  std::vector<int> values;
  std::string text;
  // Modules of the printed symbol: every value, the check character (11 each) and the stop (13).
  int modules() const { return static_cast<int>(values.size() + 1) * 11 + 13; }
};

// nullopt for data without a start code or with something Table 6 does not define.
inline std::optional<ZplCode128> decode_zpl_code128(const std::string& data) {
  if (data.size() < 2 || data[0] != '>') return std::nullopt;
  ZplCode128 out;
  char subset = 0;
  if (data[1] == '9') subset = 'A', out.values.push_back(103);
  if (data[1] == ':') subset = 'B', out.values.push_back(104);
  if (data[1] == ';') subset = 'C', out.values.push_back(105);
  if (!subset) return std::nullopt;
  for (std::size_t i = 2; i < data.size();) {
    if (data[i] == '>') {
      if (i + 1 >= data.size()) return std::nullopt;
      const char code = data[i + 1];
      i += 2;
      if (code == '5') out.values.push_back(99), subset = 'C';
      else if (code == '6') out.values.push_back(100), subset = 'B';  // FNC 4 in B stays in B
      else if (code == '7') out.values.push_back(101), subset = 'A';
      else if (code == '8') out.values.push_back(102);
      else if (subset == 'C') return std::nullopt;
      else if (code == '0') out.values.push_back(30), out.text += '>';
      else if (code == '<') out.values.push_back(62), out.text += '^';
      else if (code == '=') out.values.push_back(94), out.text += '~';
      else return std::nullopt;
      continue;
    }
    if (subset == 'B') {
      out.values.push_back(data[i] - 32);
      out.text += data[i];
      ++i;
      continue;
    }
    if (i + 1 >= data.size() || data[i] < '0' || data[i] > '9' || data[i + 1] < '0' || data[i + 1] > '9')
      return std::nullopt;  // subsets A and C: pairs of digits
    const int value = (data[i] - '0') * 10 + (data[i + 1] - '0');
    out.values.push_back(value);
    if (subset == 'C') out.text += data.substr(i, 2);
    else out.text += static_cast<char>(value < 64 ? value + 32 : value - 64);
    i += 2;
  }
  return out;
}

// One ^FO ... ^FS field.
struct ZplField {
  int x = 0, y = 0;
  std::string command;                // "BC", "BX", "BQ", "A0", "A@", "GB"
  std::string params;                 // after the command letters, up to the next '^'
  int module = 0;                     // from the last ^BY
  int block = 0;                      // ^FB width in dots, 0 without ^FB
  bool hex = false;                   // ^FH before ^FD
  bool automatic = false;             // ^BC in automatic mode (its sixth parameter m = A)
  std::string raw;                    // ^FD content as written
  std::string data;                   // ^FD content, ^FH escapes undone, ^BC decoded to its text
  std::optional<ZplCode128> code128;  // ^BC fields but automatic ones
};

struct ZplLabel {
  bool framed = false;  // ^XA first, ^XZ last
  std::string charset;  // ^CI
  int width = 0, length = 0;
  std::vector<ZplField> fields;
};

inline std::string unhex(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 2 < text.size()) {
      out += static_cast<char>(std::strtol(text.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

inline ZplLabel parse_zpl(const std::string& zpl) {
  ZplLabel label;
  std::vector<std::string> commands;
  for (std::size_t at = zpl.find('^'); at != std::string::npos;) {
    const std::size_t next = zpl.find('^', at + 1);
    std::string command = zpl.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
    while (!command.empty() && command.back() == '\n') command.pop_back();
    commands.push_back(command);
    at = next;
  }
  label.framed = !commands.empty() && commands.front() == "XA" && commands.back() == "XZ";
  ZplField field;
  int module = 0;
  for (const std::string& c : commands) {
    const std::string name = c.substr(0, 2), rest = c.substr(2);
    if (name == "PW") label.width = std::stoi(rest);
    else if (name == "LL") label.length = std::stoi(rest);
    else if (name == "CI") label.charset = rest;
    else if (name == "BY") module = std::stoi(rest);
    else if (name == "FO") {
      field = ZplField{};
      field.x = std::stoi(rest);
      field.y = std::stoi(rest.substr(rest.find(',') + 1));
    } else if (name == "BC" || name == "BX" || name == "BQ" || name == "A0" || name == "A@" || name == "GB") {
      field.command = name;
      field.params = rest;
      field.module = module;
    } else if (name == "FB") field.block = std::stoi(rest);
    else if (name == "FH") field.hex = true;
    else if (name == "FD") field.raw = rest;
    else if (name == "FS") {
      field.data = field.hex ? unhex(field.raw) : field.raw;
      field.automatic = field.command == "BC" && field.params.ends_with(",A");
      if (field.command == "BC" && !field.automatic) {
        field.code128 = decode_zpl_code128(field.data);
        field.data = field.code128 ? field.code128->text : "(undecodable ^BC data)";
      }
      label.fields.push_back(field);
    }
  }
  return label;
}

}  // namespace cj::labels::testing
