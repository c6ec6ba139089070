// Printing to the printer simulator on loopback (127.0.0.1, a free port; no other process): a
// job arrives whole; refused, stalled and broken connections come back as errors, and the job
// is then not reported as printed.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "hardware/printer.h"
#include "hardware/simulators/printer_simulator.h"
#include "labels/print_job.h"
#include "labels/template.h"
#include "tests/labels/generated_data.h"

namespace cj::labels {
namespace {

using hardware::PrinterSimulator;
using hardware::PrintFailure;
using namespace std::chrono_literals;

Label example() {
  testing::DataGenerator generator(42);
  return build_label("apheresis-bag", generator.next().json).value();
}

TEST(LabelPrint, ZplJobArrivesWholeAtTheSimulatedPrinter) {
  PrinterSimulator simulator;
  hardware::TcpPrinter printer("127.0.0.1", simulator.port(), 2s);
  const Label label = example();
  Result<PrintReceipt> receipt = print_label(label, printer);
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_EQ(receipt.value().template_name, "apheresis-bag");
  EXPECT_EQ(receipt.value().printer, "tcp://127.0.0.1:" + std::to_string(simulator.port()));
  ASSERT_TRUE(simulator.wait_for_jobs(1, 2s));
  const std::string expected = render(label.layout, Format::Zpl, 203).value();
  EXPECT_EQ(simulator.jobs().front(), expected);
  EXPECT_EQ(receipt.value().bytes, expected.size());
}

TEST(LabelPrint, SeveralJobsArriveInOrder) {
  PrinterSimulator simulator;
  hardware::TcpPrinter printer("127.0.0.1", simulator.port(), 2s);
  for (int i = 0; i < 5; ++i)
    ASSERT_FALSE(printer.print("^XA^FO10,10^A0N,30,30^FDjob " + std::to_string(i) + "^FS^XZ"));
  ASSERT_TRUE(simulator.wait_for_jobs(5, 2s));
  EXPECT_EQ(simulator.jobs()[3], "^XA^FO10,10^A0N,30,30^FDjob 3^FS^XZ");
}

TEST(LabelPrint, RefusedConnectionIsAnError) {
  std::uint16_t closed_port;
  { closed_port = PrinterSimulator().port(); }  // listened once, closed now
  hardware::TcpPrinter printer("127.0.0.1", closed_port, 1s);
  std::optional<hardware::PrintError> error = printer.print("^XA^XZ");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->failure, PrintFailure::Refused);
  Result<PrintReceipt> receipt = print_label(example(), printer);
  ASSERT_FALSE(receipt.ok());
  EXPECT_EQ(receipt.error().field, "printer");
}

TEST(LabelPrint, StalledPrinterTimesOut) {
  PrinterSimulator simulator;
  simulator.set_mode(PrinterSimulator::Mode::Stall);
  hardware::TcpPrinter printer("127.0.0.1", simulator.port(), 200ms);
  const std::string big(16 << 20, 'x');  // more than the socket buffers hold
  std::optional<hardware::PrintError> error = printer.print(big);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->failure, PrintFailure::Timeout);
  EXPECT_LT(error->bytes_sent, big.size());
  EXPECT_TRUE(simulator.jobs().empty());
}

TEST(LabelPrint, PrinterHangingUpMidJobIsAPartialWrite) {
  PrinterSimulator simulator;
  simulator.set_mode(PrinterSimulator::Mode::HangUp, 1000);
  hardware::TcpPrinter printer("127.0.0.1", simulator.port(), 2s);
  const std::string big(16 << 20, 'x');
  std::optional<hardware::PrintError> error = printer.print(big);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->failure, PrintFailure::PartialWrite) << error->message;
  EXPECT_LT(error->bytes_sent, big.size());
  EXPECT_TRUE(simulator.jobs().empty()) << "a cut-off job is not a job";
}

TEST(LabelPrint, FilePrinterWritesTheJob) {
  const std::string path = ::testing::TempDir() + "celljourney_label_" + std::to_string(::getpid()) + ".zpl";
  auto printer = hardware::make_printer("file://" + path);
  ASSERT_EQ(printer.index(), 0u);
  const Label label = example();
  ASSERT_TRUE(print_label(label, *std::get<0>(printer)).ok());
  std::ifstream in(path, std::ios::binary);
  std::ostringstream written;
  written << in.rdbuf();
  EXPECT_EQ(written.str(), render(label.layout, Format::Zpl, 203).value());
  std::remove(path.c_str());
  auto unwritable = hardware::make_printer("file:///nonexistent-dir/x.zpl");
  EXPECT_EQ(std::get<0>(unwritable)->print("^XA^XZ")->failure, PrintFailure::Io);
}

TEST(LabelPrint, PrinterAddresses) {
  auto tcp = hardware::make_printer("tcp://zebra-3.example:9101");
  ASSERT_EQ(tcp.index(), 0u);
  EXPECT_EQ(std::get<0>(tcp)->uri(), "tcp://zebra-3.example:9101");
  EXPECT_EQ(std::get<0>(hardware::make_printer("tcp://10.0.0.7"))->uri(), "tcp://10.0.0.7:9100");
  for (std::string_view bad : {"lpr://x", "tcp://", "tcp://host:0", "tcp://host:99999", "tcp://host:9a", "file://"})
    EXPECT_EQ(std::get<1>(hardware::make_printer(bad)).failure, PrintFailure::BadUri) << bad;
}

}  // namespace
}  // namespace cj::labels
