#pragma once
// HTTP to the CRM server through emscripten_fetch: same-origin (the session cookie goes
// along), JSON bodies, X-Requested-With on writes. Answers are queued and handed to their
// callbacks by poll(), which the main loop calls before drawing: no HTTP inside views. The
// exception is get_at_once, for a chain of requests (the sync's pages).
#include <deque>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace crm::console {

struct ApiResult {
    int status = 0;  // 0 = network failure
    std::string body;
    nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
    bool ok() const { return status >= 200 && status < 300; }
    std::string error_message() const;      // the API's error message, or a generic one
    std::string error_with_fields() const;  // … followed by the fields it names ("(action : …)")
};

class ApiClient {
public:
    using Callback = std::function<void(const ApiResult&)>;
    void get(const std::string& path, Callback cb) { send("GET", path, "", kJson, std::move(cb)); }
    void post(const std::string& path, const nlohmann::json& body, Callback cb) {
        send("POST", path, body.dump(), kJson, std::move(cb));
    }
    void put(const std::string& path, const nlohmann::json& body, Callback cb) {
        send("PUT", path, body.dump(), kJson, std::move(cb));
    }
    void patch(const std::string& path, const nlohmann::json& body, Callback cb) {
        send("PATCH", path, body.dump(), kJson, std::move(cb));
    }
    // Answered as soon as the answer arrives, between frames, not at the next frame: a chain of
    // requests (a first sync of 100,000 leads is 100 pages) would otherwise wait up to a frame
    // for each link. The callback must not draw (none does).
    void get_at_once(const std::string& path, Callback cb) { send("GET", path, "", kJson, std::move(cb), "", true); }
    void del(const std::string& path, Callback cb) { send("DELETE", path, "", kJson, std::move(cb)); }
    // A body that is not JSON (the CSV import), sent as is with its own content type.
    void post_text(const std::string& path, std::string body, const char* content_type, Callback cb) {
        send("POST", path, std::move(body), content_type, std::move(cb));
    }
    // A write carrying an Idempotency-Key: the server applies the key once, so sending it again
    // after a lost answer is safe (the offline outbox's replays).
    void send_keyed(const std::string& method, const std::string& path, const nlohmann::json& body,
                    const std::string& key, Callback cb) {
        send(method.c_str(), path, body.dump(), kJson, std::move(cb), key);
    }
    void poll();  // runs the callbacks of the answers received since the last frame
    int in_flight() const { return in_flight_; }

    // Called by the fetch completion handlers.
    void complete(Callback cb, ApiResult result, bool at_once);

private:
    static constexpr const char* kJson = "application/json";
    void send(const char* method, const std::string& path, std::string body, const char* content_type, Callback cb,
              const std::string& idempotency_key = "", bool at_once = false);
    std::deque<std::pair<Callback, ApiResult>> done_;
    int in_flight_ = 0;
    bool sending_ = false;  // inside emscripten_fetch: an answer given at once then waits for poll()
};

}  // namespace crm::console
