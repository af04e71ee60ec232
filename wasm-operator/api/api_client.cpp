#include "api/api_client.hpp"

#include <emscripten/fetch.h>

#include <cstring>

namespace crm::console {

namespace {

struct Pending {
    ApiClient* client;
    ApiClient::Callback callback;
    std::string body;  // kept alive until the request completes
    bool at_once;
};

void on_done(emscripten_fetch_t* fetch) {
    auto* p = static_cast<Pending*>(fetch->userData);
    ApiResult r;
    r.status = fetch->status;
    if (fetch->data && fetch->numBytes > 0) r.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
    p->client->complete(std::move(p->callback), std::move(r), p->at_once);
    delete p;
    emscripten_fetch_close(fetch);
}

}  // namespace

std::string ApiResult::error_message() const {
    if (status == 0) return "Serveur injoignable (hors ligne ?)";
    auto j = json();
    if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].contains("message"))
        return j["error"]["message"].get<std::string>();
    return "Erreur " + std::to_string(status);
}

std::string ApiResult::error_with_fields() const {
    std::string out = error_message();
    auto j = json();
    if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].contains("fields") &&
        j["error"]["fields"].is_object())
        for (const auto& [field, why] : j["error"]["fields"].items())
            if (why.is_string()) out += " (" + field + " : " + why.get<std::string>() + ")";
    return out;
}

void ApiClient::send(const char* method, const std::string& path, std::string body, const char* content_type,
                     Callback cb, const std::string& idempotency_key, bool at_once) {
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, method, sizeof attr.requestMethod - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    static const char* const get_headers[] = {"Accept", "application/json", nullptr};
    // emscripten_fetch copies the headers, so the content type may live on the stack.
    const char* const write_headers[] = {"Accept",
                                         "application/json",
                                         "Content-Type",
                                         content_type,
                                         "X-Requested-With",
                                         "crm",
                                         idempotency_key.empty() ? nullptr : "Idempotency-Key",
                                         idempotency_key.c_str(),
                                         nullptr};
    const bool write = std::strcmp(method, "GET") != 0;
    attr.requestHeaders = write ? write_headers : get_headers;
    auto* pending = new Pending{this, std::move(cb), std::move(body), at_once};
    if (write) {
        attr.requestData = pending->body.data();
        attr.requestDataSize = pending->body.size();
    }
    attr.userData = pending;
    attr.onsuccess = on_done;
    attr.onerror = on_done;
    ++in_flight_;
    sending_ = true;
    emscripten_fetch(&attr, path.c_str());
    sending_ = false;
}

void ApiClient::complete(Callback cb, ApiResult result, bool at_once) {
    --in_flight_;
    // Never from inside send() (a fetch that fails at once): its caller is mid-way.
    if (at_once && !sending_) {
        if (cb) cb(result);
        return;
    }
    done_.emplace_back(std::move(cb), std::move(result));
}

void ApiClient::poll() {
    while (!done_.empty()) {
        auto [cb, result] = std::move(done_.front());
        done_.pop_front();
        if (cb) cb(result);
    }
}

}  // namespace crm::console
