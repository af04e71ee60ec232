#pragma once
// Reads typed fields out of a JSON request body: a value of the wrong type is a 400 at once;
// missing or invalid values are collected and reported together as one 422.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace crm::api {

class BodyReader {
public:
    explicit BodyReader(const nlohmann::json& body) : body_(body) {}

    std::optional<std::string> text(const char* key, bool required, std::size_t max_len = 2000);
    std::optional<std::int64_t> integer(const char* key, bool required, std::int64_t min, std::int64_t max);
    std::optional<bool> boolean(const char* key, bool required);
    // A list of short texts (an agent's cities or zips); missing or null = empty.
    std::vector<std::string> text_list(const char* key, std::size_t max_items, std::size_t max_len);
    bool has(const char* key) const { return body_.contains(key); }
    bool is_null(const char* key) const { return body_.contains(key) && body_[key].is_null(); }

    void invalid(const std::string& key, const std::string& message);
    bool ok() const { return errors_.empty(); }
    void finish() const;  // throws 422 validation with every collected field

private:
    const nlohmann::json& body_;
    nlohmann::json errors_ = nlohmann::json::object();
};

}  // namespace crm::api
