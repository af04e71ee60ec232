#pragma once
// The lead form's actions (N new, E edit): create (with the server's duplicate check and the
// choice it offers: merge into the older lead, or create anyway) and edit (a changed phone
// number clears "bad number" on the server). Turns them into API requests and the answers into
// the state; never draws.
#include <optional>
#include <string>

#include "api/api_client.hpp"
#include "app/console_state.hpp"
#include "app/dashboard_controller.hpp"
#include "app/lead_form.hpp"
#include "app/queue_controller.hpp"

namespace crm::console {

class LeadFormController {
public:
    LeadFormController(ConsoleState& state, ApiClient& api, QueueController& queue, DashboardController& dashboard)
        : state_(state), api_(api), queue_(queue), dashboard_(dashboard) {}

    void open(bool edit_current);
    void save(const LeadDraft& d, bool allow_duplicate);
    void create_and_merge(const LeadDraft& d, std::int64_t keep_id);  // keep the older lead
    bool open_dialog = false;
    LeadDraft draft;                           // what the form starts from
    std::optional<DuplicateOffer> duplicates;  // the server's 409: shown side by side
    std::string message;                       // "ok" closes the dialog

private:
    ConsoleState& state_;
    ApiClient& api_;
    QueueController& queue_;          // the card shows the saved lead
    DashboardController& dashboard_;  // a merge moves the figures
};

}  // namespace crm::console
