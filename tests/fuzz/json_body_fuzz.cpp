// Request bodies: any bytes parse into JSON or are refused, and typed reads of a lead or the
// settings either succeed or raise the errors the server turns into 400 / 422, never a crash.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "api/body_reader.hpp"
#include "crm/domain/json.hpp"
#include "http/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto body = nlohmann::json::parse(text, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return 0;
    try {
        crm::api::BodyReader in(body);
        in.text("firstName", false, 100);
        in.text("phone", true, 40);
        in.integer("priceEstimateCents", false, 0, 1'000'000'000'00);
        in.boolean("consent", false);
        in.finish();
    } catch (const crm::http::ApiError& e) {
        if (e.status() != 400 && e.status() != 422) __builtin_trap();
    }
    try {
        crm::domain::Lead lead;
        crm::domain::from_json(body, lead);
    } catch (const nlohmann::json::exception&) {
    }
    try {
        crm::domain::Settings s;
        crm::domain::from_json(body, s);
    } catch (const nlohmann::json::exception&) {
    }
    return 0;
}
