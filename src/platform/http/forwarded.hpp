#pragma once
// Who the client is when the platform runs behind a reverse proxy (nginx, a load balancer).
//
// X-Forwarded-For and X-Forwarded-Proto are only as true as whoever wrote them: any client can
// send them. They are believed only from a peer in a configured trusted network, and then read
// from the right: each trusted proxy appends the address it received the request from, so the
// right-most address that is not itself a trusted proxy is the client (RFC 7239 §7.4). Nothing is
// trusted by default; without it every user behind one proxy would share one address, and one
// person's failed log-ins would lock everyone out.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinfu::http {

class TrustedProxies {
 public:
  // "10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8". nullopt for anything else.
  static std::optional<TrustedProxies> parse(const std::vector<std::string>& cidrs);

  bool empty() const { return networks_.empty(); }
  bool trusts(std::string_view address) const;

  struct Client {
    std::string address;
    bool overTls = false;
  };
  // The client behind `peer`, given the request's X-Forwarded-For and X-Forwarded-Proto header
  // values (every occurrence, in order).
  Client client(std::string_view peer, const std::vector<std::string_view>& forwardedFor,
                const std::vector<std::string_view>& forwardedProto) const;

 private:
  struct Network {
    std::string bytes;  // 4 or 16 bytes, network order
    int prefix = 0;
  };
  std::vector<Network> networks_;
};

}  // namespace jinfu::http
