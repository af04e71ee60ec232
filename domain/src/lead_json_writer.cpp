#include "crm/domain/lead_json_writer.hpp"

#include "crm/domain/json.hpp"

namespace crm::domain {

namespace {

// Writes `"key":value,` pairs; the caller closes the object.
class ObjectWriter {
public:
    explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
    ObjectWriter& key(const char* k) {
        if (!first_) out_ += ',';
        first_ = false;
        out_ += '"';
        out_ += k;  // keys are ours: plain ASCII
        out_ += "\":";
        return *this;
    }
    void text(const std::string& s) {
        // Plain printable ASCII is copied as it is; anything else (accents, control characters,
        // invalid UTF-8) goes through nlohmann's own escaping, so the text stays identical.
        for (const unsigned char c : s)
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                out_ += json_text(nlohmann::json(s));
                return;
            }
        out_ += '"';
        out_ += s;
        out_ += '"';
    }
    void text(const char* s) { text(std::string(s)); }
    void number(std::int64_t v) { out_ += std::to_string(v); }
    void boolean(bool v) { out_ += v ? "true" : "false"; }
    void null() { out_ += "null"; }
    void time(UnixTime t) {
        out_ += '"';
        out_ += format_iso_utc(t);
        out_ += '"';
    }
    void time(const std::optional<UnixTime>& t) { t ? time(*t) : null(); }
    void text(const std::optional<std::string>& s) { s ? text(*s) : null(); }
    template <typename T>
    void number(const std::optional<T>& v) {
        v ? number(static_cast<std::int64_t>(*v)) : null();
    }
    void close() { out_ += '}'; }

private:
    std::string& out_;
    bool first_ = true;
};

}  // namespace

void append_lead_json(std::string& out, const Lead& l) {
    ObjectWriter w(out);
    // In nlohmann's order (its objects are sorted maps), so the text equals json_text(json(l)).
    w.key("area").text(l.area);
    w.key("assignedAgentId").number(l.assigned_agent_id);
    w.key("badNumber").boolean(l.bad_number);
    w.key("callAttemptTimes");
    out += '[';
    for (std::size_t i = 0; i < l.call_attempt_times.size(); ++i) {
        if (i) out += ',';
        w.time(l.call_attempt_times[i]);
    }
    out += ']';
    w.key("city").text(l.city);
    w.key("consent").boolean(l.consent);
    w.key("consentAt").time(l.consent_at);
    w.key("consentNeeded").boolean(!l.consent);
    w.key("consentSource").text(l.consent_source);
    w.key("consentText").text(l.consent_text);
    w.key("costCents").number(l.cost_cents);
    w.key("createdAt").time(l.created_at);
    w.key("dnc").boolean(l.dnc);
    w.key("email").text(l.email);
    w.key("firstConnectAt").time(l.first_connect_at);
    w.key("firstName").text(l.first_name);
    w.key("firstTouchAt").time(l.first_touch_at);
    w.key("hasBookedSlot").boolean(l.has_booked_slot);
    w.key("id").number(l.id);
    w.key("intention").text(to_string(l.intention));
    w.key("lastName").text(l.last_name);
    w.key("lastTouchAt").time(l.last_touch_at);
    w.key("liveTouches").number(l.live_touches);
    w.key("nextActionAt").time(l.next_action_at);
    w.key("notSellerAt").time(l.not_seller_at);
    w.key("ownerUserId").number(l.owner_user_id);
    w.key("phone").text(l.phone);
    w.key("phoneE164").text(l.phone_e164);
    w.key("priceEstimateCents").number(l.price_estimate_cents);
    w.key("repliedAt").time(l.replied_at);
    w.key("source").text(l.source);
    w.key("stage").text(to_string(l.stage));
    w.key("status").text(to_string(l.status));
    w.key("timelineMonths").number(l.timeline_months);
    w.key("unansweredAttempts").number(l.unanswered_attempts);
    w.key("updatedAt").time(l.updated_at);
    w.key("zip").text(l.zip);
    w.close();
}

}  // namespace crm::domain
