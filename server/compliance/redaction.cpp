#include "compliance/redaction.hpp"

#include <algorithm>

#include "crm/domain/json.hpp"
#include "crm/domain/personal_data.hpp"

namespace crm::compliance {

namespace {

void add_unique(std::vector<std::string>& to, const std::string& value) {
    if (!value.empty() && std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
}

std::string string_at(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// Shorter free texts ("ok", "rappeler") only count as the whole value: inside other strings
// they would match words that are nobody's.
constexpr std::size_t kQuotedFreeTextMin = 12;

}  // namespace

void Redactor::add_name(const std::string& name) {
    if (name != marker_) add_unique(names_, name);
}
void Redactor::add_email(const std::string& email) {
    if (email != marker_) add_unique(emails_, email);
}
void Redactor::add_phone(const std::string& phone) {
    add_unique(phone_keys_, domain::phone_key(phone));
}
void Redactor::add_free_text(const std::string& text) {
    if (text != marker_) add_unique(free_texts_, text);
}

void Redactor::add_people_in(const nlohmann::json& j) {
    if (j.is_array()) {
        for (const auto& v : j) add_people_in(v);
        return;
    }
    if (!j.is_object()) return;
    if (j.contains("firstName") && (j.contains("phone") || j.contains("email"))) {
        add_name(string_at(j, "firstName"));
        add_name(string_at(j, "lastName"));
        add_email(string_at(j, "email"));
        add_phone(string_at(j, "phone"));
        add_phone(string_at(j, "phoneE164"));
    }
    for (const auto& [key, v] : j.items()) add_people_in(v);
}

bool Redactor::quotes_free_text(const std::string& s) const {
    for (const auto& t : free_texts_)
        if (s == t || (t.size() >= kQuotedFreeTextMin && s.find(t) != std::string::npos)) return true;
    return false;
}

std::string Redactor::text(const std::string& s) const {
    if (s.empty() || s == marker_) return s;
    if (quotes_free_text(s)) return marker_;
    std::vector<domain::TextSpan> spans;
    for (const auto& key : phone_keys_) {
        const auto found = domain::phone_spans(s, key);
        spans.insert(spans.end(), found.begin(), found.end());
    }
    for (const auto* list : {&emails_, &names_})
        for (const auto& needle : *list) {
            const auto found = domain::find_without_case(s, needle);
            spans.insert(spans.end(), found.begin(), found.end());
        }
    return spans.empty() ? s : domain::replace_spans(s, spans, marker_);
}

nlohmann::json Redactor::json(const nlohmann::json& j) const {
    if (j.is_string()) return text(j.get<std::string>());
    if (!j.is_structured()) return j;
    auto out = j;
    for (auto& [key, v] : out.items()) v = json(v);
    return out;
}

std::string Redactor::document(const std::string& stored) const {
    const auto parsed = nlohmann::json::parse(stored, nullptr, false);
    if (parsed.is_discarded()) return text(stored);
    return domain::json_text(json(parsed));
}

bool Redactor::identifies(const std::string& s) const {
    for (const auto& key : phone_keys_)
        if (!domain::phone_spans(s, key).empty()) return true;
    for (const auto& e : emails_)
        if (!domain::find_without_case(s, e).empty()) return true;
    return false;
}

}  // namespace crm::compliance
