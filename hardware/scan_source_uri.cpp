#include "hardware/scan_source_uri.h"

#include <unistd.h>

#include <cstdlib>

#include "hardware/camera_source.h"
#include "hardware/evdev_source.h"
#include "hardware/folder_source.h"
#include "hardware/serial_source.h"
#include "hardware/wedge_source.h"

namespace cj::hardware {
namespace {

using Opened = std::variant<std::unique_ptr<ScanSource>, std::string>;

// Moves a concrete source (or its error) into the common result.
template <class Source>
Opened widen(std::variant<std::unique_ptr<Source>, std::string> opened) {
  if (auto* error = std::get_if<std::string>(&opened)) return std::move(*error);
  return std::unique_ptr<ScanSource>(std::move(std::get<std::unique_ptr<Source>>(opened)));
}

}  // namespace

Opened open_scan_source(std::string_view uri, SymbolReader& reader) {
  const std::string text(uri);
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  std::string path = colon == std::string::npos ? std::string() : text.substr(colon + 1);
  std::string option;
  if (const auto question = path.find('?'); question != std::string::npos) {
    option = path.substr(question + 1);
    path.resize(question);
  }
  if (kind == "stdin" && colon == std::string::npos) return std::unique_ptr<ScanSource>(new FdLineSource(STDIN_FILENO));
  if (path.empty()) {
    return "scan source must be stdin, evdev:PATH[?grab], serial:PATH[?baud=N], folder:PATH or camera:PATH, not \"" +
           text + "\"";
  }
  if (kind == "evdev" && (option.empty() || option == "grab")) return widen(EvdevSource::open(path, option == "grab"));
  if (kind == "serial" && (option.empty() || option.starts_with("baud="))) {
    const int baud = option.empty() ? 9600 : std::atoi(option.c_str() + 5);
    return widen(SerialSource::open(path, baud));
  }
  if (kind == "folder" && option.empty()) return widen(FolderSource::open(path, reader));
  if (kind == "camera" && option.empty()) return widen(CameraSource::open(path, reader));
  if (kind == "evdev" || kind == "serial" || kind == "folder" || kind == "camera") {
    return "unknown option \"" + option + "\" for a " + kind + " scan source";
  }
  return "unknown scan source kind \"" + kind + "\" (stdin, evdev, serial, folder, camera)";
}

}  // namespace cj::hardware
