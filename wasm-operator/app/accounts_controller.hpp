#pragma once
// The settings page's account actions: the operator's own password, and the accounts of the
// people who sign in (list, create with a one-time link, reset, deactivate, reactivate).
// Turns them into API requests and the answers into AccountsModel; never draws.
#include <string>

#include "api/api_client.hpp"
#include "app/accounts_model.hpp"

namespace crm::console {

struct NewAccountDraft {
    std::string username, display_name, email;
    std::string role = "agent";  // agent | operator
};

class AccountsController {
public:
    AccountsController(AccountsModel& model, ApiClient& api) : model_(model), api_(api) {}

    void load();
    void create(const NewAccountDraft& draft);
    void reset(std::int64_t id);
    void set_active(std::int64_t id, bool active);
    void copy_setup_link();
    void change_password(const std::string& current, const std::string& next, const std::string& confirmation);
    // Set when the server answered a password change, accepted or not: the view empties its
    // fields (nothing typed stays in memory; a refused one is typed again).
    bool clear_password_fields = false;

private:
    void show_link(const nlohmann::json& answer, const std::string& who);
    AccountsModel& model_;
    ApiClient& api_;
};

}  // namespace crm::console
