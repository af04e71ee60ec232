#pragma once
// A postgresql:// URL may carry a password: it is never printed, logged or put on a command
// line (where `ps` shows it); these split it out.
#include <string>

namespace crm::db {

struct UrlWithoutPassword {
    std::string url;       // the URL, password removed
    std::string password;  // empty when there was none
};

UrlWithoutPassword split_password(const std::string& url);

// What may be shown of a database location: a file path as it is, a URL without its password.
std::string printable_location(const std::string& location);

}  // namespace crm::db
