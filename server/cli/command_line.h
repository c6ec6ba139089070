// Reading a command's options, the same way for every `celljourney` command.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

namespace cj::cli {

/// Adds --help to desc and parses args into vm. Returns nullopt when the command should run;
/// otherwise the exit code to return at once: 0 after printing usage and options for --help,
/// 2 after printing "celljourney <command>: <error>", the usage and the options to stderr.
std::optional<int> parse_command_line(
    std::string_view command, std::string_view usage, const std::vector<std::string>& args,
    boost::program_options::options_description& desc, boost::program_options::variables_map& vm,
    const boost::program_options::positional_options_description* positional = nullptr);

}  // namespace cj::cli
