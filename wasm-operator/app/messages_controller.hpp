#pragma once
// Messages in the console: which providers are real (status bar, Automations tab), sending the
// local outbox once one is, and confirming that a prepared WhatsApp message went. Turns them
// into API requests and the answers into the state; never draws.
#include <functional>
#include <string>

#include "api/api_client.hpp"
#include "app/messages_model.hpp"

namespace crm::console {

class MessagesController {
public:
    MessagesController(Integrations& integrations, ApiClient& api) : integrations_(integrations), api_(api) {}

    void load_integrations();
    void send_outbox();
    // `done` runs once the server answered (the lead card then reloads its history).
    void confirm_whatsapp(std::int64_t message_id, std::function<void()> done);
    std::string message;  // the last action's result, shown in the Automations tab

private:
    Integrations& integrations_;
    ApiClient& api_;
};

}  // namespace crm::console
