#include "hardware/simulators/serial_simulator.h"

#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

namespace cj::hardware {

SerialScannerSimulator::SerialScannerSimulator(std::string link_path) : link_path_(std::move(link_path)) { plug_in(); }

SerialScannerSimulator::~SerialScannerSimulator() { unplug(); }

void SerialScannerSimulator::plug_in() {
  if (master_ >= 0) return;
  const int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) {
    const int error = errno;
    if (master >= 0) close(master);
    throw std::system_error(error, std::generic_category(), "serial simulator: pseudo-terminal");
  }
  char name[128];
  if (ptsname_r(master, name, sizeof name) != 0) {
    close(master);
    throw std::system_error(errno, std::generic_category(), "serial simulator: ptsname");
  }
  // A real scanner's line has no echo and no CR/LF translation: set the device side raw now,
  // so that bytes written before the station opens it are not altered either.
  if (const int device = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC); device >= 0) {
    termios tio{};
    if (tcgetattr(device, &tio) == 0) {
      cfmakeraw(&tio);
      tcsetattr(device, TCSANOW, &tio);
    }
    close(device);
  }
  master_ = master;
  device_path_ = name;
  unlink(link_path_.c_str());
  if (symlink(device_path_.c_str(), link_path_.c_str()) != 0) {
    throw std::system_error(errno, std::generic_category(), "serial simulator: link " + link_path_);
  }
}

void SerialScannerSimulator::unplug() {
  if (master_ < 0) return;
  unlink(link_path_.c_str());
  close(master_);
  master_ = -1;
  device_path_.clear();
}

bool SerialScannerSimulator::send(std::string_view bytes) {
  if (master_ < 0) return false;
  while (!bytes.empty()) {
    const ssize_t n = write(master_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace cj::hardware
