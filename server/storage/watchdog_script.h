// The private cluster's watchdog: server/storage/watchdog.sh, built into the binary by
// storage.cmake so that the script is a file a reader can run and check on its own.
#pragma once

namespace cj::storage {

/// The script's text, NUL-terminated (for /bin/sh -c).
const char* watchdog_script();

}  // namespace cj::storage
