#include "reporters/result_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "common/benchmark_json.h"
#include "common/bounded_read.h"
#include "common/error_text.h"
#include "common/result_schema.h"
#include "reporters/result_row_checks.h"

namespace joulebench {
namespace {

using nlohmann::json;
namespace rules = result_rows;

// The file is read as a stream of parse events (nlohmann's SAX interface) straight into rows,
// never as a document tree: a tree of a 10^5-row file is millions of map nodes, and building and
// freeing them took most of the time of `report` on such a file.
//
// Where an object repeats a key, the last value counts (as in a document tree). Errors about
// content are kept until the parse ends and then raised in the order a reader of the tree would
// meet them: a syntax error anywhere first, then what the top level lacks, then the first bad
// row, then the first bad timeline.

// One scalar value as it arrives; `text` is set for strings only.
struct Scalar {
  enum class Kind { null, boolean, number, string, structure } kind;
  bool boolean = false;
  double number = 0.0;
  std::string* text = nullptr;

  static Scalar of(Kind kind) { return Scalar{kind, false, 0.0, nullptr}; }
  static Scalar of(bool b) { return Scalar{Kind::boolean, b, 0.0, nullptr}; }
  static Scalar of(double d) { return Scalar{Kind::number, false, d, nullptr}; }
  static Scalar of(std::string& s) { return Scalar{Kind::string, false, 0.0, &s}; }
  bool is_number() const { return kind == Kind::number; }
};

// A field that must be a number when present: iterations, real_time, cpu_time.
struct NumberField {
  enum class State { absent, number, other } state = State::absent;
  double value = 0.0;

  void set(const Scalar& v) {
    state = v.is_number() ? State::number : State::other;
    value = v.is_number() ? v.number : 0.0;
  }
};

// A row's label fields (row_key) as they arrive.
struct LabelDraft {
  bool any = false;
  std::string task, variant, precision, backend, unit;
  NumberField batch;
  const char* not_text = nullptr;  // the first text field holding something else
};

// The row_key text fields, by key.
const std::map<std::string_view, std::string LabelDraft::*> kLabelTextFields = {
    {row_key::kTask, &LabelDraft::task},
    {row_key::kVariant, &LabelDraft::variant},
    {row_key::kPrecision, &LabelDraft::precision},
    {row_key::kBackend, &LabelDraft::backend},
    {row_key::kUnit, &LabelDraft::unit}};

// A row as its keys arrive, checked and turned into a ResultRow when its object closes.
struct RowDraft {
  std::optional<std::string> name;  // set only while the last "name" is a string
  std::string run_name, run_type, aggregate_name, time_unit, label, error_message;
  NumberField iterations, real_time, cpu_time;
  bool error_occurred = false;
  bool skipped = false;  // "skipped" present, not null, false or 0
  CounterMap counters;
  std::set<std::string, std::less<>> non_numeric_counters;  // ours, holding a non-number
  LabelDraft labels;

  // Empty, for the next row. The counters keep their buffer and each row gets an exact copy:
  // one allocation per row instead of one per doubling.
  void reset() {
    CounterMap kept = std::move(counters);
    kept.clear();
    *this = RowDraft{};
    counters = std::move(kept);
  }
};

// A power timeline as its keys arrive.
struct TimelineDraft {
  enum class Array { absent, not_array, non_number, numbers };
  std::optional<std::string> name;
  double interval_s = 0.0;
  std::vector<double> t_s, power_W, timed_from, timed_to;
  Array t_state = Array::absent, power_state = Array::absent, from_state = Array::absent,
        to_state = Array::absent;
};

// Google Benchmark's fields kept as text ("" when absent or not a string) and as numbers.
const std::map<std::string_view, std::string RowDraft::*> kTextFields = {
    {"run_name", &RowDraft::run_name},
    {"run_type", &RowDraft::run_type},
    {"aggregate_name", &RowDraft::aggregate_name},
    {"time_unit", &RowDraft::time_unit},
    {"label", &RowDraft::label},
    {"error_message", &RowDraft::error_message}};
const std::map<std::string_view, NumberField RowDraft::*> kNumberFields = {
    {"iterations", &RowDraft::iterations},
    {"real_time", &RowDraft::real_time},
    {"cpu_time", &RowDraft::cpu_time}};

void assign_string(std::string& field, const Scalar& v) {
  if (v.kind == Scalar::Kind::string)
    field = std::move(*v.text);
  else
    field.clear();
}

class ResultFileEvents final : public nlohmann::json_sax<json> {
 public:
  ResultFileEvents(std::string source, std::size_t expected_rows) {
    file_.source = std::move(source);
    file_.rows.reserve(expected_rows);
  }

  ResultFile finish();

  bool null() override {
    return scalar(Scalar::of(Scalar::Kind::null), [] { return json(); });
  }
  bool boolean(bool b) override {
    return scalar(Scalar::of(b), [b] { return json(b); });
  }
  bool number_integer(number_integer_t v) override {
    return scalar(Scalar::of(static_cast<double>(v)), [v] { return json(v); });
  }
  bool number_unsigned(number_unsigned_t v) override {
    return scalar(Scalar::of(static_cast<double>(v)), [v] { return json(v); });
  }
  bool number_float(number_float_t v, const string_t&) override {
    return scalar(Scalar::of(v), [v] { return json(v); });
  }
  bool string(string_t& v) override {
    return scalar(Scalar::of(v), [&v] { return json(v); });
  }
  bool binary(binary_t&) override { return true; }  // never produced by the JSON parser

  bool start_object(std::size_t) override { return open(Frame::kObject); }
  bool start_array(std::size_t) override { return open(Frame::kArray); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    if (ignored_depth_ == 0)
      key_.assign(k);  // keeps the buffer: no allocation per key
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    // Syntax errors and out_of_range.406 (a number such as 1e309 that overflows a double).
    // nlohmann's message starts with "[json.exception.parse_error.101] "; keep what follows, cut
    // and escaped: it quotes the offending token, which may be 50 MB long or hold control bytes.
    std::string_view what = e.what();
    if (const auto close = what.find("] "); close != std::string_view::npos)
      what.remove_prefix(close + 2);
    syntax_error_ = fmt::format("{}: not valid JSON: {}", file_.source,
                                printable_text(what, 2 * kMaxQuotedChars));
    return false;
  }

 private:
  enum class Frame : unsigned char {
    kObject,
    kArray,  // the two kinds open() is told about
    root,
    context,
    benchmarks,
    row,
    timelines,
    timeline,
    timeline_t,
    timeline_power,
    timeline_from,
    timeline_to,
  };

  // Every event in an uninteresting nested value (a user's object in a row, say) only moves the
  // depth; it is not kept on the stack, so a file of 10^7 '[' costs no memory here.
  bool open(Frame kind);
  bool close();
  template <typename AsJson>
  bool scalar(const Scalar& v, AsJson as_json);
  // A value, scalar or the start of a structure (kind structure), in the current frame; returns
  // the frame a structure opens, or nothing when its contents are ignored.
  std::optional<Frame> value(const Scalar& v, Frame opening);

  std::optional<Frame> top_level_value(const Scalar& v, Frame opening);
  void row_value(const Scalar& v);
  bool label_value(const Scalar& v);
  std::optional<RowLabels> finish_labels(std::size_t index);
  std::optional<Frame> timeline_value(const Scalar& v, Frame opening);
  // The array a timeline key opens, and where its values and their state go.
  static std::optional<Frame> timeline_array_frame(std::string_view key);
  std::pair<std::vector<double>*, TimelineDraft::Array*> timeline_array(Frame frame);
  void finish_row();
  void finish_timeline();
  void row_error(std::string message) {
    if (!row_error_)
      row_error_ = std::move(message);
  }
  void timeline_error(std::string message) {
    if (!timeline_error_)
      timeline_error_ = std::move(message);
  }

  ResultFile file_;
  std::vector<Frame> frames_;
  std::size_t ignored_depth_ = 0;
  std::string key_;
  bool root_is_object_ = false;
  bool leaderboard_ = false;
  enum class Presence { absent, array, not_array };
  Presence benchmarks_ = Presence::absent, timelines_ = Presence::absent;
  std::size_t row_index_ = 0, timeline_index_ = 0;
  RowDraft row_;
  TimelineDraft timeline_;
  std::optional<std::string> syntax_error_, row_error_, timeline_error_;
};

bool ResultFileEvents::open(Frame kind) {
  if (ignored_depth_ > 0) {
    ++ignored_depth_;
    return true;
  }
  const Scalar structure = Scalar::of(Scalar::Kind::structure);
  const std::optional<Frame> frame = value(structure, kind);
  if (frame)
    frames_.push_back(*frame);
  else
    ignored_depth_ = 1;
  return true;
}

bool ResultFileEvents::close() {
  if (ignored_depth_ > 0) {
    --ignored_depth_;
    return true;
  }
  const Frame closing = frames_.back();
  frames_.pop_back();
  if (closing == Frame::row)
    finish_row();
  else if (closing == Frame::timeline)
    finish_timeline();
  return true;
}

template <typename AsJson>
bool ResultFileEvents::scalar(const Scalar& v, AsJson as_json) {
  if (ignored_depth_ > 0)
    return true;
  if (!frames_.empty() && frames_.back() == Frame::context) {
    // Context values are kept as strings: strings as they are, other scalars as JSON text.
    if (v.kind == Scalar::Kind::string)
      file_.context[key_] = std::move(*v.text);
    else
      file_.context[key_] = as_json().dump();
    return true;
  }
  value(v, Frame::kObject);
  return true;
}

std::optional<ResultFileEvents::Frame> ResultFileEvents::value(const Scalar& v, Frame opening) {
  const bool structure = v.kind == Scalar::Kind::structure;
  if (frames_.empty()) {  // the document itself
    root_is_object_ = structure && opening == Frame::kObject;
    if (root_is_object_)
      return Frame::root;
    return std::nullopt;
  }
  switch (frames_.back()) {
    case Frame::root:
      return top_level_value(v, opening);
    case Frame::context:  // a nested value: not kept, and it replaces an earlier one
      file_.context.erase(key_);
      return std::nullopt;
    case Frame::benchmarks:
      if (structure && opening == Frame::kObject) {
        row_.reset();
        return Frame::row;
      }
      row_error(fmt::format("{}: benchmarks[{}] is not an object", file_.source, row_index_++));
      return std::nullopt;
    case Frame::row:
      row_value(v);
      return std::nullopt;
    case Frame::timelines:
      if (structure && opening == Frame::kObject) {
        timeline_ = TimelineDraft{};
        return Frame::timeline;
      }
      timeline_error(fmt::format("{}: {}[{}] has no string field \"name\"", file_.source,
                                 result_key::kPowerTimelines, timeline_index_++));
      return std::nullopt;
    case Frame::timeline:
      return timeline_value(v, opening);
    case Frame::timeline_t:
    case Frame::timeline_power:
    case Frame::timeline_from:
    case Frame::timeline_to: {
      const auto [values, state] = timeline_array(frames_.back());
      if (v.is_number())
        values->push_back(v.number);
      else
        *state = TimelineDraft::Array::non_number;
      return std::nullopt;
    }
    case Frame::kObject:
    case Frame::kArray:
      break;
  }
  return std::nullopt;
}

std::optional<ResultFileEvents::Frame> ResultFileEvents::top_level_value(const Scalar& v,
                                                                         Frame opening) {
  const bool array = v.kind == Scalar::Kind::structure && opening == Frame::kArray;
  const bool object = v.kind == Scalar::Kind::structure && opening == Frame::kObject;
  if (key_ == kLeaderboardMarker) {
    leaderboard_ = true;
  } else if (key_ == "benchmarks") {  // a repeated key replaces what came before
    file_.rows.clear();
    row_error_.reset();
    row_index_ = 0;
    benchmarks_ = array ? Presence::array : Presence::not_array;
    if (array)
      return Frame::benchmarks;
  } else if (key_ == "context") {
    file_.context.clear();
    if (object)
      return Frame::context;
  } else if (key_ == result_key::kPowerTimelines) {
    file_.timelines.clear();
    timeline_error_.reset();
    timeline_index_ = 0;
    timelines_ = array ? Presence::array : Presence::not_array;
    if (array)
      return Frame::timelines;
  }
  return std::nullopt;
}

bool ResultFileEvents::label_value(const Scalar& v) {
  LabelDraft& l = row_.labels;
  if (key_ == row_key::kBatch) {
    l.any = true;
    l.batch.set(v);
    return true;
  }
  const auto text = kLabelTextFields.find(key_);
  if (text == kLabelTextFields.end())
    return false;
  l.any = true;
  if (v.kind == Scalar::Kind::string) {
    l.*(text->second) = std::move(*v.text);
  } else {
    (l.*(text->second)).clear();
    if (l.not_text == nullptr)
      l.not_text = text->first.data();  // the map's keys are row_key's literals
  }
  return true;
}

// Labels are all or nothing: a file that has them must have them right, or a row would be ranked
// in the wrong task without a word.
std::optional<RowLabels> ResultFileEvents::finish_labels(std::size_t index) {
  LabelDraft& l = row_.labels;
  if (!l.any)
    return std::nullopt;
  const std::string& source = file_.source;
  if (l.not_text != nullptr)
    throw std::runtime_error(
        fmt::format("{}: benchmarks[{}].{} is not a string", source, index, l.not_text));
  if (l.task.empty())
    throw std::runtime_error(
        fmt::format("{}: benchmarks[{}] has labels but no {}", source, index, row_key::kTask));
  RowLabels labels{.task = std::move(l.task),
                   .variant = std::move(l.variant),
                   .precision = std::move(l.precision),
                   .backend = std::move(l.backend),
                   .batch = 0,
                   .unit = WorkUnit::iteration};
  if (l.batch.state != NumberField::State::absent) {
    const double batch = l.batch.value;
    // Up to 2^53: every whole number a double holds exactly.
    if (l.batch.state != NumberField::State::number || !(batch >= 1.0) || batch > 0x1p53 ||
        std::floor(batch) != batch)
      throw std::runtime_error(fmt::format("{}: benchmarks[{}].{} is not a whole number above 0",
                                           source, index, row_key::kBatch));
    labels.batch = static_cast<std::int64_t>(batch);
  }
  if (!l.unit.empty()) {
    const std::optional<WorkUnit> unit = parse_work_unit(l.unit);
    if (!unit)
      throw std::runtime_error(
          fmt::format("{}: benchmarks[{}].{} is {}, not one of iteration, inference, step", source,
                      index, row_key::kUnit, quoted_value(l.unit)));
    labels.unit = *unit;
  }
  return labels;
}

void ResultFileEvents::row_value(const Scalar& v) {
  RowDraft& r = row_;
  const std::string& k = key_;
  if (k.starts_with("joulebench_") && label_value(v))
    return;
  if (rules::is_run_field(k)) {
    if (k == "name") {
      if (v.kind == Scalar::Kind::string)
        r.name = std::move(*v.text);
      else
        r.name.reset();
    } else if (const auto text = kTextFields.find(k); text != kTextFields.end()) {
      assign_string(r.*(text->second), v);
    } else if (const auto number = kNumberFields.find(k); number != kNumberFields.end()) {
      (r.*(number->second)).set(v);
    } else if (k == "error_occurred") {
      r.error_occurred = v.kind == Scalar::Kind::boolean && v.boolean;
    } else if (k == "skipped") {
      // Google Benchmark 1.8+ writes a skip reason here; anything but null, false or 0 means the
      // run was skipped and has no time.
      r.skipped = v.kind == Scalar::Kind::boolean  ? v.boolean
                  : v.kind == Scalar::Kind::number ? v.number != 0.0
                  : v.kind == Scalar::Kind::null   ? false
                                                   : true;
    }
    return;
  }
  if (v.is_number()) {
    r.counters.insert_or_assign(k, v.number);
    r.non_numeric_counters.erase(k);
    return;
  }
  r.counters.erase(k);
  // Other counters of other types are someone else's business; ours must be numbers, or a report
  // would silently show "n/a" where the file says something else. Null is "no value".
  if (v.kind != Scalar::Kind::null && rules::is_joulebench_counter(k))
    r.non_numeric_counters.insert(k);
  else
    r.non_numeric_counters.erase(k);
}

void ResultFileEvents::finish_row() {
  const std::size_t index = row_index_++;
  if (row_error_)
    return;  // the file is refused for its first bad row; the rest need no checking
  RowDraft& d = row_;
  const std::string& source = file_.source;
  try {
    if (!d.name)
      throw std::runtime_error(
          fmt::format("{}: benchmarks[{}] has no string field \"name\"", source, index));
    const auto number = [&](const NumberField& field, const char* key) {
      if (field.state == NumberField::State::other)
        throw std::runtime_error(
            fmt::format("{}: benchmarks[{}].{} is not a number", source, index, key));
      return field.value;
    };
    ResultRow row;
    row.name = std::move(*d.name);
    row.run_name = d.run_name.empty() ? row.name : std::move(d.run_name);
    row.run_type = d.run_type.empty() ? "iteration" : std::move(d.run_type);
    row.aggregate_name = std::move(d.aggregate_name);
    row.iterations = rules::iteration_count(number(d.iterations, "iterations"), source, row.name);
    row.real_time = number(d.real_time, "real_time");
    row.cpu_time = number(d.cpu_time, "cpu_time");
    row.time_unit = d.time_unit.empty() ? "ns" : std::move(d.time_unit);
    if (rules::seconds_per_unit(row.time_unit) == 0.0)
      throw std::runtime_error(fmt::format("{}: benchmarks[{}] has unknown time_unit \"{}\"",
                                           source, index, row.time_unit));
    row.label = std::move(d.label);
    row.labels = finish_labels(index);
    if (d.error_occurred)
      row.error_message = std::move(d.error_message);
    const bool may_be_zero = row.run_type == "aggregate" || row.error_message || d.skipped;
    rules::check_run_time("real_time", row.real_time,
                          d.real_time.state != NumberField::State::absent, may_be_zero, source,
                          row.name);
    rules::check_run_time("cpu_time", row.cpu_time, d.cpu_time.state != NumberField::State::absent,
                          may_be_zero, source, row.name);
    // Counters in key order, a non-number of ours among them, so that the error names the same
    // key whatever order the file wrote them in.
    auto bad = d.non_numeric_counters.begin();
    for (const auto& [key, value] : d.counters) {
      if (bad != d.non_numeric_counters.end() && *bad < key)
        break;
      rules::check_counter(key, value, source, row.name);
    }
    if (bad != d.non_numeric_counters.end())
      throw std::runtime_error(
          fmt::format("{}: benchmarks[{}].{} is not a number", source, index, *bad));
    row.counters = d.counters;
    file_.rows.push_back(std::move(row));
  } catch (const std::runtime_error& e) {
    row_error(e.what());
  }
}

std::optional<ResultFileEvents::Frame> ResultFileEvents::timeline_array_frame(
    std::string_view key) {
  if (key == timeline_key::kTimes)
    return Frame::timeline_t;
  if (key == timeline_key::kPower)
    return Frame::timeline_power;
  if (key == timeline_key::kTimedFrom)
    return Frame::timeline_from;
  if (key == timeline_key::kTimedTo)
    return Frame::timeline_to;
  return std::nullopt;
}

std::pair<std::vector<double>*, TimelineDraft::Array*> ResultFileEvents::timeline_array(
    Frame frame) {
  TimelineDraft& t = timeline_;
  switch (frame) {
    case Frame::timeline_power:
      return {&t.power_W, &t.power_state};
    case Frame::timeline_from:
      return {&t.timed_from, &t.from_state};
    case Frame::timeline_to:
      return {&t.timed_to, &t.to_state};
    default:
      return {&t.t_s, &t.t_state};
  }
}

std::optional<ResultFileEvents::Frame> ResultFileEvents::timeline_value(const Scalar& v,
                                                                        Frame opening) {
  TimelineDraft& t = timeline_;
  const bool array = v.kind == Scalar::Kind::structure && opening == Frame::kArray;
  if (key_ == timeline_key::kName) {
    if (v.kind == Scalar::Kind::string)
      t.name = std::move(*v.text);
    else
      t.name.reset();
  } else if (key_ == timeline_key::kInterval) {
    t.interval_s = v.is_number() ? v.number : 0.0;
  } else if (const std::optional<Frame> frame = timeline_array_frame(key_)) {
    const auto [values, state] = timeline_array(*frame);
    values->clear();
    *state = array ? TimelineDraft::Array::numbers : TimelineDraft::Array::not_array;
    if (array)
      return frame;
  }
  return std::nullopt;
}

void ResultFileEvents::finish_timeline() {
  const std::size_t index = timeline_index_++;
  if (timeline_error_)
    return;
  TimelineDraft& d = timeline_;
  const char* const list = result_key::kPowerTimelines;
  const std::string& source = file_.source;
  if (!d.name)
    return timeline_error(
        fmt::format("{}: {}[{}] has no string field \"name\"", source, list, index));
  using Array = TimelineDraft::Array;
  for (const auto& [state, key, required] :
       {std::tuple{d.t_state, timeline_key::kTimes, true},
        std::tuple{d.power_state, timeline_key::kPower, true},
        std::tuple{d.from_state, timeline_key::kTimedFrom, false},
        std::tuple{d.to_state, timeline_key::kTimedTo, false}}) {
    if ((state == Array::absent && required) || state == Array::not_array)
      return timeline_error(
          fmt::format("{}: {}[{}] has no array \"{}\"", source, list, index, key));
    if (state == Array::non_number)
      return timeline_error(
          fmt::format("{}: {}[{}].{} holds a non-number", source, list, index, key));
  }
  if (d.t_s.size() != d.power_W.size())
    return timeline_error(fmt::format("{}: {}[{}] has {} times but {} power values", source, list,
                                      index, d.t_s.size(), d.power_W.size()));
  if ((d.from_state == Array::absent) != (d.to_state == Array::absent) ||
      d.timed_from.size() != d.timed_to.size())
    return timeline_error(fmt::format("{}: {}[{}] has {} span starts but {} span ends", source,
                                      list, index, d.timed_from.size(), d.timed_to.size()));
  std::vector<TimeWindow> measured;
  measured.reserve(d.timed_from.size());
  for (std::size_t i = 0; i < d.timed_from.size(); ++i) {
    if (!(d.timed_from[i] <= d.timed_to[i]))
      return timeline_error(
          fmt::format("{}: {}[{}] has a span that ends before it starts ({} > {})", source, list,
                      index, d.timed_from[i], d.timed_to[i]));
    measured.push_back({d.timed_from[i], d.timed_to[i]});
  }
  file_.timelines.push_back(PowerTimeline{.name = std::move(*d.name),
                                          .interval_s = d.interval_s,
                                          .t_s = std::move(d.t_s),
                                          .power_W = std::move(d.power_W),
                                          .measured = std::move(measured)});
}

ResultFile ResultFileEvents::finish() {
  if (syntax_error_)
    throw std::runtime_error(*syntax_error_);
  if (root_is_object_ && leaderboard_)
    throw LeaderboardFileError(fmt::format(
        "{}: a leaderboard written by joulebench report, not a result file", file_.source));
  if (!root_is_object_ || benchmarks_ != Presence::array)
    throw std::runtime_error(
        fmt::format("{}: not a Google Benchmark result (no \"benchmarks\" array)", file_.source));
  if (row_error_)
    throw std::runtime_error(*row_error_);
  if (timelines_ == Presence::not_array)
    throw std::runtime_error(
        fmt::format("{}: {} is not an array", file_.source, result_key::kPowerTimelines));
  if (timeline_error_)
    throw std::runtime_error(*timeline_error_);
  return std::move(file_);
}

}  // namespace

std::optional<double> ResultRow::counter(std::string_view key) const {
  const auto it = counters.find(key);
  if (it == counters.end())
    return std::nullopt;
  return it->second;
}

double ResultRow::real_seconds() const {
  return real_time * rules::seconds_per_unit(time_unit);
}

std::optional<std::string> ResultFile::context_value(std::string_view key) const {
  const auto it = context.find(std::string(key));
  if (it == context.end())
    return std::nullopt;
  return it->second;
}

namespace {

// Rows are about 300 bytes of struct each: growing the vector by doubling moved every row about
// twice and touched twice the memory. Every row has a "name" key, so their count bounds the rows
// (timelines have one too); a file of many names and no rows wastes at most a twentieth of its
// size here.
std::size_t expected_rows(std::string_view text) {
  constexpr std::string_view kNameKey = "\"name\"";
  std::size_t count = 0;
  for (std::size_t at = text.find(kNameKey); at != std::string_view::npos;
       at = text.find(kNameKey, at + kNameKey.size()))
    ++count;
  return std::min(count, text.size() / 64);
}

}  // namespace

ResultFile parse_result_json(std::string_view text, std::string source) {
  ResultFileEvents events(std::move(source), expected_rows(text));
  // Rewriting NaN and Infinity copies the whole text character by character: a tenth of the
  // time of a 10^5-row file that has none of them, which is nearly every file.
  if (text.find("NaN") != std::string_view::npos ||
      text.find("Infinity") != std::string_view::npos) {
    const std::string rewritten = with_non_finite_numbers_as_null(text);
    json::sax_parse(rewritten, &events);
  } else {
    json::sax_parse(text, &events);
  }
  return events.finish();
}

ResultFile read_result_file(const std::filesystem::path& path) {
  std::string buffer;
  return read_result_file(path, buffer);
}

ResultFile read_result_file(const std::filesystem::path& path, std::string& text) {
  // Any kind of file (a pipe, /dev/stdin, a FIFO) is read, never more than the limit.
  read_file_bounded_into(path, kMaxResultFileBytes, "a result file", text);
  if (text.empty())
    throw std::runtime_error(
        fmt::format("{}: empty file, not a benchmark result", path_for_message(path)));
  return parse_result_json(text, path_for_message(path));
}

}  // namespace joulebench
