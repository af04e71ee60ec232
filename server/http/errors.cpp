#include "http/errors.hpp"

#include "crm/domain/json.hpp"

namespace crm::http {

nlohmann::json ApiError::body() const {
    nlohmann::json err = {{"code", code_}, {"message", what()}};
    if (!fields_.is_null()) err["fields"] = fields_;
    nlohmann::json out = {{"error", err}};
    if (extra_.is_object())
        for (auto it = extra_.begin(); it != extra_.end(); ++it) out[it.key()] = it.value();
    return out;
}

ApiError bad_request(const std::string& m) {
    return ApiError(400, "bad_request", m);
}
ApiError unauthenticated(const std::string& m) {
    return ApiError(401, "unauthenticated", m);
}
ApiError forbidden(const std::string& m) {
    return ApiError(403, "forbidden", m);
}
ApiError not_found(const std::string& m) {
    return ApiError(404, "not_found", m);
}
ApiError conflict(std::string code, const std::string& m, nlohmann::json extra) {
    return ApiError(409, std::move(code), m, nullptr, std::move(extra));
}
ApiError validation(nlohmann::json fields, const std::string& m) {
    return ApiError(422, "validation", m, std::move(fields));
}
ApiError rate_limited(std::int64_t retry_after_s) {
    const auto minutes = (retry_after_s + 59) / 60;
    return ApiError(429, "rate_limited",
                    "Trop de tentatives. Réessayez dans " +
                        (minutes <= 1 ? std::string("une minute") : std::to_string(minutes) + " minutes") + ".",
                    nullptr, {{"retryAfterSeconds", retry_after_s}});
}

Response json_response(const Request& req, unsigned status, const nlohmann::json& body) {
    return json_text_response(req, status, domain::json_text(body));
}

Response json_text_response(const Request& req, unsigned status, std::string body) {
    Response res{static_cast<bhttp::status>(status), req.version()};
    res.set(bhttp::field::content_type, "application/json; charset=utf-8");
    res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

Response no_content(const Request& req) {
    Response res{bhttp::status::no_content, req.version()};
    res.set(bhttp::field::cache_control, "no-store");
    res.keep_alive(req.keep_alive());
    return res;
}

Response error_response(const Request& req, const ApiError& e) {
    const auto body = e.body();
    auto res = json_response(req, e.status(), body);
    if (body.contains("retryAfterSeconds")) res.set(bhttp::field::retry_after, body["retryAfterSeconds"].dump());
    return res;
}

}  // namespace crm::http
