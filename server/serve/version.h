// The program's version, set by CMake from the project version.
#pragma once

namespace cj {
inline constexpr const char* kVersion = CELLJOURNEY_VERSION;
inline constexpr const char* kApiVersion = "v1";
}  // namespace cj
