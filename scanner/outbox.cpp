#include "scanner/outbox.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

namespace cj::scanner {

namespace json = boost::json;

namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
  throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

void fsync_directory(const std::filesystem::path& file) {
  auto dir = file.parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("cannot open the outbox directory", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) fail("cannot fsync the outbox directory", dir);
}

std::string read_all(int fd, const std::filesystem::path& path) {
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot read the outbox", path);
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

}  // namespace

Outbox::Outbox(std::filesystem::path path) : path_(std::move(path)) {
  const bool existed = std::filesystem::exists(path_);
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) fail("cannot open the outbox", path_);
  if (!existed) {
    if (::fsync(fd_) != 0) fail("cannot fsync the outbox", path_);
    fsync_directory(path_);
  }
  std::string text = read_all(fd_, path_);
  const auto complete = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  if (complete < text.size()) {
    // A crash in the middle of a write: the record was never reported as saved. Cut it off so
    // that the next record starts on a line of its own.
    spdlog::warn("outbox {}: dropping a torn last line of {} bytes (a write cut short by a crash)", path_.string(),
                 text.size() - complete);
    ++dropped_lines_;
    if (::ftruncate(fd_, static_cast<off_t>(complete)) != 0 || ::fsync(fd_) != 0)
      fail("cannot repair the outbox", path_);
    text.resize(complete);
  }
  load(text);
}

Outbox::~Outbox() {
  if (fd_ >= 0) ::close(fd_);
}

void Outbox::load(const std::string& text) {
  std::size_t start = 0;
  std::size_t line_number = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (line.empty()) continue;
    boost::system::error_code ec;
    const json::value value = json::parse(line, ec);
    const json::object* record = ec ? nullptr : value.if_object();
    const json::string* kind = record && record->contains("record") ? record->at("record").if_string() : nullptr;
    if (!kind) {
      spdlog::error("outbox {}: line {} is not a record; skipped", path_.string(), line_number);
      ++dropped_lines_;
      continue;
    }
    try {
      read_record(*record, std::string_view(*kind));
    } catch (const std::exception& e) {  // a field missing or of the wrong type
      spdlog::error("outbox {}: line {} is not a valid {} record ({}); skipped", path_.string(), line_number,
                    std::string(*kind), e.what());
      ++dropped_lines_;
    }
  }
}

void Outbox::read_record(const json::object& record, std::string_view kind) {
  if (kind == "scan") {
    OutboxEntry entry;
    entry.seq = record.at("seq").to_number<std::uint64_t>();
    entry.key = json::value_to<std::string>(record.at("key"));
    entry.summary = json::value_to<std::string>(record.at("summary"));
    entry.event_json = json::serialize(record.at("event"));
    next_seq_ = std::max(next_seq_, entry.seq + 1);
    entries_.push_back(std::move(entry));
  } else if (kind == "answer") {
    const auto key = json::value_to<std::string>(record.at("key"));
    const int status = static_cast<int>(record.at("status").to_number<std::int64_t>());
    const auto body = json::value_to<std::string>(record.at("body"));
    for (auto& entry : entries_) {
      if (entry.key != key) continue;
      entry.answered = true;
      entry.status = status;
      entry.answer = body;
    }
  }
}

void Outbox::write_line(const std::string& line) {
  // One write() per record, O_APPEND: a crash leaves at most this one line torn.
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write the outbox", path_);
    written += static_cast<std::size_t>(n);
  }
  if (::fdatasync(fd_) != 0) fail("cannot fsync the outbox", path_);
}

OutboxEntry Outbox::append(const std::string& key, const std::string& summary, const std::string& event_json) {
  std::lock_guard lock(mutex_);
  OutboxEntry entry{next_seq_, key, summary, event_json, false, 0, {}};
  json::object record{
      {"record", "scan"}, {"seq", entry.seq}, {"key", key}, {"summary", summary}, {"event", json::parse(event_json)}};
  write_line(json::serialize(record) + "\n");
  ++next_seq_;
  entries_.push_back(entry);
  return entry;
}

void Outbox::record_answer(const std::string& key, int status, const std::string& body) {
  std::lock_guard lock(mutex_);
  json::object record{{"record", "answer"}, {"key", key}, {"status", status}, {"body", body}};
  write_line(json::serialize(record) + "\n");
  for (auto& entry : entries_) {
    if (entry.key != key) continue;
    entry.answered = true;
    entry.status = status;
    entry.answer = body;
  }
}

std::vector<OutboxEntry> Outbox::pending() const {
  std::lock_guard lock(mutex_);
  std::vector<OutboxEntry> result;
  for (const auto& entry : entries_) {
    if (!entry.answered) result.push_back(entry);
  }
  return result;
}

std::vector<OutboxEntry> Outbox::entries() const {
  std::lock_guard lock(mutex_);
  return entries_;
}

}  // namespace cj::scanner
