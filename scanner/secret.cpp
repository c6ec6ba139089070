#include "scanner/secret.h"

#include <sodium.h>

#include <cstring>
#include <new>

namespace cj::scanner {

SecretText::SecretText(std::string_view text) {
  if (sodium_init() < 0) throw std::bad_alloc();
  data_ = static_cast<char*>(sodium_malloc(text.size() + 1));  // mlocked, guarded
  if (!data_) throw std::bad_alloc();
  std::memcpy(data_, text.data(), text.size());
  data_[text.size()] = '\0';
  size_ = text.size();
}

SecretText::~SecretText() { wipe(); }

SecretText::SecretText(SecretText&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

SecretText& SecretText::operator=(SecretText&& other) noexcept {
  if (this != &other) {
    wipe();
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

void SecretText::wipe() {
  if (data_) sodium_free(data_);  // zeroes the memory before unlocking and freeing it
  data_ = nullptr;
  size_ = 0;
}

void wipe_string(std::string& text) {
  if (!text.empty()) sodium_memzero(text.data(), text.size());
  text.clear();
}

}  // namespace cj::scanner
