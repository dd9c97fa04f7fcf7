// Throughput of the pure platform types on the paths that run per row of an import file or per
// request. Targets: USCC validation of normalised codes ≥ 10 M/s on one core; addWorkdays a few
// million calls/s.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "platform/auth/secrets.hpp"
#include "platform/calendar.hpp"
#include "platform/money.hpp"
#include "platform/uscc.hpp"

namespace {

using jinfu::Date;
using jinfu::Money;
using jinfu::Uscc;
using jinfu::WorkCalendar;

// Valid, normalised codes of the shape the registry holds: mostly enterprises (91…) and
// sole proprietors (92…) with numeric regions and alphanumeric organisation codes.
const std::vector<std::string>& validCodes() {
  static const std::vector<std::string> codes = [] {
    constexpr std::string_view kSymbols = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    std::mt19937 rng(32100);
    std::uniform_int_distribution<int> sym(0, 30), digit(0, 9), cat(1, 3);
    std::vector<std::string> out;
    out.reserve(10'000);
    while (out.size() < 10'000) {
      std::string prefix = "9";
      prefix += static_cast<char>('0' + cat(rng));
      for (int i = 0; i < 6; ++i) prefix += static_cast<char>('0' + digit(rng));
      for (int i = 0; i < 8; ++i) prefix += kSymbols[static_cast<std::size_t>(sym(rng))];
      jinfu::UsccResult r = Uscc::fromPrefix(prefix);
      if (r.ok()) out.emplace_back(r.value().str());
    }
    return out;
  }();
  return codes;
}

// The same codes as people deliver them: padded, lower case, full-width.
const std::vector<std::string>& rawCodes() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> out;
    out.reserve(validCodes().size());
    int i = 0;
    for (const std::string& c : validCodes()) {
      switch (i++ % 4) {
        case 0: out.push_back(c); break;
        case 1: out.push_back("  " + c + "\t"); break;
        case 2: {
          std::string lower = c;
          for (char& ch : lower) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
          out.push_back(lower);
          break;
        }
        default: {
          std::string wide;
          for (char ch : c) {  // U+FF10 + (ch - '0') and friends, encoded as UTF-8
            const char32_t cp = static_cast<char32_t>(ch) + 0xFEE0;
            wide += static_cast<char>(0xE0 | (cp >> 12));
            wide += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            wide += static_cast<char>(0x80 | (cp & 0x3F));
          }
          out.push_back("\xE3\x80\x80" + wide);  // with a leading ideographic space
        }
      }
    }
    return out;
  }();
  return codes;
}

void BM_UsccValidate(benchmark::State& state) {
  const auto& codes = validCodes();
  std::size_t i = 0;
  for (auto _ : state) {
    auto issue = Uscc::validate(codes[i]);
    benchmark::DoNotOptimize(issue);
    if (++i == codes.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UsccValidate);

void BM_UsccIsValid(benchmark::State& state) {
  const auto& codes = validCodes();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Uscc::isValid(codes[i]));
    if (++i == codes.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UsccIsValid);

void BM_UsccNormaliseAndValidate(benchmark::State& state) {
  const auto& codes = rawCodes();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = Uscc::parse(codes[i]);
    benchmark::DoNotOptimize(r);
    if (++i == codes.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UsccNormaliseAndValidate);

std::vector<Date> datesIn2024To2026() {
  std::vector<Date> out;
  for (Date d = *Date::parse("2024-01-01"); d <= *Date::parse("2026-11-30"); d = d.plusDays(1))
    out.push_back(d);
  return out;
}

void BM_AddWorkdays(benchmark::State& state) {
  const WorkCalendar& cal = WorkCalendar::official();
  const std::vector<Date> dates = datesIn2024To2026();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.addWorkdays(dates[i], 20));
    if (++i == dates.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddWorkdays);

void BM_WorkdaysBetween(benchmark::State& state) {
  const WorkCalendar& cal = WorkCalendar::official();
  const std::vector<Date> dates = datesIn2024To2026();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.workdaysBetween(dates[i], dates[(i * 7919) % dates.size()]));
    if (++i == dates.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WorkdaysBetween);

void BM_MoneyParse(benchmark::State& state) {
  const std::vector<std::string> texts = {"12.5万元", "125000.00元", "125,000", "¥1,234.56",
                                          "1234.5",   "-3.2万元",    " 500 万 ", "１２．５万元"};
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = Money::parse(texts[i]);
    benchmark::DoNotOptimize(r);
    if (++i == texts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyParse);

void BM_MoneyFormatYuan(benchmark::State& state) {
  const Money m = Money::fromFen(123'456'789);
  for (auto _ : state) benchmark::DoNotOptimize(m.toYuanString());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyFormatYuan);

}  // namespace

// The cost of one log-in: argon2id with the parameters secrets.cpp chose. It bounds how many
// log-ins a core serves per second and how many guesses an attacker with the hashes can try.
void BM_PasswordHash(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(jinfu::auth::hashPassword("Correct-Horse-2026"));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PasswordHash)->Unit(benchmark::kMillisecond)->Iterations(10);

void BM_PasswordVerify(benchmark::State& state) {
  auto hash = jinfu::auth::hashPassword("Correct-Horse-2026");
  for (auto _ : state) benchmark::DoNotOptimize(jinfu::auth::verifyPassword(hash, "Correct-Horse-2026"));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PasswordVerify)->Unit(benchmark::kMillisecond)->Iterations(10);

// What every authenticated request pays before its database lookup.
void BM_SessionTokenHash(benchmark::State& state) {
  auto token = jinfu::auth::randomToken();
  for (auto _ : state) benchmark::DoNotOptimize(jinfu::auth::sha256Hex(token));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SessionTokenHash);

BENCHMARK_MAIN();
