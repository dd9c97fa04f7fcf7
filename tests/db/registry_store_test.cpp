#include <gtest/gtest.h>

#include "platform/db/migrations.hpp"
#include "platform/errors.hpp"
#include "registry/demo.hpp"
#include "registry/registry_store.hpp"
#include "test_database.hpp"

namespace jinfu::registry {
namespace {

TEST(Demo, LoadsTheZoneAndIsIdempotent) {
  testing::TestDatabase db;
  db::migrate(*db);
  RegistryStore store(*db);
  EXPECT_TRUE(store.empty());
  auto first = loadDemo(*db, "2026-11-27T10:00:00.000+08:00");
  EXPECT_EQ(first.enterprises, 200);
  EXPECT_EQ(first.organisations, 34);
  auto summary = store.summary();
  EXPECT_EQ(summary.enterprises, 200);
  EXPECT_EQ(summary.banks, 13);
  EXPECT_EQ(summary.parks, 5);
  auto second = loadDemo(*db, "2026-11-27T10:00:01.000+08:00");
  EXPECT_EQ(second.enterprises, 0);
  EXPECT_EQ(second.organisations, 0);
  EXPECT_EQ(store.summary().enterprises, 200);
}

TEST(RegistryStore, ABatchWithABadRowWritesNothing) {
  testing::TestDatabase db;
  db::migrate(*db);
  RegistryStore store(*db);
  Registration good;
  good.uscc = "914403001922038216";
  good.name = "甲公司";
  good.status = "operating";
  good.establishedOn = "2020-01-01";
  good.regionCode = "410800";
  good.industryCode = "C35";
  Registration orphan = good;
  orphan.uscc = "91350100M000100Y43";
  orphan.parkName = "不存在的园区";
  EXPECT_THROW(store.insertMissing({}, {good, orphan}, "t"), ApiError);
  EXPECT_EQ(store.summary().enterprises, 0);
  auto inserted = store.insertMissing({}, {good}, "t");
  EXPECT_EQ(inserted.enterprises, 1);
}

}  // namespace
}  // namespace jinfu::registry

namespace jinfu::registry {
namespace {

TEST(RegistryStore, SummarySeesRowsWrittenAfterItsStatementWasPrepared) {
  testing::TestDatabase db;
  db::migrate(*db);
  RegistryStore store(*db);
  // Every pooled connection prepares its summary statement before the write.
  for (int i = 0; i < 8; ++i) EXPECT_EQ(store.summary().banks, 0);
  store.insertMissing({{"bank", "甲银行焦作分行", "甲行", "410800", std::nullopt, std::nullopt}}, {}, "t");
  for (int i = 0; i < 8; ++i) EXPECT_EQ(store.summary().banks, 1);
}

}  // namespace
}  // namespace jinfu::registry
