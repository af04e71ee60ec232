#include "app/messages_controller.hpp"

#include "app/json_read.hpp"

namespace crm::console {

void MessagesController::load_integrations() {
    api_.get("/api/integrations", [this](const ApiResult& r) {
        if (r.ok()) integrations_ = integrations_from_json(r.json());
    });
}

void MessagesController::send_outbox() {
    message = "Envoi de la boîte d'envoi…";
    api_.post("/api/messages/send-outbox", nlohmann::json::object(), [this](const ApiResult& r) {
        if (!r.ok()) {
            message = r.error_message();
            return;
        }
        const auto j = r.json();
        const auto queued = j.value("queued", nlohmann::json::object());
        const auto sms = queued.is_object() ? json_read::number(queued, "sms") : 0;
        const auto email = queued.is_object() ? json_read::number(queued, "email") : 0;
        const auto packages = json_read::number(j, "packagesToResend");
        message = std::to_string(sms) + " SMS et " + std::to_string(email) + " e-mail(s) repartent (chacun une fois).";
        if (packages > 0)
            message += " " + std::to_string(packages) + " colis à renvoyer depuis Livraisons (nouveau lien).";
        load_integrations();
    });
}

void MessagesController::confirm_whatsapp(std::int64_t message_id, std::function<void()> done) {
    api_.post("/api/messages/" + std::to_string(message_id) + "/confirm", nlohmann::json::object(),
              [this, done](const ApiResult& r) {
                  message = r.ok() ? "WhatsApp confirmé comme envoyé." : r.error_message();
                  load_integrations();
                  if (done) done();
              });
}

}  // namespace crm::console
