#include "server/journal/canonical_json.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <boost/json/serialize.hpp>

namespace cj::journal {
namespace {

namespace json = boost::json;

void append(const json::value& value, std::string& out) {
  switch (value.kind()) {
    case json::kind::object: {
      const json::object& object = value.get_object();
      std::vector<const json::key_value_pair*> members;
      members.reserve(object.size());
      for (const auto& member : object) members.push_back(&member);
      // std::string_view compares as char_traits<char>, i.e. as unsigned bytes.
      std::sort(members.begin(), members.end(),
                [](const auto* a, const auto* b) { return std::string_view(a->key()) < std::string_view(b->key()); });
      out += '{';
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i != 0) out += ',';
        out += json::serialize(json::string_view(members[i]->key()));
        out += ':';
        append(members[i]->value(), out);
      }
      out += '}';
      return;
    }
    case json::kind::array: {
      const json::array& array = value.get_array();
      out += '[';
      for (std::size_t i = 0; i < array.size(); ++i) {
        if (i != 0) out += ',';
        append(array[i], out);
      }
      out += ']';
      return;
    }
    default:
      out += json::serialize(value);  // strings, numbers, bool, null: Boost.JSON's own text
  }
}

bool is_number(const json::value& v) { return v.is_int64() || v.is_uint64() || v.is_double(); }

bool same_number(const json::value& a, const json::value& b) {
  if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
  if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
  if (a.is_int64() && b.is_uint64()) {
    return a.get_int64() >= 0 && static_cast<std::uint64_t>(a.get_int64()) == b.get_uint64();
  }
  if (a.is_uint64() && b.is_int64()) return same_number(b, a);
  const double x = a.to_number<double>();
  const double y = b.to_number<double>();
  return x == y;
}

std::string index_text(std::size_t i) {
  std::string text(1, '[');
  text.append(std::to_string(i));
  text.push_back(']');
  return text;
}

// "key" + ".rest" (or "key[2]..." when rest is an index).
std::string prefixed(const std::string& head, const std::string& rest) {
  std::string path = head;
  if (!rest.empty() && rest.front() != '[') path.push_back('.');
  path.append(rest);
  return path;
}

bool same(const json::value& a, const json::value& b, std::string& where) {
  if (is_number(a) && is_number(b)) return same_number(a, b);
  if (a.kind() != b.kind()) return false;
  if (a.is_object()) {
    const json::object& x = a.get_object();
    const json::object& y = b.get_object();
    for (const auto& member : x) {
      const std::string key(member.key());
      const json::value* other = y.if_contains(member.key());
      if (other == nullptr || !same(member.value(), *other, where)) {
        where = prefixed(key, where);
        return false;
      }
    }
    for (const auto& member : y) {
      if (!x.contains(member.key())) {
        where = std::string(member.key());
        return false;
      }
    }
    return true;
  }
  if (a.is_array()) {
    const json::array& x = a.get_array();
    const json::array& y = b.get_array();
    const std::size_t common = std::min(x.size(), y.size());
    for (std::size_t i = 0; i < common; ++i) {
      if (!same(x[i], y[i], where)) {
        where = prefixed(index_text(i), where);
        return false;
      }
    }
    if (x.size() != y.size()) {
      where = index_text(common);
      return false;
    }
    return true;
  }
  return a == b;  // strings, bool, null
}

}  // namespace

std::string canonical_json(const json::value& value) {
  std::string out;
  append(value, out);
  return out;
}

bool same_json(const json::value& a, const json::value& b, std::string* where) {
  std::string path;
  const bool equal = same(a, b, path);
  if (!equal && where != nullptr) *where = path;
  return equal;
}

bool storable_text(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) return false;
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2, code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3, code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4, code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

bool storable_json(const json::value& value) {
  switch (value.kind()) {
    case json::kind::string:
      return storable_text(value.get_string());
    case json::kind::object:
      for (const auto& member : value.get_object()) {
        if (!storable_text(member.key()) || !storable_json(member.value())) return false;
      }
      return true;
    case json::kind::array:
      for (const auto& element : value.get_array()) {
        if (!storable_json(element)) return false;
      }
      return true;
    default:
      return true;
  }
}

}  // namespace cj::journal
