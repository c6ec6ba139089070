// Outbox: the station's durable record of every completed scan set and of the server's final
// answer to it. An append-only file of JSON lines:
//   {"record":"scan","seq":1,"key":"<idempotency key>","summary":"...","event":{...}}
//   {"record":"answer","key":"<idempotency key>","status":422,"body":"<the server's JSON>"}
// A scan record is written and fsync'ed (and, when the file is new, its directory too) before
// append() returns: only then may the nurse be told "saved". Nothing is ever rewritten; a
// crash can only tear the last line, which open() drops (and logs) without touching earlier
// records. Thread-safe: the screen appends while the sender records answers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace cj::scanner {

struct OutboxEntry {
  std::uint64_t seq = 0;
  std::string key;         // the idempotency key sent with the event
  std::string summary;     // for the screen: "apheresis.collect CHA99992600001A (3 scans)"
  std::string event_json;  // the request body, exactly as sent
  bool answered = false;
  int status = 0;      // the final answer's HTTP status
  std::string answer;  // the final answer's body
};

class Outbox {
 public:
  // Opens `path`, creating it (and fsyncing its directory) when missing, and reads it back.
  // Throws std::runtime_error when the file cannot be opened, read or repaired.
  explicit Outbox(std::filesystem::path path);
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Appends a scan record and makes it durable. Throws std::runtime_error when the write or
  // the fsync fails: then nothing may be reported as saved.
  OutboxEntry append(const std::string& key, const std::string& summary, const std::string& event_json);

  // Records the server's final answer to `key` (durably).
  void record_answer(const std::string& key, int status, const std::string& body);

  // Entries without a final answer, oldest first: what the sender still has to send.
  std::vector<OutboxEntry> pending() const;
  std::vector<OutboxEntry> entries() const;
  // Lines dropped when opening: a torn last line (and any unreadable line, logged).
  std::size_t dropped_lines() const { return dropped_lines_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  void load(const std::string& text);
  // One parsed line into entries_; throws when a field is missing or of the wrong type.
  void read_record(const boost::json::object& record, std::string_view kind);
  void write_line(const std::string& line);

  std::filesystem::path path_;
  int fd_ = -1;
  mutable std::mutex mutex_;
  std::vector<OutboxEntry> entries_;
  std::uint64_t next_seq_ = 1;
  std::size_t dropped_lines_ = 0;
};

}  // namespace cj::scanner
