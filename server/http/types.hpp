#pragma once
#include <boost/beast/http.hpp>

namespace crm::http {
namespace bhttp = boost::beast::http;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;
using Verb = bhttp::verb;
}  // namespace crm::http
