#include "collect/template.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "platform/uscc.hpp"

namespace jinfu::collect {
namespace {

TEST(Template, AColumnPerFieldNamedAsTheCatalogueNamesItAmountsWithTheirUnit) {
  const Category* tax = findCategory("tax");
  ASSERT_NE(tax, nullptr);
  auto header = templateHeader(*tax);
  ASSERT_EQ(header.size(), tax->fields.size());
  EXPECT_EQ(header[0], "统一社会信用代码");
  EXPECT_NE(std::find(header.begin(), header.end(), "纳税额（元）"), header.end());
}

TEST(Template, TheSampleFillsEveryRequiredFieldAndNamesAValidCodeOfNobody) {
  EXPECT_FALSE(Uscc::validate(kSampleUscc).has_value());
  for (const auto& c : catalogue()) {
    auto sample = templateSample(c);
    ASSERT_EQ(sample.size(), c.fields.size()) << c.code;
    for (size_t i = 0; i < c.fields.size(); ++i)
      if (c.fields[i].required) EXPECT_FALSE(sample[i].empty()) << c.code << "." << c.fields[i].key;
  }
}

}  // namespace
}  // namespace jinfu::collect
