// The outbox: every saved scan set survives a restart; a torn last line never costs an earlier one.
#include "scanner/outbox.h"

#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

namespace cj::scanner {
namespace {

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/cj-outbox-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    path_ = dir_ / "outbox.jsonl";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string file_text() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  void append_raw(const std::string& bytes) const {
    std::ofstream out(path_, std::ios::binary | std::ios::app);
    out << bytes;
  }

  std::filesystem::path dir_;
  std::filesystem::path path_;
};

const std::string kEvent = R"({"journey":"CHA99992600001A","step":"apheresis.label","scans":["&/CHA99992600001A"]})";

TEST_F(OutboxTest, ASavedSetIsThereAfterReopening) {
  {
    Outbox outbox(path_);
    const auto entry = outbox.append("key-1", "apheresis.label CHA99992600001A (1 scans)", kEvent);
    EXPECT_EQ(entry.seq, 1u);
  }
  Outbox reopened(path_);
  const auto pending = reopened.pending();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].key, "key-1");
  EXPECT_EQ(pending[0].event_json, kEvent) << "the body is sent exactly as saved";
}

TEST_F(OutboxTest, AnAnsweredSetIsNoLongerPendingAfterReopening) {
  {
    Outbox outbox(path_);
    outbox.append("key-1", "one", kEvent);
    outbox.append("key-2", "two", kEvent);
    outbox.record_answer("key-1", 422, R"({"decision":"refused"})");
  }
  Outbox reopened(path_);
  ASSERT_EQ(reopened.pending().size(), 1u);
  EXPECT_EQ(reopened.pending()[0].key, "key-2");
  const auto entries = reopened.entries();
  EXPECT_TRUE(entries[0].answered);
  EXPECT_EQ(entries[0].status, 422);
  EXPECT_EQ(entries[0].answer, R"({"decision":"refused"})");
}

TEST_F(OutboxTest, PendingSetsKeepTheirOrderAndSequenceNumbersGoOnAfterReopening) {
  {
    Outbox outbox(path_);
    for (int i = 1; i <= 3; ++i) outbox.append("key-" + std::to_string(i), "s", kEvent);
  }
  Outbox reopened(path_);
  EXPECT_EQ(reopened.append("key-4", "s", kEvent).seq, 4u);
  const auto pending = reopened.pending();
  ASSERT_EQ(pending.size(), 4u);
  for (std::size_t i = 0; i < pending.size(); ++i) EXPECT_EQ(pending[i].key, "key-" + std::to_string(i + 1));
}

TEST_F(OutboxTest, ATornLastLineIsDroppedAndEarlierRecordsAreKept) {
  {
    Outbox outbox(path_);
    outbox.append("key-1", "one", kEvent);
  }
  const std::string before = file_text();
  append_raw(R"({"record":"scan","seq":2,"key":"key-2","summ)");  // the crash cut this write short

  Outbox reopened(path_);
  EXPECT_EQ(reopened.dropped_lines(), 1u);
  ASSERT_EQ(reopened.pending().size(), 1u);
  EXPECT_EQ(reopened.pending()[0].key, "key-1");
  EXPECT_EQ(file_text(), before) << "the torn bytes are cut off, nothing before them";
  reopened.append("key-3", "three", kEvent);
  Outbox again(path_);
  EXPECT_EQ(again.dropped_lines(), 0u) << "the next record starts on a line of its own";
  EXPECT_EQ(again.pending().size(), 2u);
}

TEST_F(OutboxTest, EveryCutOfTheLastRecordKeepsAllEarlierOnes) {
  {
    Outbox outbox(path_);
    outbox.append("key-1", "one", kEvent);
    outbox.append("key-2", "two", kEvent);
  }
  const std::string whole = file_text();
  const std::size_t second = whole.find('\n') + 1;
  for (std::size_t cut = second + 1; cut < whole.size(); cut += 7) {
    std::filesystem::resize_file(path_, 0);
    append_raw(whole.substr(0, cut));
    Outbox reopened(path_);
    ASSERT_EQ(reopened.pending().size(), 1u) << "cut at " << cut;
    EXPECT_EQ(reopened.pending()[0].key, "key-1");
  }
}

TEST_F(OutboxTest, AWholeLineThatIsNoRecordIsSkippedAndTheOthersKept) {
  {
    Outbox outbox(path_);
    outbox.append("key-1", "one", kEvent);
  }
  append_raw("{\"record\":\"scan\",\"seq\":\"two\"}\nnot json\n");
  {
    Outbox outbox(path_);
    outbox.append("key-3", "three", kEvent);
  }
  Outbox reopened(path_);
  EXPECT_EQ(reopened.dropped_lines(), 2u);
  ASSERT_EQ(reopened.pending().size(), 2u);
  EXPECT_EQ(reopened.pending()[1].key, "key-3");
}

TEST_F(OutboxTest, AMissingDirectoryIsAnInfrastructureError) {
  EXPECT_THROW(Outbox(dir_ / "no-such-dir" / "outbox.jsonl"), std::runtime_error);
}

}  // namespace
}  // namespace cj::scanner
