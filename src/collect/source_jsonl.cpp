// JSON Lines reader: one JSON object per line. The header is the keys of the first object (in
// their order); every object is also a data row, its values placed by key. Numbers keep the text
// they were written with; nested objects and arrays are row problems.
#include <nlohmann/json.hpp>

#include <deque>
#include <unordered_map>

#include "collect/source.hpp"

namespace jinfu::collect::detail {
namespace {

constexpr int kMaxDepth = 64;                      // deeper nesting is a row problem
constexpr std::size_t kMaxLeadingProblems = 1000;  // bad lines before the first object

// The top level of one line, read with nlohmann's SAX parser: the object's keys in their order
// and each value as cell text. No DOM is built, so a line costs time linear in its length
// whatever its number of keys or depth (an ordered_json object inserts in linear time).
class TopLevel final : public nlohmann::json_sax<nlohmann::json> {
 public:
  struct Field {
    std::string key, value;
    bool nested = false;  // an object or array
  };
  explicit TopLevel(std::size_t keep) : keep_(keep) {}

  std::vector<Field> fields;  // the first `keep` keys
  std::size_t keys = 0;       // all top-level keys
  bool notObject = false, tooDeep = false;

  bool null() override { return scalar(std::string()); }
  bool boolean(bool v) override { return scalar(v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return scalar(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return scalar(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& text) override { return scalar(text); }  // as written
  bool string(string_t& v) override { return scalar(std::move(v)); }
  bool binary(binary_t&) override { return scalar(std::string()); }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    if (depth_ == 1) {
      ++keys;
      stored_ = fields.size() < keep_;
      if (stored_) fields.push_back({std::move(k), {}, false});
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  bool scalar(std::string v) {
    if (depth_ == 0) {
      notObject = true;
      return false;
    }
    if (depth_ == 1 && stored_) fields.back().value = std::move(v);
    return true;
  }
  bool open(bool object) {
    if (depth_ == 0 && !object) {
      notObject = true;
      return false;
    }
    if (depth_ == 1 && stored_) {
      fields.back().nested = true;
      fields.back().value = object ? "{…}" : "[…]";
    }
    if (++depth_ > kMaxDepth) {
      tooDeep = true;
      return false;
    }
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
  std::size_t keep_;
  int depth_ = 0;
  bool stored_ = false;
};

std::string quoteList(const std::vector<std::string>& names, const char* open, const char* close,
                      const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 10; ++i) {
    std::string name = names[i];
    truncateCell(name);  // a key can be long
    out += (i ? sep : "") + std::string(open) + name + close;
  }
  if (names.size() > 10) out += sep + std::string("…");
  return out;
}

class JsonLinesSource final : public TableSource {
 public:
  JsonLinesSource(std::unique_ptr<ByteReader> in, const SourceOptions& options)
      : in_(std::move(in)), limits_(options.limits) {
    if (limits_.maxColumns == 0) limits_.maxColumns = 1;
    if (in_->peek(3) == "\xEF\xBB\xBF") in_->skip(3);
    if (in_->atEnd()) throw SourceError({"文件为空", "The file is empty"});
    std::optional<LocalText> firstProblem;
    while (readLine()) {
      if (isBlank(line_) && !tooLong_) continue;
      TopLevel object(limits_.maxColumns + 1);
      std::optional<LocalText> problem = parseLine(object);
      if (!problem && object.keys == 0) continue;  // {} is a blank row
      if (problem) {
        if (!firstProblem) firstProblem = problem;
        if (leading_.size() >= kMaxLeadingProblems)
          throw SourceError({"文件的前 " + std::to_string(kMaxLeadingProblems) +
                                 " 个非空行都不是 JSON 对象，不是 JSON Lines 文件（" + firstProblem->zh + "）",
                             "The first " + std::to_string(kMaxLeadingProblems) +
                                 " non-blank lines are not JSON objects; this is not a JSON Lines file (" +
                                 firstProblem->en + ")"});
        leading_.emplace_back(lineNumber_, std::move(*problem));
        continue;
      }
      std::vector<std::string> names;
      for (const auto& field : object.fields) names.push_back(field.key);
      header_ = checkHeader(std::move(names), object.keys, limits_);
      for (std::size_t i = 0; i < header_.size(); ++i)
        if (!header_[i].empty()) index_.emplace(header_[i], i);
      first_ = std::move(object.fields);
      firstNumber_ = lineNumber_;
      return;
    }
    if (firstProblem)
      throw SourceError({"文件中没有有效的 JSON 对象行（" + firstProblem->zh + "）",
                         "The file has no valid JSON object line (" + firstProblem->en + ")"});
    throw SourceError({"文件没有表头行（只有空行）", "The file has no header row (only blank lines)"});
  }

  const std::vector<std::string>& header() const override { return header_; }
  std::string encodingName() const override { return "UTF-8"; }

  bool next(SourceRow& row) override {
    if (!leading_.empty()) {
      row.number = leading_.front().first;
      row.problem = std::move(leading_.front().second);
      leading_.pop_front();
      row.cells.assign(header_.size(), std::string());
      return true;
    }
    if (first_) {
      std::vector<TopLevel::Field> fields = std::move(*first_);
      first_.reset();
      if (fill(row, firstNumber_, fields, fields.size(), std::nullopt)) return true;
    }
    while (readLine()) {
      if (isBlank(line_) && !tooLong_) continue;
      TopLevel object(header_.size() + 10);  // room to name a few unknown keys
      std::optional<LocalText> problem = parseLine(object);
      if (fill(row, lineNumber_, object.fields, object.keys, std::move(problem))) return true;
    }
    return false;
  }

 private:
  // The next line into line_ (without its line break); a line longer than maxRowBytes is
  // skipped to its end and flagged. False at the end of the input.
  bool readLine() {
    int c = in_->get();
    if (c < 0) return false;
    ++lineNumber_;
    line_.clear();
    tooLong_ = false;
    for (; c >= 0 && c != '\n'; c = in_->get()) {
      if (line_.size() < limits_.maxRowBytes) line_.push_back(static_cast<char>(c));
      else tooLong_ = true;
    }
    if (!tooLong_ && !line_.empty() && line_.back() == '\r') line_.pop_back();
    return true;
  }

  // Reads the object on line_ into `object`; the problem when it is not one.
  std::optional<LocalText> parseLine(TopLevel& object) {
    std::string n = std::to_string(lineNumber_);
    if (tooLong_) return rowTooLong(lineNumber_, limits_);
    if (!validUtf8(line_))
      return LocalText{"第 " + n + " 行不是有效的 UTF-8 编码（JSON Lines 文件须为 UTF-8）",
                       "Line " + n + " is not valid UTF-8 (JSON Lines files must be UTF-8)"};
    bool ok = nlohmann::json::sax_parse(line_, &object);
    if (object.notObject)
      return LocalText{"第 " + n + " 行不是 JSON 对象（每行须是一个 {…} 对象）",
                       "Line " + n + " is not a JSON object (each line must be one {…} object)"};
    if (object.tooDeep)
      return LocalText{"第 " + n + " 行的 JSON 嵌套超过 " + std::to_string(kMaxDepth) + " 层",
                       "Line " + n + " nests JSON deeper than " + std::to_string(kMaxDepth) + " levels"};
    if (!ok)
      return LocalText{"第 " + n + " 行不是有效的 JSON（每行须是一个完整的 JSON 对象）",
                       "Line " + n + " is not valid JSON (each line must be one complete JSON object)"};
    return std::nullopt;
  }

  // Places an object's values by key; false for a blank row (skipped).
  bool fill(SourceRow& row, std::int64_t number, std::vector<TopLevel::Field>& fields, std::size_t keys,
            std::optional<LocalText> problem) {
    row.number = number;
    row.problem = std::move(problem);
    row.cells.assign(header_.size(), std::string());
    if (row.problem) return true;
    std::string n = std::to_string(number);
    std::vector<std::string> unknown, nested;
    for (auto& field : fields) {
      std::string key = trim(field.key);
      auto at = index_.find(key);
      if (at == index_.end()) {
        // A nameless key with nothing in it is no field at all.
        if (!key.empty() || !isBlank(field.value)) unknown.push_back(field.key);
        continue;
      }
      std::string& cell = row.cells[at->second];
      cell = std::move(field.value);
      if (field.nested) nested.push_back(header_[at->second]);
      if (cell.size() > limits_.maxFieldBytes) {
        truncateCell(cell);
        addProblem(row.problem, oversizedCell(number, header_, at->second, limits_));
      }
    }
    if (!nested.empty())
      addProblem(row.problem,
                 {"第 " + n + " 行字段" + quoteList(nested, "“", "”", "、") +
                      "的值是对象或数组，应为文本、数字或布尔值",
                  "Line " + n + ": the value of " + quoteList(nested, "\"", "\"", ", ") +
                      " is an object or array; expected text, a number or a boolean"});
    if (!unknown.empty())
      addProblem(row.problem, {"第 " + n + " 行有表头中没有的字段 " + quoteList(unknown, "“", "”", "、") +
                                   "（表头取自第 " + std::to_string(firstNumber_) + " 行的字段）",
                               "Line " + n + " has fields that are not in the header: " +
                                   quoteList(unknown, "\"", "\"", ", ") + " (the header is the keys on line " +
                                   std::to_string(firstNumber_) + ")"});
    if (keys > fields.size())
      addProblem(row.problem, {"第 " + n + " 行有 " + std::to_string(keys) + " 个字段，多于表头的 " +
                                   std::to_string(header_.size()) + " 列",
                               "Line " + n + " has " + std::to_string(keys) + " fields, more than the " +
                                   std::to_string(header_.size()) + " columns of the header"});
    return row.problem || !rowIsBlank(row.cells);
  }

  std::unique_ptr<ByteReader> in_;
  SourceLimits limits_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, std::size_t> index_;
  std::deque<std::pair<std::int64_t, LocalText>> leading_;  // bad lines before the first object
  std::optional<std::vector<TopLevel::Field>> first_;       // the object the header came from
  std::int64_t firstNumber_ = 0;
  std::string line_;
  bool tooLong_ = false;
  std::int64_t lineNumber_ = 0;
};

}  // namespace

std::unique_ptr<TableSource> openJsonLines(std::unique_ptr<ByteReader> in, const SourceOptions& options) {
  return std::make_unique<JsonLinesSource>(std::move(in), options);
}

}  // namespace jinfu::collect::detail
