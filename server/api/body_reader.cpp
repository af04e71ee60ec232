#include "api/body_reader.hpp"

#include "http/errors.hpp"

namespace crm::api {

void BodyReader::invalid(const std::string& key, const std::string& message) {
    if (!errors_.contains(key)) errors_[key] = message;
}

std::optional<std::string> BodyReader::text(const char* key, bool required, std::size_t max_len) {
    if (!body_.contains(key) || body_[key].is_null()) {
        if (required) invalid(key, "obligatoire");
        return std::nullopt;
    }
    if (!body_[key].is_string()) throw http::bad_request(std::string("« ") + key + " » doit être une chaîne.");
    std::string v = body_[key].get<std::string>();
    if (required && v.find_first_not_of(" \t\r\n") == std::string::npos) {
        invalid(key, "obligatoire");
        return std::nullopt;
    }
    if (v.size() > max_len) {
        invalid(key, "trop long (" + std::to_string(max_len) + " caractères au plus)");
        return std::nullopt;
    }
    return v;
}

std::optional<std::int64_t> BodyReader::integer(const char* key, bool required, std::int64_t min, std::int64_t max) {
    if (!body_.contains(key) || body_[key].is_null()) {
        if (required) invalid(key, "obligatoire");
        return std::nullopt;
    }
    const auto& v = body_[key];
    if (!v.is_number_integer()) throw http::bad_request(std::string("« ") + key + " » doit être un entier.");
    const auto n = v.get<std::int64_t>();
    if (n < min || n > max) {
        invalid(key, "hors limites (" + std::to_string(min) + " à " + std::to_string(max) + ")");
        return std::nullopt;
    }
    return n;
}

std::optional<bool> BodyReader::boolean(const char* key, bool required) {
    if (!body_.contains(key) || body_[key].is_null()) {
        if (required) invalid(key, "obligatoire");
        return std::nullopt;
    }
    if (!body_[key].is_boolean()) throw http::bad_request(std::string("« ") + key + " » doit être un booléen.");
    return body_[key].get<bool>();
}

std::vector<std::string> BodyReader::text_list(const char* key, std::size_t max_items, std::size_t max_len) {
    std::vector<std::string> out;
    if (!body_.contains(key) || body_[key].is_null()) return out;
    const auto& list = body_[key];
    if (!list.is_array()) throw http::bad_request(std::string("« ") + key + " » doit être une liste.");
    for (const auto& v : list) {
        if (!v.is_string()) throw http::bad_request(std::string("« ") + key + " » doit être une liste de textes.");
        auto s = v.get<std::string>();
        if (s.empty() || s.size() > max_len) {
            invalid(key, "entre 1 et " + std::to_string(max_len) + " caractères par élément");
            break;
        }
        out.push_back(std::move(s));
    }
    if (out.size() > max_items) invalid(key, std::to_string(max_items) + " éléments au plus");
    return out;
}

void BodyReader::finish() const {
    if (!errors_.empty()) throw http::validation(errors_);
}

}  // namespace crm::api
