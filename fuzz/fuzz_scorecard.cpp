// libFuzzer target for the scorecard artifact reader (src/credit/scorecard.cpp): an artifact is
// uploaded by an administrator and must never crash the server, whatever it holds. The first
// input byte chooses the path, the rest is the file:
//
//   bit 0 (0x01)   seal the input first (compute its checksum), so that the mutations get past
//                  the checksum and reach the structure checks; otherwise parse it as it is
//
// Besides "no crash, no leak, no undefined behaviour": a file either is refused with one of the
// scorecard errors (never a checksum mismatch after sealing) or loads into a card whose promises
// hold — the missing bin first, value bins ascending and touching, every score of the card
// between its minimum and maximum, and a grade for every score.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "credit/scorecard.hpp"
#include "platform/errors.hpp"

using namespace jinfu;
using namespace jinfu::credit;

namespace {

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

void checkCard(const Scorecard& card, const uint8_t* data, size_t size) {
  check(!card.grades.empty() && !card.features.empty(), "a loaded card has grades and features");
  check(card.minScore() <= card.maxScore(), "minScore <= maxScore");
  for (const auto& f : card.features) {
    check(f.bins.size() >= 2 && f.bins[0].missing, "the missing bin comes first");
    for (size_t b = 2; b < f.bins.size(); ++b) check(f.bins[b].lower == f.bins[b - 1].upper, "value bins touch");
    check(std::isinf(f.bins[1].lower) && std::isinf(f.bins.back().upper), "value bins cover everything");
  }
  // Score vectors made from the input bytes, and the all-unknown vector.
  for (size_t round = 0; round < 4; ++round) {
    FeatureVector v;
    for (size_t j = 0; j < kFeatureCount; ++j) {
      uint8_t byte = size ? data[(round * kFeatureCount + j) % size] : 0;
      v[j] = round == 0 || byte % 7 == 0 ? kUnknown : (static_cast<double>(byte) - 64.0) * 3.7;
    }
    ScoreResult r = score(card, v);
    check(r.score >= card.minScore() && r.score <= card.maxScore(), "score within the card's range");
    check(r.grade != nullptr && r.score >= r.grade->minScore, "a grade for every score");
    int lastLost = 1 << 30;
    for (const auto& reason : rankReasons(card, r)) {
      check(reason.pointsLost > 0 && reason.pointsLost <= lastLost, "reasons ranked by points lost");
      lastLost = reason.pointsLost;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const bool seal = data[0] & 1;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string input(text);
  if (seal) {
    try {
      input = sealArtifact(text);
    } catch (const ApiError& e) {
      check(e.code() == "scorecard_invalid", "sealing fails only for a non-object");
      return 0;
    }
  }
  try {
    Scorecard card = parseScorecard(input);
    checkCard(card, data, size);
  } catch (const ApiError& e) {
    check(e.status() == 422, "refusals are 422");
    check(e.code() == "scorecard_invalid" || (!seal && e.code() == "scorecard_checksum_mismatch"),
          "refused as invalid, or as a checksum mismatch when not sealed");
  }
  return 0;
}
