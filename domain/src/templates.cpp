#include "crm/domain/templates.hpp"

#include <algorithm>

namespace crm::domain {

const std::vector<std::string>& known_merge_tags() {
    static const std::vector<std::string> tags = {"firstName", "city", "date", "time", "agentName"};
    return tags;
}

namespace {

// Calls on_tag(name) for every {identifier}; other braces are left as text.
template <typename F>
std::string walk(const std::string& body, F on_tag) {
    std::string out;
    std::size_t i = 0;
    while (i < body.size()) {
        if (body[i] == '{') {
            const auto close = body.find('}', i + 1);
            if (close != std::string::npos) {
                const std::string name = body.substr(i + 1, close - i - 1);
                const bool identifier = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                });
                if (identifier) {
                    out += on_tag(name);
                    i = close + 1;
                    continue;
                }
            }
        }
        out += body[i++];
    }
    return out;
}

bool known(const std::string& tag) {
    const auto& k = known_merge_tags();
    return std::find(k.begin(), k.end(), tag) != k.end();
}

}  // namespace

TemplateCheck check_template(const std::string& body) {
    TemplateCheck c;
    walk(body, [&](const std::string& tag) {
        if (!known(tag) && std::find(c.unknown_tags.begin(), c.unknown_tags.end(), tag) == c.unknown_tags.end())
            c.unknown_tags.push_back(tag);
        return std::string();
    });
    return c;
}

MergeResult merge_template(const std::string& body, const std::map<std::string, std::string>& values) {
    MergeResult r;
    r.text = walk(body, [&](const std::string& tag) -> std::string {
        if (!known(tag)) {
            if (r.error.empty()) r.error = "balise inconnue {" + tag + "}";
            return "";
        }
        auto it = values.find(tag);
        return it == values.end() ? std::string() : it->second;
    });
    if (!r.ok()) r.text.clear();
    return r;
}

bool mentions_stop(const std::string& body) {
    return body.find("STOP") != std::string::npos;
}

bool waits_for_sms_window(bool manual, const std::optional<bool>& template_transactional, const std::string& body) {
    if (!manual) return !template_transactional.value_or(false);
    if (template_transactional) return !*template_transactional;
    return mentions_stop(body);
}

}  // namespace crm::domain
