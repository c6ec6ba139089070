// celljourney-label: render label templates from JSON data.
//   celljourney-label templates
//   celljourney-label render --template NAME --data FILE.json --format png|pdf|svg|zpl [--dpi N]
//                            [--zpl-code128 automatic|explicit] -o OUT
//   celljourney-label print --printer tcp://HOST[:PORT]|cups://QUEUE|file:///PATH --template NAME --data FILE.json
//                           [--format zpl|...] [--dpi N] [--zpl-code128 automatic|explicit]
//   (--zpl-code128 explicit: for printers whose firmware lacks ^BC's automatic mode, labels/zpl_options.h)
//   celljourney-label simulate-printer [--port N] --dir DIR   (a ZPL printer on 127.0.0.1)
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>

#include "hardware/printer.h"
#include "hardware/simulators/printer_simulator.h"
#include "labels/print_job.h"
#include "labels/render.h"
#include "labels/template.h"

namespace {

using namespace cj::labels;

constexpr char kUsage[] =
    "usage:\n"
    "  celljourney-label templates\n"
    "  celljourney-label render --template NAME --data FILE.json --format png|pdf|svg|zpl [--dpi N]\n"
    "                           [--zpl-code128 automatic|explicit] -o OUT\n"
    "  celljourney-label print --printer tcp://HOST[:PORT]|cups://QUEUE|file:///PATH --template NAME --data FILE.json\n"
    "                          [--format zpl|png|pdf|svg] [--dpi N] [--zpl-code128 automatic|explicit]\n"
    "                          (default zpl at 203 dpi; Code 128 in the printer's automatic mode)\n"
    "  celljourney-label simulate-printer [--port N] --dir DIR   (default port 9100; jobs saved as DIR/job-N.zpl)\n";

int fail(const std::string& message) {
  std::cerr << "celljourney-label: " << message << "\n";
  return 2;
}

int list_templates() {
  for (const Template& t : templates())
    std::cout << t.name << "\tv" << t.version << "\t" << t.stock << "\t" << t.title << "\n";
  return 0;
}

// The label from --template and --data; prints the problem and returns nullopt on failure.
std::optional<Label> load_label(const std::map<std::string, std::string>& options) {
  std::ifstream in(options.at("--data"), std::ios::binary);
  if (!in) {
    fail("cannot read " + options.at("--data"));
    return std::nullopt;
  }
  std::ostringstream json;
  json << in.rdbuf();
  Result<Label> label = build_label(options.at("--template"), json.str());
  if (!label) {
    fail(label.error().message);
    return std::nullopt;
  }
  return std::move(label).value();
}

std::optional<int> dpi_option(const std::map<std::string, std::string>& options, int fallback) {
  if (!options.count("--dpi")) return fallback;
  try {
    std::size_t used = 0;
    const int dpi = std::stoi(options.at("--dpi"), &used);
    if (used == options.at("--dpi").size()) return dpi;
  } catch (const std::exception&) {
  }
  fail("--dpi must be a whole number");
  return std::nullopt;
}

// --zpl-code128: automatic (the default) or explicit; prints the problem and returns nullopt.
std::optional<ZplOptions> zpl_option(const std::map<std::string, std::string>& options) {
  if (!options.count("--zpl-code128")) return ZplOptions{};
  if (std::optional<ZplCode128Mode> mode = zpl_code128_from_name(options.at("--zpl-code128"))) return ZplOptions{*mode};
  fail("--zpl-code128 must be automatic or explicit");
  return std::nullopt;
}

int render_command(const std::map<std::string, std::string>& options) {
  for (const char* required : {"--template", "--data", "--format", "-o"})
    if (!options.count(required)) return fail(std::string("render needs ") + required + "\n" + kUsage);
  const std::optional<Format> format = format_from_name(options.at("--format"));
  if (!format) return fail("--format must be png, pdf, svg or zpl");
  const std::optional<int> dpi = dpi_option(options, kDefaultDpi);
  if (!dpi) return 2;
  const std::optional<ZplOptions> zpl = zpl_option(options);
  if (!zpl) return 2;
  std::optional<Label> label = load_label(options);
  if (!label) return 2;
  Result<std::string> bytes = render(label->layout, *format, *dpi, *zpl);
  if (!bytes) return fail(bytes.error().message);
  std::ofstream out(options.at("-o"), std::ios::binary | std::ios::trunc);
  out << bytes.value();
  out.close();
  if (!out) return fail("cannot write " + options.at("-o"));
  std::cout << label->template_name << " v" << label->template_version << " -> " << options.at("-o") << " ("
            << format_name(*format) << ", " << bytes.value().size() << " bytes)\n";
  return 0;
}

int print_command(const std::map<std::string, std::string>& options) {
  for (const char* required : {"--printer", "--template", "--data"})
    if (!options.count(required)) return fail(std::string("print needs ") + required + "\n" + kUsage);
  const std::optional<Format> format = format_from_name(options.count("--format") ? options.at("--format") : "zpl");
  if (!format) return fail("--format must be png, pdf, svg or zpl");
  const std::optional<int> dpi = dpi_option(options, 203);
  if (!dpi) return 2;
  const std::optional<ZplOptions> zpl = zpl_option(options);
  if (!zpl) return 2;
  auto printer = cj::hardware::make_printer(options.at("--printer"));
  if (auto* bad = std::get_if<cj::hardware::PrintError>(&printer)) return fail(bad->message);
  std::optional<Label> label = load_label(options);
  if (!label) return 2;
  Result<PrintReceipt> receipt = print_label(*label, *std::get<0>(printer), *format, *dpi, *zpl);
  if (!receipt) return fail("print failed, the label was NOT printed: " + receipt.error().message);
  std::cout << receipt.value().template_name << " v" << receipt.value().template_version << " -> "
            << receipt.value().printer << " (" << format_name(receipt.value().format) << ", " << receipt.value().bytes
            << " bytes)\n";
  return 0;
}

volatile std::sig_atomic_t g_stop = 0;

// Runs the printer simulator until SIGINT/SIGTERM, saving each job as it arrives.
int simulate_printer_command(const std::map<std::string, std::string>& options) {
  if (!options.count("--dir")) return fail(std::string("simulate-printer needs --dir\n") + kUsage);
  int port = 9100;
  if (options.count("--port")) {
    try {
      port = std::stoi(options.at("--port"));
    } catch (const std::exception&) {
      port = -1;
    }
    if (port < 0 || port > 65535) return fail("--port must be 0-65535");
  }
  std::signal(SIGINT, [](int) { g_stop = 1; });
  std::signal(SIGTERM, [](int) { g_stop = 1; });
  try {
    cj::hardware::PrinterSimulator simulator(static_cast<std::uint16_t>(port));
    std::cout << "printer simulator on tcp://127.0.0.1:" << simulator.port() << ", jobs in " << options.at("--dir")
              << std::endl;
    std::size_t saved = 0;
    while (!g_stop) {
      const std::vector<std::string> jobs = simulator.jobs();
      for (; saved < jobs.size(); ++saved) {
        const std::string path = options.at("--dir") + "/job-" + std::to_string(saved + 1) + ".zpl";
        std::ofstream(path, std::ios::binary) << jobs[saved];
        std::cout << "job " << saved + 1 << ": " << jobs[saved].size() << " bytes -> " << path << std::endl;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  } catch (const std::system_error& e) {
    return fail(e.what());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return fail(kUsage);
  const std::string_view command = argv[1];
  if (command == "templates" && argc == 2) return list_templates();
  if (command == "render" || command == "print") {
    std::map<std::string, std::string> options;
    for (int i = 2; i < argc; i += 2) {
      const std::string key = argv[i];
      if (key != "--template" && key != "--data" && key != "--format" && key != "--dpi" && key != "--zpl-code128" &&
          key != (command == "render" ? "-o" : "--printer"))
        return fail("unknown option " + key + "\n" + kUsage);
      if (i + 1 >= argc) return fail(key + " needs a value");
      options[key] = argv[i + 1];
    }
    return command == "render" ? render_command(options) : print_command(options);
  }
  if (command == "simulate-printer") {
    std::map<std::string, std::string> options;
    for (int i = 2; i < argc; i += 2) {
      const std::string key = argv[i];
      if (key != "--port" && key != "--dir") return fail("unknown option " + key + "\n" + kUsage);
      if (i + 1 >= argc) return fail(key + " needs a value");
      options[key] = argv[i + 1];
    }
    return simulate_printer_command(options);
  }
  return fail(kUsage);
}
