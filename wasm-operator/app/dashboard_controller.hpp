#pragma once
// The Dashboard tab's actions: the figures for 7 or 30 days, the duplicate groups and their
// merge, the CSV import. Turns them into API requests and the answers into DashboardModel and
// HygieneModel; never draws. A merge or an import changes the console's leads: the owner's
// hooks keep the device's copy and the queue in step.
#include <functional>
#include <string>

#include "api/api_client.hpp"
#include "app/console_state.hpp"

namespace crm::console {

struct DashboardHooks {
    std::function<void(std::int64_t lead_id)> lead_merged_away;  // gone from the device's copy
    std::function<void()> sync_now;                              // the server's leads into the queue
};

class DashboardController {
public:
    DashboardController(ConsoleState& state, ApiClient& api, DashboardHooks hooks)
        : state_(state), api_(api), hooks_(std::move(hooks)) {}

    void load();                                  // GET /api/dashboard?days= for state.dashboard.days()
    void set_days(int days);                      // 7 or 30
    void refresh_after_change();                  // an outcome, a merge or an import moved the figures
    void show_section(DashboardSection section);  // D, I: the tab opened on that section
    void load_duplicates();
    void merge_leads(std::int64_t keep_id, std::int64_t from_id);
    void import_csv(const std::string& file_name, const std::string& text);
    // The browser's file dialog can only open from the page's JavaScript: main.cpp opens it
    // after the frame in which this was set (a key or a button, so the browser sees a gesture).
    bool csv_file_requested = false;

private:
    ConsoleState& state_;
    ApiClient& api_;
    DashboardHooks hooks_;
};

}  // namespace crm::console
