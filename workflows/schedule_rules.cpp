#include "workflows/schedule_rules.h"

#include "workflows/embedded_definitions.h"
#include "workflows/yaml_reader.h"

namespace cj::workflows {
namespace {

struct KindInfo {
  PlanKind kind;
  std::string_view name, step;
  bool due_at_end;
};
constexpr std::array<KindInfo, 5> kKinds{{
    {PlanKind::Apheresis, "apheresis", "apheresis.collect", true},
    {PlanKind::Manufacturing, "manufacturing", "manufacturing.release", true},
    {PlanKind::Shipment, "shipment", "product.ship", false},
    {PlanKind::Lymphodepletion, "lymphodepletion", "lymphodepletion.end", true},
    {PlanKind::Infusion, "infusion", "infusion.start", false},
}};

const KindInfo& info(PlanKind kind) {
  for (const KindInfo& k : kKinds)
    if (k.kind == kind) return k;
  return kKinds[0];
}

// One bound of a lead time: written in the file (then it needs a source), site-set (the site's
// value, or unset), or by region ({EU: 2 d, US: site_set}).
class BoundReader {
 public:
  BoundReader(YamlReader& reader, const SiteConfig* site) : reader_(reader), site_(site) {}

  std::optional<Duration> read(const YAML::Node& map, const std::string& attribute, LeadTime& lead, bool& literal) {
    YAML::Node node = map[attribute];
    if (!node) return std::nullopt;
    const std::string key = lead.rule + "." + attribute;
    if (node.IsMap()) {
      if (site_ == nullptr) {  // no site: no region, so the bound is not known
        lead.unset.push_back(attribute);
        return std::nullopt;
      }
      node = node[site_->region];
      if (!node) {
        reader_.problem(map[attribute], "`" + key + "` has no value for region '" + site_->region + "'");
        return std::nullopt;
      }
    }
    if (!node.IsScalar()) {
      reader_.problem(node, "`" + key + "` must be a duration, `site_set`, or a mapping by region");
      return std::nullopt;
    }
    std::string text = node.Scalar();
    if (text == "site_set") {
      const SiteValue* value = nullptr;
      if (site_ != nullptr) {
        if (const auto found = site_->values.find(key); found != site_->values.end()) value = &found->second;
      }
      if (value == nullptr) {
        lead.unset.push_back(attribute);
        return std::nullopt;
      }
      text = value->text;
      lead.source = value->source;  // the site's value, the site's source
    } else {
      literal = true;
    }
    if (const auto duration = parse_duration(text)) return duration;
    reader_.problem(node, "`" + key + "` must be a duration like \"17 d\" or \"36 h\", not '" + text + "'");
    return std::nullopt;
  }

 private:
  YamlReader& reader_;
  const SiteConfig* site_;
};

LeadTime read_lead_time(const YAML::Node& node, const LeadTimeSpan& span, const std::string& product,
                        YamlReader& reader, const SiteConfig* site) {
  LeadTime lead;
  lead.name = std::string(span.name);
  lead.rule = product + "/" + std::string(span.slug);
  lead.line = YamlReader::line_of(node);
  if (!node.IsMap()) {
    reader.problem(node, "`schedule." + lead.name + "` must be a mapping with min, max and source");
    return lead;
  }
  reader.only_keys(node, {"min", "max", "calendar_days", "source", "note"});
  const std::string file_source = reader.text(node, "source").value_or("");
  lead.source = file_source;
  bool literal = false;
  BoundReader bounds(reader, site);
  lead.min = bounds.read(node, "min", lead, literal);
  lead.max = bounds.read(node, "max", lead, literal);
  lead.calendar_days = reader.flag(node, "calendar_days").value_or(false);
  if (literal && file_source.empty()) {
    reader.problem(node, "rule `" + lead.rule + "` gives a number without `source` (label section and version)");
  }
  if (lead.min && lead.max && *lead.min > *lead.max) {
    reader.problem(node, "rule `" + lead.rule + "` has min above max");
  }
  return lead;
}

}  // namespace

std::string_view plan_kind_name(PlanKind kind) { return info(kind).name; }
std::string_view plan_kind_step(PlanKind kind) { return info(kind).step; }
bool plan_kind_due_at_end(PlanKind kind) { return info(kind).due_at_end; }

std::optional<PlanKind> parse_plan_kind(std::string_view name) {
  for (const KindInfo& k : kKinds)
    if (k.name == name) return k.kind;
  return std::nullopt;
}

const std::vector<LeadTimeSpan>& lead_time_spans() {
  static const std::vector<LeadTimeSpan> spans{
      {"manufacturing_turnaround", "manufacturing-turnaround", PlanKind::Manufacturing, false, PlanKind::Manufacturing,
       true, "from the start of manufacturing to the expected release"},
      {"apheresis_to_shipment", "apheresis-to-shipment", PlanKind::Apheresis, true, PlanKind::Shipment, false,
       "from the apheresis to the shipment of the product"},
      {"release_to_infusion", "release-to-infusion", PlanKind::Manufacturing, true, PlanKind::Infusion, false,
       "from the expected release to the infusion"},
      {"lymphodepletion_to_infusion", "lymphodepletion-to-infusion", PlanKind::Lymphodepletion, true,
       PlanKind::Infusion, false, "from the end of lymphodepletion to the infusion"},
  };
  return spans;
}

Result<ScheduleRules> read_schedule_rules(const DefinitionText& product, const SiteConfig* site) {
  YamlReader reader{std::string(product.source_name)};
  ScheduleRules rules;
  const auto root = reader.load(product.text);
  if (root) {
    rules.product = reader.text(*root, "product").value_or("");  // its absence: the definition says so
    if (const YAML::Node schedule = (*root)["schedule"]) {
      if (!schedule.IsMap()) {
        reader.problem(schedule, "`schedule` must be a mapping of lead times");
      } else {
        for (const auto& entry : schedule) {
          const std::string key = entry.first.Scalar();
          bool known = key == "note";
          for (const LeadTimeSpan& span : lead_time_spans()) known = known || span.name == key;
          if (!known) reader.problem(entry.first, "unknown lead time `schedule." + key + "`");
        }
        for (const LeadTimeSpan& span : lead_time_spans()) {
          if (const YAML::Node node = schedule[std::string(span.name)]) {
            rules.lead_times.push_back(read_lead_time(node, span, rules.product, reader, site));
          }
        }
      }
    }
  }
  if (!reader.problems().empty()) return std::move(reader.problems());
  return rules;
}

Result<ScheduleRules> embedded_schedule_rules(std::string_view product, const SiteConfig* site) {
  const std::string file = "products/" + std::string(product) + ".yaml";
  const auto text = find_embedded_definition(file);
  if (!text) return Problem{"", 0, "no product '" + std::string(product) + "'"};
  return read_schedule_rules({*text, file}, site);
}

}  // namespace cj::workflows
