// One line of configuration per scan source, in the same form as RawRead::source names them:
//   stdin                          keyboard-wedge scanner typing into the station's terminal
//   evdev:/dev/input/event3[?grab] keyboard-wedge scanner read without focus (grab: exclusively)
//   serial:/dev/ttyACM0[?baud=N]   serial scanner (9600 unless given)
//   folder:/srv/station/photos     watched folder of photos
//   camera:/dev/video0             V4L2 camera
// The image sources decode with `reader` (a scanner::DecoderProcess at the station), which
// must outlive them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "hardware/luma_image.h"
#include "hardware/scan_source.h"

namespace cj::hardware {

// The source `uri` names, opened. Error: a message for the person configuring the station
// (an unknown kind, a bad option, or why the device cannot be opened).
std::variant<std::unique_ptr<ScanSource>, std::string> open_scan_source(std::string_view uri, SymbolReader& reader);

}  // namespace cj::hardware
