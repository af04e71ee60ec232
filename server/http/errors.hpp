#pragma once
// The API's error shape: {"error": {"code", "message", "fields"?}} plus optional extra keys
// (e.g. duplicate candidates). Handlers throw ApiError; the dispatcher turns it into JSON.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "http/types.hpp"

namespace crm::http {

class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string code, const std::string& message, nlohmann::json fields = nullptr,
             nlohmann::json extra = nullptr)
        : std::runtime_error(message),
          status_(status),
          code_(std::move(code)),
          fields_(std::move(fields)),
          extra_(std::move(extra)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }
    nlohmann::json body() const;

private:
    int status_;
    std::string code_;
    nlohmann::json fields_;
    nlohmann::json extra_;
};

ApiError bad_request(const std::string& message);
ApiError unauthenticated(const std::string& message = "Connectez-vous pour continuer.");
ApiError forbidden(const std::string& message = "Accès refusé pour ce rôle.");
ApiError not_found(const std::string& message = "Introuvable.");
ApiError conflict(std::string code, const std::string& message, nlohmann::json extra = nullptr);
ApiError validation(nlohmann::json fields, const std::string& message = "Certains champs sont invalides.");
// 429 with Retry-After (and retryAfterSeconds in the body).
ApiError rate_limited(std::int64_t retry_after_s);

Response json_response(const Request& req, unsigned status, const nlohmann::json& body);
// The same with a body already serialised (an answer kept for the next request).
Response json_text_response(const Request& req, unsigned status, std::string body);
Response no_content(const Request& req);
Response error_response(const Request& req, const ApiError& e);

}  // namespace crm::http
