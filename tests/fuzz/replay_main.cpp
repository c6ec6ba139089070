// main() for a libFuzzer target built without libFuzzer (the ordinary build, any compiler):
// runs LLVMFuzzerTestOneInput once on every file named, or in a folder named, on the command
// line, so that ctest keeps each target and its seed corpus working (tests/CMakeLists.txt).
// The fuzzing itself is scripts/fuzz (clang, libFuzzer, ASan + UBSan).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t inputs = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    if (std::filesystem::is_directory(arg)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(arg)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) run(file), ++inputs;
    } else {
      run(arg), ++inputs;
    }
  }
  if (inputs == 0) {
    std::fprintf(stderr, "no inputs: name files or folders of the corpus\n");
    return 1;
  }
  std::printf("%zu inputs replayed, no failure\n", inputs);
  return 0;
}
