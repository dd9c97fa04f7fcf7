#include "platform/http/forwarded.hpp"

#include <gtest/gtest.h>

namespace jinfu::http {
namespace {

TrustedProxies proxies(std::vector<std::string> cidrs) {
  auto p = TrustedProxies::parse(cidrs);
  EXPECT_TRUE(p.has_value());
  return p.value_or(TrustedProxies{});
}

TEST(TrustedProxies, ParsesAddressesAndNetworks) {
  auto p = proxies({"10.0.0.0/8", "192.168.1.7", " fd00::/8 ", "172.16.0.0/12"});
  EXPECT_TRUE(p.trusts("10.255.3.4"));
  EXPECT_FALSE(p.trusts("11.0.0.1"));
  EXPECT_TRUE(p.trusts("192.168.1.7"));
  EXPECT_FALSE(p.trusts("192.168.1.8"));
  EXPECT_TRUE(p.trusts("172.31.255.255"));
  EXPECT_FALSE(p.trusts("172.32.0.0"));
  EXPECT_TRUE(p.trusts("fd12::1"));
  EXPECT_FALSE(p.trusts("fe80::1"));
  EXPECT_TRUE(p.trusts("::ffff:10.1.1.1")) << "an IPv4 peer on a dual-stack socket";
  EXPECT_FALSE(p.trusts("not an address"));
}

TEST(TrustedProxies, RefusesWhatIsNotAnAddressOrNetwork) {
  for (std::vector<std::string> bad : std::vector<std::vector<std::string>>{
           {"10.0.0.0/33"}, {"10.0.0.0/"}, {"10.0.0/8"}, {"::1/129"}, {"proxy.example"}, {"10.0.0.0/-1"}, {""}})
    EXPECT_FALSE(TrustedProxies::parse(bad).has_value()) << bad[0];
  EXPECT_TRUE(TrustedProxies::parse({}).has_value());
  EXPECT_TRUE(TrustedProxies::parse({}).value().empty());
}

TEST(TrustedProxies, NoneTrustedByDefaultSoTheHeadersAreIgnored) {
  TrustedProxies none;
  auto c = none.client("127.0.0.1", {"203.0.113.7"}, {"https"});
  EXPECT_EQ(c.address, "127.0.0.1");
  EXPECT_FALSE(c.overTls);
}

TEST(TrustedProxies, AnUntrustedPeerIsTheClientWhateverItSays) {
  auto p = proxies({"10.0.0.0/8"});
  auto c = p.client("198.51.100.9", {"203.0.113.7"}, {"https"});
  EXPECT_EQ(c.address, "198.51.100.9");
  EXPECT_FALSE(c.overTls);
}

TEST(TrustedProxies, TheClientIsTheRightMostUntrustedHop) {
  auto p = proxies({"10.0.0.0/8"});
  EXPECT_EQ(p.client("10.0.0.1", {"203.0.113.7"}, {}).address, "203.0.113.7");
  EXPECT_EQ(p.client("10.0.0.1", {"1.2.3.4, 203.0.113.7"}, {}).address, "203.0.113.7") << "a forged left hop";
  EXPECT_EQ(p.client("10.0.0.1", {"203.0.113.7, 10.9.9.9"}, {}).address, "203.0.113.7") << "two proxies";
  EXPECT_EQ(p.client("10.0.0.1", {"1.2.3.4", "203.0.113.7"}, {}).address, "203.0.113.7") << "two header lines";
  EXPECT_EQ(p.client("10.0.0.1", {"203.0.113.7:5123"}, {}).address, "203.0.113.7");
  EXPECT_EQ(p.client("10.0.0.1", {"[2001:db8::1]:443"}, {}).address, "2001:db8::1");
  EXPECT_EQ(p.client("10.0.0.1", {"2001:db8::1"}, {}).address, "2001:db8::1");
  EXPECT_EQ(p.client("10.0.0.1", {"10.1.1.1, 10.2.2.2"}, {}).address, "10.1.1.1") << "all trusted: the left-most";
  EXPECT_EQ(p.client("10.0.0.1", {"203.0.113.7, unknown"}, {}).address, "10.0.0.1") << "an unreadable nearest hop";
  EXPECT_EQ(p.client("10.0.0.1", {"unknown, 203.0.113.7"}, {}).address, "203.0.113.7");
  EXPECT_EQ(p.client("10.0.0.1", {}, {}).address, "10.0.0.1");
}

TEST(TrustedProxies, TheNearestProxySaysWhetherTheClientCameOverTls) {
  auto p = proxies({"10.0.0.0/8"});
  EXPECT_TRUE(p.client("10.0.0.1", {"203.0.113.7"}, {"https"}).overTls);
  EXPECT_TRUE(p.client("10.0.0.1", {"203.0.113.7"}, {"http, https"}).overTls);
  EXPECT_FALSE(p.client("10.0.0.1", {"203.0.113.7"}, {"https, http"}).overTls);
  EXPECT_FALSE(p.client("10.0.0.1", {"203.0.113.7"}, {"HTTPS-ish"}).overTls);
}

}  // namespace
}  // namespace jinfu::http
