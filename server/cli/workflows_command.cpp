#include "server/cli/workflows_command.h"

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>

#include "workflows/codes.h"
#include "workflows/definition_loader.h"
#include "workflows/embedded_definitions.h"
#include "workflows/json_io.h"
#include "workflows/product_catalog.h"
#include "workflows/simulator.h"

namespace cj::cli {
namespace {

namespace wf = cj::workflows;

constexpr std::string_view kUsage = R"(usage: celljourney workflows COMMAND

commands:
  check [--site FILE] [FILE...]
        validate product definitions (unknown steps, unreachable steps, cycles, missing
        sources, site-set values not given) and print FILE:LINE: problems; with no FILE, every
        product built into this program. A FILE named core.yaml replaces the built-in core.
        exit 0: all valid; 1: problems found
  simulate --product NAME|FILE [--site FILE] --context FILE --events FILE.jsonl [--now TIME]
        run a journey's events through the rules engine: one decision JSON line per event,
        then one line {"deadlines": ..., "time_points": ...} at --now (default: last event)
  products    list the products built into this program
  codes       print the refusal and deviation codes (JSON lines)
  help        this text

See docs/workflows.md (how to write a product definition) and docs/deviations.md (the codes).
)";

std::optional<std::string> read_file(const std::string& path, std::ostream& err) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    err << "celljourney workflows: cannot read " << path << "\n";
    return std::nullopt;
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void print_problems(const wf::Problems& problems, std::ostream& err) {
  for (const wf::Problem& problem : problems) err << problem.to_string() << "\n";
}

struct Options {
  std::map<std::string, std::string> values;  // --name value
  std::vector<std::string> files;
};

std::optional<Options> parse_options(const std::vector<std::string>& args,
                                     std::initializer_list<std::string_view> known, std::ostream& err) {
  Options options;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!arg.starts_with("--")) {
      options.files.push_back(arg);
      continue;
    }
    const std::string name = arg.substr(2);
    if (std::find(known.begin(), known.end(), name) == known.end() || i + 1 >= args.size()) {
      err << "celljourney workflows: unknown option or missing value: " << arg << "\n\n" << kUsage;
      return std::nullopt;
    }
    options.values[name] = args[++i];
  }
  return options;
}

// The site file named by --site, or nullopt (and `failed` set) when it cannot be read or parsed.
std::optional<wf::SiteConfig> load_site(const Options& options, bool& failed, std::ostream& err) {
  const auto path = options.values.find("site");
  if (path == options.values.end()) return std::nullopt;
  const auto text = read_file(path->second, err);
  if (!text) return failed = true, std::nullopt;
  auto site = wf::parse_site_config(*text, path->second);
  if (!site.ok()) return print_problems(site.error(), err), failed = true, std::nullopt;
  return std::move(site).value();
}

int run_check(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto options = parse_options(args, {"site"}, err);
  if (!options) return 2;
  bool failed = false;
  const auto site = load_site(*options, failed, err);
  if (failed) return 1;
  const wf::SiteConfig* site_pointer = site ? &*site : nullptr;

  std::string core_text(*wf::find_embedded_definition("core.yaml"));
  std::string core_name = "core.yaml";
  std::vector<std::pair<std::string, std::string>> products;  // name, text
  for (const std::string& path : options->files) {
    const auto text = read_file(path, err);
    if (!text) return 1;
    if (std::filesystem::path(path).filename() == "core.yaml") {
      core_text = *text, core_name = path;
    } else {
      products.emplace_back(path, *text);
    }
  }
  if (options->files.empty()) {
    for (const std::string& name : wf::embedded_product_names()) {
      const std::string file = "products/" + name + ".yaml";
      products.emplace_back(file, std::string(*wf::find_embedded_definition(file)));
    }
  }
  int status = 0;
  if (products.empty()) {
    const auto core = wf::load_core_definition({core_text, core_name}, site_pointer);
    if (!core.ok()) return print_problems(core.error(), err), 1;
    out << core_name << ": ok\n";
  }
  for (const auto& [name, text] : products) {
    const auto definition = wf::load_definition({core_text, core_name}, {text, name}, site_pointer);
    if (definition.ok()) {
      out << name << ": ok (" << definition.value().name << ", " << definition.value().steps.size() << " steps)\n";
    } else {
      print_problems(definition.error(), err);
      status = 1;
    }
  }
  return status;
}

int run_simulate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto options = parse_options(args, {"product", "site", "context", "events", "now"}, err);
  if (!options) return 2;
  for (const char* required : {"product", "context", "events"}) {
    if (!options->values.contains(required)) {
      err << "celljourney workflows simulate: --" << required << " is required\n\n" << kUsage;
      return 2;
    }
  }
  bool failed = false;
  const auto site = load_site(*options, failed, err);
  if (failed) return 1;
  const wf::SiteConfig no_site{};
  const std::string& product = options->values.at("product");
  std::optional<wf::Result<wf::Definition>> definition;
  if (product.ends_with(".yaml")) {
    const auto text = read_file(product, err);
    if (!text) return 1;
    definition.emplace(wf::load_definition({*wf::find_embedded_definition("core.yaml"), "core.yaml"}, {*text, product},
                                           site ? &*site : nullptr));
  } else {
    definition.emplace(wf::load_embedded_product(product, site ? &*site : nullptr));
  }
  if (!definition->ok()) return print_problems(definition->error(), err), 1;

  const auto context_text = read_file(options->values.at("context"), err);
  const auto events_text = read_file(options->values.at("events"), err);
  if (!context_text || !events_text) return 1;
  boost::system::error_code error;
  const boost::json::value context_json = boost::json::parse(*context_text, error);
  if (error) {
    err << options->values.at("context") << ": not JSON: " << error.message() << "\n";
    return 1;
  }
  const auto context = wf::context_from_json(context_json);
  if (!context.ok()) return print_problems(context.error(), err), 1;
  std::optional<wf::TimePoint> now;
  if (const auto given = options->values.find("now"); given != options->values.end()) {
    now = wf::parse_time(given->second);
    if (!now) {
      err << "celljourney workflows simulate: --now must be a time like 2026-11-20T10:00:00Z or "
             "2026-11-20T11:00:00.123+01:00 (RFC 3339)\n";
      return 2;
    }
  }
  const auto output = wf::simulate(definition->value(), site ? *site : no_site, context.value(), *events_text, now);
  if (!output.ok()) {
    for (wf::Problem problem : output.error()) {
      problem.source = options->values.at("events");
      err << problem.to_string() << "\n";
    }
    return 1;
  }
  for (const boost::json::object& decision : output.value().decisions) out << boost::json::serialize(decision) << "\n";
  out << boost::json::serialize(output.value().deadlines) << "\n";
  return 0;
}

int run_codes(std::ostream& out) {
  for (const wf::CodeInfo& info : wf::code_catalogue()) {
    out << boost::json::serialize(
               boost::json::object{{"code", info.name},
                                   {"kind", info.kind == wf::Kind::Refusal ? "refusal" : "deviation"},
                                   {"severity", wf::severity_name(info.severity)},
                                   {"meaning", info.meaning}})
        << "\n";
  }
  return 0;
}

}  // namespace

int run_workflows_command(const std::vector<std::string>& args, std::istream& /*in*/, std::ostream& out,
                          std::ostream& err) {
  if (args.empty()) return err << kUsage, 2;
  const std::string& command = args[0];
  if (command == "help" || command == "--help" || command == "-h") return out << kUsage, 0;
  if (command == "check") return run_check(args, out, err);
  if (command == "simulate") return run_simulate(args, out, err);
  if (command == "products") {
    for (const std::string& name : wf::embedded_product_names()) out << name << "\n";
    return 0;
  }
  if (command == "codes") return run_codes(out);
  err << "celljourney workflows: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}

}  // namespace cj::cli
