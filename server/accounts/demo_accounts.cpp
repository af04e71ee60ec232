#include "accounts/demo_accounts.hpp"

#include <boost/asio/ip/address.hpp>

#include "accounts/users_repo.hpp"
#include "auth/passwords.hpp"

namespace crm::accounts {

bool is_loopback_host(const std::string& host) {
    if (host == "localhost") return true;
    boost::system::error_code ec;
    const auto a = boost::asio::ip::make_address(host, ec);
    return !ec && a.is_loopback();
}

std::vector<std::string> accounts_with_demo_password(db::Database& db) {
    std::vector<std::string> out;
    for (const auto& a : accounts_marked_demo(db)) {
        if (auth::verify_password(a.password_hash, kDemoPassword))
            out.push_back(a.username);
        else if (!db.read_only())
            clear_demo_mark(db, a.id);
    }
    return out;
}

}  // namespace crm::accounts
