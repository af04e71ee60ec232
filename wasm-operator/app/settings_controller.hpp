#pragma once
// The settings dialog's actions (the , key): the server's settings (calling windows, caps, the
// consent script) read at start and saved with the server's check. Turns them into API
// requests and the answers into ConsoleState's settings; never draws.
#include <string>

#include "api/api_client.hpp"
#include "app/console_state.hpp"

namespace crm::console {

class SettingsController {
public:
    SettingsController(ConsoleState& state, ApiClient& api) : state_(state), api_(api) {}

    void load();  // GET /api/settings
    void save(const domain::Settings& s);
    // The server's settings arrived: the device's copy, read later, must not replace them.
    bool from_server() const { return from_server_; }
    std::string message;  // the last save's result, shown in the dialog
    bool open_dialog = false;

private:
    ConsoleState& state_;
    ApiClient& api_;
    bool from_server_ = false;
};

}  // namespace crm::console
