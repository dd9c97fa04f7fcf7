// JSON Lines reader: one JSON object per line. The header is the keys of the first object (in
// their order); every object is also a data row, its values placed by key.
#include <nlohmann/json.hpp>

#include <deque>
#include <unordered_map>

#include "collect/source.hpp"

namespace jinfu::collect::detail {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kMaxDepth = 64;                   // deeper nesting is refused before parsing
constexpr std::size_t kMaxLeadingProblems = 1000;  // bad lines before the first object

bool tooDeep(std::string_view line) {
  int depth = 0;
  bool inString = false, escaped = false;
  for (char c : line) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

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
    if (in_->peek(3) == "\xEF\xBB\xBF") in_->skip(3);
    if (in_->atEnd()) throw SourceError({"文件为空", "The file is empty"});
    std::optional<LocalText> firstProblem;
    while (readLine()) {
      if (isBlank(line_) && !tooLong_) continue;
      std::optional<LocalText> problem;
      Json value = parseLine(problem);
      if (!problem && value.empty()) continue;  // {} is a blank row
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
      for (const auto& item : value.items()) names.push_back(item.key());
      std::size_t width = names.size();
      header_ = checkHeader(std::move(names), width, limits_);
      for (std::size_t i = 0; i < header_.size(); ++i)
        if (!header_[i].empty()) index_.emplace(header_[i], i);
      first_ = std::move(value);
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
      Json value = std::move(*first_);
      first_.reset();
      if (fill(row, firstNumber_, value, std::nullopt)) return true;
    }
    while (readLine()) {
      if (isBlank(line_) && !tooLong_) continue;
      std::optional<LocalText> problem;
      Json value = parseLine(problem);
      if (fill(row, lineNumber_, value, std::move(problem))) return true;
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

  // The object on line_, or a problem.
  Json parseLine(std::optional<LocalText>& problem) {
    std::string n = std::to_string(lineNumber_);
    if (tooLong_) {
      problem = rowTooLong(lineNumber_, limits_);
      return {};
    }
    if (!validUtf8(line_)) {
      problem = LocalText{"第 " + n + " 行不是有效的 UTF-8 编码（JSON Lines 文件须为 UTF-8）",
                          "Line " + n + " is not valid UTF-8 (JSON Lines files must be UTF-8)"};
      return {};
    }
    if (tooDeep(line_)) {
      problem = LocalText{"第 " + n + " 行的 JSON 嵌套超过 " + std::to_string(kMaxDepth) + " 层",
                          "Line " + n + " nests JSON deeper than " + std::to_string(kMaxDepth) + " levels"};
      return {};
    }
    Json value = Json::parse(line_, nullptr, false);
    if (value.is_discarded()) {
      problem = LocalText{"第 " + n + " 行不是有效的 JSON（每行须是一个完整的 JSON 对象）",
                          "Line " + n + " is not valid JSON (each line must be one complete JSON object)"};
      return {};
    }
    if (!value.is_object()) {
      problem = LocalText{"第 " + n + " 行不是 JSON 对象（每行须是一个 {…} 对象）",
                          "Line " + n + " is not a JSON object (each line must be one {…} object)"};
      return {};
    }
    return value;
  }

  // Places an object's values by key; false for a blank row (skipped).
  bool fill(SourceRow& row, std::int64_t number, const Json& value, std::optional<LocalText> problem) {
    row.number = number;
    row.problem = std::move(problem);
    row.cells.assign(header_.size(), std::string());
    if (row.problem) return true;
    std::string n = std::to_string(number);
    std::vector<std::string> unknown, nested;
    for (const auto& item : value.items()) {
      const Json& v = item.value();
      std::string key = trim(item.key());
      auto at = index_.find(key);
      if (at == index_.end()) {
        // A nameless key with nothing in it is no field at all.
        bool empty = v.is_null() || (v.is_string() && isBlank(v.get_ref<const std::string&>()));
        if (!key.empty() || !empty) unknown.push_back(item.key());
        continue;
      }
      std::string& cell = row.cells[at->second];
      switch (v.type()) {
        case Json::value_t::string: cell = v.get_ref<const std::string&>(); break;
        case Json::value_t::boolean: cell = v.get<bool>() ? "true" : "false"; break;
        case Json::value_t::null: cell.clear(); break;
        case Json::value_t::object:
        case Json::value_t::array:
          cell = v.dump();
          nested.push_back(header_[at->second]);
          break;
        default: cell = v.dump(); break;  // numbers as their JSON text
      }
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
    return row.problem || !rowIsBlank(row.cells);
  }

  std::unique_ptr<ByteReader> in_;
  SourceLimits limits_;
  std::vector<std::string> header_;
  std::unordered_map<std::string, std::size_t> index_;
  std::deque<std::pair<std::int64_t, LocalText>> leading_;  // bad lines before the first object
  std::optional<Json> first_;                                 // the object the header came from
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
