#include "http/request_context.hpp"

#include "http/errors.hpp"

namespace crm::http {

std::int64_t RequestContext::id_param(const std::string& name) const {
    auto it = params.find(name);
    if (it == params.end()) throw not_found();
    try {
        return std::stoll(it->second);
    } catch (...) {
        throw not_found();
    }
}

std::optional<std::string> RequestContext::query_param(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

int RequestContext::query_int(const std::string& name, int fallback, int min, int max) const {
    auto v = query_param(name);
    if (!v || v->empty()) return fallback;
    try {
        std::size_t used = 0;
        const long long n = std::stoll(*v, &used);
        if (used != v->size()) throw std::invalid_argument("trailing");
        if (n < min || n > max)
            throw validation({{name, "entre " + std::to_string(min) + " et " + std::to_string(max)}});
        return static_cast<int>(n);
    } catch (const ApiError&) {
        throw;
    } catch (...) {
        throw bad_request("Le paramètre « " + name + " » doit être un nombre.");
    }
}

nlohmann::json RequestContext::json_body() const {
    const auto& body = req.body();
    if (body.empty()) return nlohmann::json::object();
    nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded()) throw bad_request("Le corps de la requête n'est pas du JSON valide.");
    if (!j.is_object()) throw bad_request("Le corps de la requête doit être un objet JSON.");
    return j;
}

std::string url_decode(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                   std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::map<std::string, std::string> parse_query(const std::string& query) {
    std::map<std::string, std::string> out;
    std::size_t pos = 0;
    while (pos <= query.size()) {
        auto amp = query.find('&', pos);
        if (amp == std::string::npos) amp = query.size();
        const std::string pair = query.substr(pos, amp - pos);
        if (!pair.empty()) {
            const auto eq = pair.find('=');
            if (eq == std::string::npos)
                out[url_decode(pair)] = "";
            else
                out[url_decode(pair.substr(0, eq))] = url_decode(pair.substr(eq + 1));
        }
        pos = amp + 1;
    }
    return out;
}

}  // namespace crm::http
