#include <functional>
#include <set>

#include <gtest/gtest.h>

#include "platform/audit/chain.hpp"

namespace jinfu::audit {
namespace {

Content sample() {
  Content c;
  c.at = "2026-11-27T20:56:24.123+08:00";
  c.requestId = "req-1";
  c.userId = 7;
  c.username = "张三";
  c.organisationId = 3;
  c.organisationName = "示范区管委会";
  c.organisationRegion = "410871";
  c.action = "user.update";
  c.objectType = "user";
  c.objectId = "42";
  c.outcome = "success";
  c.ip = "10.0.0.1";
  c.userAgent = "curl/8";
  c.beforeJson = R"({"a":1})";
  c.detail = "细节";
  return c;
}

// A chain of n entries with ids 1…n, linked as AuditLog::append links them.
std::vector<StoredEntry> chainOf(int n) {
  std::vector<StoredEntry> out;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    StoredEntry e;
    e.id = i;
    e.content = sample();
    e.content.objectId = std::to_string(i);
    e.content.detail = "entry " + std::to_string(i);
    e.prevHash = prev;
    e.hash = chainHash(prev, e.content);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

TEST(AuditChain, HashIsDeterministicAndMatchesTheDocumentedEncoding) {
  // Computed independently (Python hashlib over the encoding described in chain.hpp), so the
  // encoding cannot drift without this test noticing.
  EXPECT_EQ(chainHash(kGenesisHash, sample()), "35574c8aa345e5ff2708b6d43860beaef6c535543d100a328393747baa840f84");
  EXPECT_EQ(chainHash(kGenesisHash, sample()), chainHash(kGenesisHash, sample()));
  EXPECT_EQ(canonical(sample()).rfind("jinfu-audit-v1\n", 0), 0u);
  auto h = chainHash(kGenesisHash, sample());
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(AuditChain, EveryFieldAndThePreviousHashChangeTheHash) {
  std::vector<std::function<void(Content&)>> changes = {
      [](Content& c) { c.at = "2026-11-27T20:56:24.124+08:00"; },
      [](Content& c) { c.requestId = "req-2"; },
      [](Content& c) { c.userId = 8; },
      [](Content& c) { c.userId.reset(); },
      [](Content& c) { c.username = "李四"; },
      [](Content& c) { c.organisationId = 4; },
      [](Content& c) { c.organisationId.reset(); },
      [](Content& c) { c.organisationName = "别的机构"; },
      [](Content& c) { c.organisationRegion = "410800"; },
      [](Content& c) { c.tokenId = 1; },
      [](Content& c) { c.action = "user.create"; },
      [](Content& c) { c.objectType = "org"; },
      [](Content& c) { c.objectId = "43"; },
      [](Content& c) { c.outcome = "failure"; },
      [](Content& c) { c.ip = "10.0.0.2"; },
      [](Content& c) { c.userAgent = "curl/9"; },
      [](Content& c) { c.beforeJson = R"({"a":2})"; },
      [](Content& c) { c.beforeJson.reset(); },
      [](Content& c) { c.afterJson = "{}"; },
      [](Content& c) { c.detail = "别的细节"; },
  };
  std::set<std::string> seen{chainHash(kGenesisHash, sample())};
  for (size_t i = 0; i < changes.size(); ++i) {
    Content c = sample();
    changes[i](c);
    EXPECT_TRUE(seen.insert(chainHash(kGenesisHash, c)).second) << "change " << i << " left the hash unchanged";
  }
  std::string otherPrev(64, '1');
  EXPECT_NE(chainHash(otherPrev, sample()), chainHash(kGenesisHash, sample()));
}

TEST(AuditChain, EncodingIsUnambiguous) {
  // Moving text between adjacent fields must change the hash.
  Content a = sample(), b = sample();
  a.username = "ab";
  a.organisationName = "";
  b.username = "a";
  b.organisationName = "b";
  EXPECT_NE(canonical(a), canonical(b));
  // Absent is not the same as empty or zero.
  Content empty = sample(), absent = sample();
  empty.afterJson = "";
  absent.afterJson.reset();
  EXPECT_NE(canonical(empty), canonical(absent));
  Content zero = sample(), none = sample();
  zero.tokenId = 0;
  none.tokenId.reset();
  EXPECT_NE(canonical(zero), canonical(none));
  // A separator inside a value cannot fake a field boundary.
  Content sneaky = sample();
  sneaky.username = "张三,1:x";
  EXPECT_NE(canonical(sneaky), canonical(sample()));
}

TEST(AuditChain, VerifyPassesACleanChainAndAnEmptyOne) {
  EXPECT_EQ(verifyChain({}), std::nullopt);
  auto chain = chainOf(5);
  EXPECT_EQ(verifyChain(chain), std::nullopt);
  ChainVerifier v;
  for (const auto& e : chain) ASSERT_EQ(v.next(e), std::nullopt);
  EXPECT_EQ(v.checked(), 5);
  EXPECT_EQ(v.headHash(), chain.back().hash);
}

TEST(AuditChain, VerifyCatchesAnAlteredEntry) {
  auto chain = chainOf(5);
  chain[2].content.detail = "nothing happened here";
  auto problem = verifyChain(chain);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, ChainProblem::Kind::Altered);
  EXPECT_EQ(problem->entryId, 3);
  EXPECT_NE(problem->reasonZh.find("篡改"), std::string::npos);
  EXPECT_NE(problem->reasonEn.find("altered"), std::string::npos);
}

TEST(AuditChain, VerifyCatchesAnAlteredHash) {
  auto chain = chainOf(3);
  chain[1].hash = std::string(64, 'f');
  auto problem = verifyChain(chain);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, ChainProblem::Kind::Altered);
  EXPECT_EQ(problem->entryId, 2);
}

TEST(AuditChain, VerifyCatchesADeletion) {
  auto chain = chainOf(5);
  chain.erase(chain.begin() + 2);  // entry 3
  auto problem = verifyChain(chain);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, ChainProblem::Kind::BrokenLink);
  EXPECT_EQ(problem->entryId, 4);
  EXPECT_NE(problem->reasonZh.find("第 2 条"), std::string::npos) << problem->reasonZh;

  auto headless = chainOf(3);
  headless.erase(headless.begin());
  problem = verifyChain(headless);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, ChainProblem::Kind::BrokenLink);
  EXPECT_EQ(problem->entryId, 2);
  EXPECT_NE(problem->reasonZh.find("链首"), std::string::npos);
}

TEST(AuditChain, VerifyCatchesReordering) {
  auto chain = chainOf(5);
  // Entries 2 and 3 trade places (and ids, as an UPDATE of the ids would do).
  std::swap(chain[1], chain[2]);
  chain[1].id = 2;
  chain[2].id = 3;
  auto problem = verifyChain(chain);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, ChainProblem::Kind::BrokenLink);
  EXPECT_EQ(problem->entryId, 2);
}

TEST(AuditChain, VerifyCatchesAForgedEntry) {
  auto chain = chainOf(3);
  // Appended with a link to an older entry (as if forked from entry 1).
  StoredEntry forged;
  forged.id = 4;
  forged.content = sample();
  forged.content.detail = "forged";
  forged.prevHash = chain[0].hash;
  forged.hash = chainHash(forged.prevHash, forged.content);
  auto withForged = chain;
  withForged.push_back(forged);
  auto problem = verifyChain(withForged);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, ChainProblem::Kind::BrokenLink);
  EXPECT_EQ(problem->entryId, 4);

  // Linked correctly but with a made-up hash.
  forged.prevHash = chain[2].hash;
  forged.hash = std::string(64, 'a');
  withForged.back() = forged;
  problem = verifyChain(withForged);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, ChainProblem::Kind::Altered);
  EXPECT_EQ(problem->entryId, 4);
}

TEST(AuditChain, VerifyReportsTheFirstProblemOnly) {
  auto chain = chainOf(6);
  chain[4].content.detail = "later change";
  chain[1].content.detail = "earlier change";
  auto problem = verifyChain(chain);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->entryId, 2);
}

}  // namespace
}  // namespace jinfu::audit
