#include "server/cli/command_line.h"

#include <iostream>

namespace cj::cli {

namespace po = boost::program_options;

std::optional<int> parse_command_line(std::string_view command, std::string_view usage,
                                      const std::vector<std::string>& args, po::options_description& desc,
                                      po::variables_map& vm, const po::positional_options_description* positional) {
  desc.add_options()("help,h", "show this help");
  try {
    po::command_line_parser parser(args);
    parser.options(desc);
    if (positional) parser.positional(*positional);
    po::store(parser.run(), vm);
    // Help before notify(): required options must not stand in the way of reading about them.
    if (vm.count("help")) {
      std::cout << usage << desc;
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "celljourney " << command << ": " << e.what() << "\n\n" << usage << desc;
    return 2;
  }
  return std::nullopt;
}

}  // namespace cj::cli
