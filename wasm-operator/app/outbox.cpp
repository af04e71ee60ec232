#include "app/outbox.hpp"

#include "crm/domain/json.hpp"

namespace crm::console {

ReplayVerdict replay_verdict(int status) {
    if (status >= 200 && status < 300) return ReplayVerdict::done;
    // 0: no network. 409 in_progress: the first send is still running on the server. 429 and
    // 5xx (503 busy database): later. 401: the session expired; after the next login.
    if (status == 0 || status == 401 || status == 408 || status == 429 || status >= 500)
        return ReplayVerdict::retry_later;
    return ReplayVerdict::refused;
}

std::string make_op_id(const unsigned char random[16]) {
    static const char* hex = "0123456789abcdef";
    std::string id = "op-";
    for (int i = 0; i < 16; ++i) {
        id += hex[random[i] >> 4];
        id += hex[random[i] & 15];
    }
    return id;
}

nlohmann::json Outbox::to_json() const {
    auto out = nlohmann::json::array();
    for (const auto& op : ops_) {
        nlohmann::json j = {{"id", op.id},          {"method", op.method}, {"path", op.path},     {"body", op.body},
                            {"leadId", op.lead_id}, {"label", op.label},   {"madeAt", op.made_at}};
        if (op.expected) j["expected"] = *op.expected;
        out.push_back(std::move(j));
    }
    return out;
}

std::optional<Outbox> Outbox::from_json(const nlohmann::json& j) {
    if (!j.is_array()) return std::nullopt;
    Outbox box;
    try {
        for (const auto& o : j) {
            PendingOp op;
            op.id = o.at("id").get<std::string>();
            op.method = o.at("method").get<std::string>();
            op.path = o.at("path").get<std::string>();
            op.body = o.value("body", nlohmann::json::object());
            op.lead_id = o.value("leadId", std::int64_t{0});
            op.label = o.value("label", std::string());
            op.made_at = o.value("madeAt", std::int64_t{0});
            if (o.contains("expected")) op.expected = o["expected"].get<domain::Lead>();
            box.push(std::move(op));
        }
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return box;
}

}  // namespace crm::console
