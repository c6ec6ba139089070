#include "server/transport/connection_limits.h"

namespace cj::transport {

ConnectionSlot ConnectionCounter::admit(const std::string& address) {
  {
    std::lock_guard lock(mutex_);
    auto& mine = by_address_[address];
    if (total_ >= limits_.max_total || mine >= limits_.max_per_address) {
      if (mine == 0) by_address_.erase(address);
      ++refused_;
      return nullptr;
    }
    ++mine;
    ++total_;
  }
  auto* key = new std::string(address);
  return ConnectionSlot(key, [self = shared_from_this()](const void* p) {
    const auto* address = static_cast<const std::string*>(p);
    self->release(*address);
    delete address;
  });
}

void ConnectionCounter::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  --total_;
  auto it = by_address_.find(address);
  if (it != by_address_.end() && --it->second == 0) by_address_.erase(it);
}

std::size_t ConnectionCounter::open() const {
  std::lock_guard lock(mutex_);
  return total_;
}

std::uint64_t ConnectionCounter::refused() const {
  std::lock_guard lock(mutex_);
  return refused_;
}

}  // namespace cj::transport
