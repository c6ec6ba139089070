// SerialScannerSimulator: a serial barcode scanner in software, on a pseudo-terminal pair. The
// station opens device_path() as it would open /dev/ttyACM0; the simulator writes frames into
// the other end as a scanner does, whole, in pieces, or several in one write. unplug() and
// plug_in() imitate a USB scanner pulled out and put back: the stable link_path() (like
// udev's /dev/serial/by-id/...) then points at a new pseudo-terminal.
#pragma once

#include <string>
#include <string_view>

namespace cj::hardware {

class SerialScannerSimulator {
 public:
  // `link_path`: where to keep the stable symbolic link to the current device (replaced if it
  // exists). Throws std::system_error when no pseudo-terminal can be made.
  explicit SerialScannerSimulator(std::string link_path);
  ~SerialScannerSimulator();
  SerialScannerSimulator(const SerialScannerSimulator&) = delete;
  SerialScannerSimulator& operator=(const SerialScannerSimulator&) = delete;

  const std::string& link_path() const { return link_path_; }
  // The current pseudo-terminal (/dev/pts/N); empty while unplugged.
  const std::string& device_path() const { return device_path_; }

  // Sends `bytes` exactly as given in one write. False while unplugged or on a write error.
  bool send(std::string_view bytes);
  // One scan as a scanner frames it: the code and the terminator.
  bool scan(std::string_view code, std::string_view terminator = "\r\n") {
    return send(std::string(code) + std::string(terminator));
  }

  // The scanner is pulled out: the pseudo-terminal is closed and the link removed.
  void unplug();
  // Put back: a new pseudo-terminal, the link pointing at it.
  void plug_in();

 private:
  std::string link_path_;
  std::string device_path_;
  int master_ = -1;
};

}  // namespace cj::hardware
