#include "platform/http/forwarded.hpp"

#include <charconv>

#include <boost/asio/ip/address.hpp>

#include "platform/text.hpp"

namespace jinfu::http {
namespace {

// 4 bytes for IPv4 (and IPv4-mapped IPv6, as a dual-stack socket reports IPv4 peers), 16 for IPv6.
std::optional<std::string> addressBytes(std::string_view text) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    a = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6());
  if (a.is_v4()) {
    auto b = a.to_v4().to_bytes();
    return std::string(b.begin(), b.end());
  }
  auto b = a.to_v6().to_bytes();
  return std::string(b.begin(), b.end());
}


// "198.51.100.7", "[2001:db8::1]:443" or "198.51.100.7:5123" → the address alone.
std::string_view hostOf(std::string_view hop) {
  hop = text::trimAscii(hop);
  if (hop.starts_with('[')) {
    auto close = hop.find(']');
    return close == std::string_view::npos ? std::string_view{} : hop.substr(1, close - 1);
  }
  auto colon = hop.find(':');
  if (colon != std::string_view::npos && hop.find(':', colon + 1) == std::string_view::npos)
    return hop.substr(0, colon);  // IPv4 with a port; a bare IPv6 address has several colons
  return hop;
}

}  // namespace

std::optional<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& cidrs) {
  TrustedProxies out;
  for (const auto& cidr : cidrs) {
    std::string_view spec = text::trimAscii(cidr);
    auto slash = spec.find('/');
    auto bytes = addressBytes(spec.substr(0, slash));
    if (!bytes) return std::nullopt;
    int bits = static_cast<int>(bytes->size()) * 8, prefix = bits;
    if (slash != std::string_view::npos) {
      auto p = spec.substr(slash + 1);
      auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
      if (ec != std::errc() || ptr != p.data() + p.size() || p.empty() || prefix < 0 || prefix > bits)
        return std::nullopt;
    }
    out.networks_.push_back({std::move(*bytes), prefix});
  }
  return out;
}

bool TrustedProxies::trusts(std::string_view address) const {
  if (networks_.empty()) return false;
  auto bytes = addressBytes(address);
  if (!bytes) return false;
  for (const auto& n : networks_) {
    if (n.bytes.size() != bytes->size()) continue;
    int full = n.prefix / 8, rest = n.prefix % 8;
    if (n.bytes.compare(0, static_cast<size_t>(full), *bytes, 0, static_cast<size_t>(full)) != 0) continue;
    if (rest) {
      auto mask = static_cast<unsigned char>(0xFF << (8 - rest));
      if ((static_cast<unsigned char>(n.bytes[full]) & mask) != (static_cast<unsigned char>((*bytes)[full]) & mask))
        continue;
    }
    return true;
  }
  return false;
}

TrustedProxies::Client TrustedProxies::client(std::string_view peer, const std::vector<std::string_view>& forwardedFor,
                                              const std::vector<std::string_view>& forwardedProto) const {
  Client c{std::string(peer), false};
  if (!trusts(peer)) return c;
  std::vector<std::string_view> hops;
  for (auto header : forwardedFor) {
    for (size_t start = 0; start <= header.size();) {
      auto comma = header.find(',', start);
      if (comma == std::string_view::npos) comma = header.size();
      hops.push_back(hostOf(header.substr(start, comma - start)));
      start = comma + 1;
    }
  }
  // From the right: skip our own proxies; the first other hop is the client. A hop that is not an
  // address (garbage, "unknown") ends the walk: what lies left of it cannot be vouched for.
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    if (!addressBytes(*it)) break;
    c.address = std::string(*it);
    if (!trusts(*it)) break;
  }
  // The proxy nearest to us writes the last X-Forwarded-Proto value.
  if (!forwardedProto.empty()) {
    auto last = forwardedProto.back();
    auto comma = last.rfind(',');
    c.overTls = text::trimAscii(comma == std::string_view::npos ? last : last.substr(comma + 1)) == "https";
  }
  return c;
}

}  // namespace jinfu::http
