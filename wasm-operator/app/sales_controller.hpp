#pragma once
// The Pipeline and Deliveries tabs' actions and the delivery dialog (P): moving a card on the
// board, delivering a lead (routing plan, price, channel, payment), and what follows (resend,
// PDF, copy the link, refund and reassign), with the agents they choose from. Turns them into
// API requests and the answers into SalesModel; never draws. A stage move goes through
// SyncController::submit (kept on the device offline).
#include <string>
#include <vector>

#include "api/api_client.hpp"
#include "app/automations_controller.hpp"
#include "app/console_state.hpp"
#include "app/sync_controller.hpp"

namespace crm::console {

struct AgentInfo {
    std::int64_t id = 0;
    std::string name;
};

struct DeliveryChoice {
    std::int64_t lead_id = 0, agent_id = 0;
    std::string channel = "link", payment = "credits";
    bool exclusive = false, allow_not_ready = false;
    bool full_contact = false;  // "agent de confiance": the contact before acceptance
};

class SalesController {
public:
    SalesController(ConsoleState& state, ApiClient& api, SyncController& sync, AutomationsController& automations)
        : state_(state), api_(api), sync_(sync), automations_(automations) {}

    // The agents, for the delivery dialog, the Deliveries tab and the notifications' reassign.
    void load_agents();
    const std::vector<AgentInfo>& agents() const { return agents_; }

    void move_stage(std::int64_t lead_id, domain::Stage stage);  // a card dropped on a column
    void load_deliveries();
    void open_delivery_dialog(std::int64_t lead_id = 0);  // P: the routing plan (0 = the queue's current lead)
    void create_delivery(const DeliveryChoice& c);
    void resend_delivery(std::int64_t id, const std::string& channel);
    void open_delivery_pdf(std::int64_t id);
    void copy_share_link(std::int64_t id);
    void copy_text(const std::string& text, const std::string& done);
    // Refund and reassign also answer a notification (0: none) of the Automations tab.
    void refund_delivery(std::int64_t delivery_id, const std::string& reason, std::int64_t notification_id);
    void reassign_delivery(std::int64_t delivery_id, std::int64_t agent_id, std::int64_t notification_id);
    // A card-payment link is made by a server job: the deliveries are asked again a few times
    // until it shows.
    void poll_payment_links(double now_ms);
    bool open_deliver = false;  // the delivery dialog (set by P, cleared by the view)

private:
    void refresh_lead(std::int64_t id);  // after the server changed it (delivery, refund)
    void after_delivery_answer(const ApiResult& r, const std::string& done);
    void act_on_delivery(std::int64_t delivery_id, const std::string& verb, const nlohmann::json& body,
                         std::int64_t notification_id, const std::string& what, const std::string& done);
    ConsoleState& state_;
    ApiClient& api_;
    SyncController& sync_;
    AutomationsController& automations_;  // a notification's refund or reassign is answered there
    std::vector<AgentInfo> agents_;
    int payment_polls_left_ = 0;
    double payment_poll_at_ms_ = 0;
};

}  // namespace crm::console
