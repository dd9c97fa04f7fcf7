#pragma once
// 信用画像 as the API sends it (docs/credit-api.md): scorecard versions, an enterprise's profile
// and score history, a verification, a training result, a comparison of two versions, runs and
// distributions. Pure mapping of what the service answered.
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "credit/credit_service.hpp"

namespace jinfu::credit {

nlohmann::json scorecardJson(const CardView& c);              // a version, without its artifact
nlohmann::json scorecardWithArtifactJson(const CardView& c);  // … and with it
nlohmann::json profileJson(const Profile& p);
nlohmann::json historyJson(const std::vector<HistoryItem>& items);  // {items}
nlohmann::json verificationJson(const Verification& v);
nlohmann::json trainingJson(const Training& t, const CardView& registered);
nlohmann::json comparisonJson(const Comparison& c);
nlohmann::json runsJson(const std::vector<RunSummary>& runs);  // {items}
nlohmann::json distributionJson(const std::optional<Distribution>& d);

}  // namespace jinfu::credit
