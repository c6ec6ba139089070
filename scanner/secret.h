// SecretText: a badge read or a PIN held in memory only while the person is signed in offline
// (or for one witness signature). libsodium's guarded memory (sodium_malloc: guard pages, mlock
// so it never reaches swap) and wiped (sodium_free zeroes it) when it goes. Never printed, never
// logged, never written to a file: it leaves the station only inside a sealed box (sealing.h).
#pragma once

#include <string>
#include <string_view>

namespace cj::scanner {

class SecretText {
 public:
  SecretText() = default;
  explicit SecretText(std::string_view text);  // throws std::bad_alloc when no guarded memory
  ~SecretText();
  SecretText(SecretText&& other) noexcept;
  SecretText& operator=(SecretText&& other) noexcept;
  SecretText(const SecretText&) = delete;
  SecretText& operator=(const SecretText&) = delete;

  bool empty() const { return size_ == 0; }
  std::string_view view() const { return {data_, size_}; }
  void wipe();  // zeroes and frees it now

 private:
  char* data_ = nullptr;
  std::size_t size_ = 0;
};

// Zeroes the characters of `text` (a copy that came through an ordinary string), then clears it.
void wipe_string(std::string& text);

}  // namespace cj::scanner
