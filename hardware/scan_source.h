// ScanSource: anything that yields scanned text (a keyboard-wedge scanner, a serial scanner, a
// camera, a folder of photos). Poll-friendly: fd() becomes readable when reads may be ready;
// take() never blocks and returns what is ready (possibly nothing).
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace cj::hardware {

struct RawRead {
  std::string text;  // the characters as read, AIM prefix kept if the scanner sent one ("]C0=A9999...")
  std::string
      source;  // "serial:/dev/ttyACM0", "evdev:/dev/input/event3", "folder:/x/img1.jpg", "camera:/dev/video0", "stdin"
  std::string symbology;  // from the image decoder: "Code128", "DataMatrix", "QRCode"; empty for scanners
};

struct SourceError {
  std::string source;
  std::string message;
};  // the source stays usable unless closed()

class ScanSource {
 public:
  virtual ~ScanSource() = default;
  virtual std::string name() const = 0;
  virtual int fd() const = 0;               // for poll(); -1 if the source has none (then poll take() every 100 ms)
  virtual std::vector<RawRead> take() = 0;  // non-blocking
  virtual std::vector<SourceError>
  errors() = 0;                     // problems since the last call (device unplugged, undecodable image...)
  virtual bool closed() const = 0;  // end of input (EOF on stdin, device gone for good)
};

}  // namespace cj::hardware
