#include "scanner/inputs.h"

#include <unistd.h>

#include <stdexcept>
#include <string>
#include <variant>

#include "hardware/camera_source.h"
#include "hardware/evdev_source.h"
#include "hardware/folder_source.h"
#include "hardware/serial_source.h"
#include "hardware/wedge_source.h"
#include "scanner/decoder_process.h"
#include "scanner/image_decoder.h"

namespace cj::scanner {

namespace {

[[noreturn]] void cannot_open(const InputSpec& spec, const std::string& why) {
  throw std::runtime_error("config line " + std::to_string(spec.line) + ": input " + spec.kind + " " + spec.path +
                           ": " + why);
}

template <class Source>
std::unique_ptr<hardware::ScanSource> opened(const InputSpec& spec,
                                             std::variant<std::unique_ptr<Source>, std::string> result) {
  if (auto* error = std::get_if<std::string>(&result)) cannot_open(spec, *error);
  return std::move(std::get<0>(result));
}

// An image source with its own decoder worker process (a crash on one photo or frame costs that
// image only, see decoder_process.h): the source only borrows the reader, this owns both.
class DecodingSource final : public hardware::ScanSource {
 public:
  DecodingSource() : decoder_([] { return std::make_unique<ImageDecoder>(); }) {}
  void attach(std::unique_ptr<hardware::ScanSource> source) { source_ = std::move(source); }
  DecoderProcess& decoder() { return decoder_; }

  std::string name() const override { return source_->name(); }
  int fd() const override { return source_->fd(); }
  std::vector<hardware::RawRead> take() override { return source_->take(); }
  std::vector<hardware::SourceError> errors() override { return source_->errors(); }
  bool closed() const override { return source_->closed(); }

 private:
  DecoderProcess decoder_;
  std::unique_ptr<hardware::ScanSource> source_;  // declared last: destroyed before the decoder
};

}  // namespace

std::vector<std::unique_ptr<hardware::ScanSource>> make_inputs(const StationConfig& config) {
  std::vector<std::unique_ptr<hardware::ScanSource>> inputs;
  for (const InputSpec& spec : config.inputs) {
    if (spec.kind == "stdin") {
      inputs.push_back(std::make_unique<hardware::FdLineSource>(STDIN_FILENO, "stdin"));
    } else if (spec.kind == "evdev") {
      inputs.push_back(opened(spec, hardware::EvdevSource::open(spec.path, spec.grab)));
    } else if (spec.kind == "serial") {
      inputs.push_back(opened(spec, hardware::SerialSource::open(spec.path, spec.baud)));
    } else if (spec.kind == "folder" || spec.kind == "camera") {
      auto source = std::make_unique<DecodingSource>();
      if (spec.kind == "folder") {
        source->attach(opened(spec, hardware::FolderSource::open(spec.path, source->decoder())));
      } else {
        source->attach(opened(spec, hardware::CameraSource::open(spec.path, source->decoder())));
      }
      inputs.push_back(std::move(source));
    } else {
      cannot_open(spec, "unknown input kind");
    }
  }
  return inputs;
}

}  // namespace cj::scanner
