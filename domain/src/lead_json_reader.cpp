#include "crm/domain/lead_json_reader.hpp"

#include <type_traits>
#include <unordered_map>

#include "whole_number.hpp"

namespace crm::domain {

namespace {

using nlohmann::json;

// A scalar as the parser gave it.
struct Scalar {
    enum Kind { null, boolean, integer, unsigned_integer, floating, string } kind = null;
    bool b = false;
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double f = 0;
    std::string* s = nullptr;
};

// checked_get<T> of json.cpp: whole numbers that fit (whole_number.hpp). A boolean reads as 0
// or 1 into an int but is refused for an int64 (nlohmann's get<> has its own path for its
// number_integer_t); anything else is refused.
template <typename T>
bool whole(const Scalar& v, T& out) {
    switch (v.kind) {
        case Scalar::boolean:
            if constexpr (std::is_same_v<T, std::int64_t>) return false;
            out = v.b ? 1 : 0;
            return true;
        case Scalar::unsigned_integer:
            if (!detail::fits_whole<T>(v.u)) return false;
            out = static_cast<T>(v.u);
            return true;
        case Scalar::integer:
            if (!detail::fits_whole<T>(v.i)) return false;
            out = static_cast<T>(v.i);
            return true;
        case Scalar::floating:
            if (!detail::fits_whole<T>(v.f)) return false;
            out = static_cast<T>(v.f);
            return true;
        default:
            return false;
    }
}

template <typename T>
bool read_whole(const Scalar& v, T& out) {  // read(): null keeps the value
    return v.kind == Scalar::null || whole(v, out);
}

template <typename T>
bool read_whole(const Scalar& v, std::optional<T>& out) {  // read_opt(): null clears it
    if (v.kind == Scalar::null) {
        out.reset();
        return true;
    }
    T value{};
    if (!whole(v, value)) return false;
    out = value;
    return true;
}

bool read_text(const Scalar& v, std::string& out) {
    if (v.kind == Scalar::null) return true;
    if (v.kind != Scalar::string) return false;
    out = std::move(*v.s);
    return true;
}

bool read_text(const Scalar& v, std::optional<std::string>& out) {
    if (v.kind == Scalar::null) {
        out.reset();
        return true;
    }
    if (v.kind != Scalar::string) return false;
    out = std::move(*v.s);
    return true;
}

bool read_flag(const Scalar& v, bool& out) {
    if (v.kind == Scalar::null) return true;
    if (v.kind != Scalar::boolean) return false;
    out = v.b;
    return true;
}

template <typename E, typename Parse>
bool read_enum(const Scalar& v, E& out, Parse parse) {
    if (v.kind == Scalar::null) return true;
    if (v.kind != Scalar::string) return false;
    const auto e = parse(*v.s);
    if (!e) return false;
    out = *e;
    return true;
}

bool read_time(const Scalar& v, std::optional<UnixTime>& out) {  // read_time_opt(): null clears
    if (v.kind == Scalar::null) {
        out.reset();
        return true;
    }
    if (v.kind != Scalar::string) return false;
    out = parse_iso_utc(*v.s);
    return out.has_value();
}

bool read_time(const Scalar& v, UnixTime& out) {  // createdAt, updatedAt: null keeps the value
    if (v.kind == Scalar::null) return true;
    std::optional<UnixTime> t;
    if (!read_time(v, t)) return false;
    out = *t;
    return true;
}

// How from_json reads each key (json.cpp: read, read_opt, read_enum, read_time...): one reader
// per key, the scalar value into the lead, false where from_json would throw. A key not listed
// is ignored.
using FieldReader = bool (*)(Lead&, const Scalar&);

bool call_attempt_times_scalar(Lead&, const Scalar&) {  // read as an array (nested); any scalar is ignored
    return true;
}

FieldReader field_reader(std::string_view key) {
    static const std::unordered_map<std::string_view, FieldReader> readers = {
        {"id", [](Lead& l, const Scalar& v) { return read_whole(v, l.id); }},
        {"firstName", [](Lead& l, const Scalar& v) { return read_text(v, l.first_name); }},
        {"lastName", [](Lead& l, const Scalar& v) { return read_text(v, l.last_name); }},
        {"phone", [](Lead& l, const Scalar& v) { return read_text(v, l.phone); }},
        {"phoneE164", [](Lead& l, const Scalar& v) { return read_text(v, l.phone_e164); }},
        {"email", [](Lead& l, const Scalar& v) { return read_text(v, l.email); }},
        {"intention", [](Lead& l, const Scalar& v) { return read_enum(v, l.intention, parse_intention); }},
        {"timelineMonths", [](Lead& l, const Scalar& v) { return read_whole(v, l.timeline_months); }},
        {"city", [](Lead& l, const Scalar& v) { return read_text(v, l.city); }},
        {"zip", [](Lead& l, const Scalar& v) { return read_text(v, l.zip); }},
        {"area", [](Lead& l, const Scalar& v) { return read_text(v, l.area); }},
        {"priceEstimateCents", [](Lead& l, const Scalar& v) { return read_whole(v, l.price_estimate_cents); }},
        {"consent", [](Lead& l, const Scalar& v) { return read_flag(v, l.consent); }},
        {"consentAt", [](Lead& l, const Scalar& v) { return read_time(v, l.consent_at); }},
        {"consentText", [](Lead& l, const Scalar& v) { return read_text(v, l.consent_text); }},
        {"consentSource", [](Lead& l, const Scalar& v) { return read_text(v, l.consent_source); }},
        {"source", [](Lead& l, const Scalar& v) { return read_text(v, l.source); }},
        {"costCents", [](Lead& l, const Scalar& v) { return read_whole(v, l.cost_cents); }},
        {"stage", [](Lead& l, const Scalar& v) { return read_enum(v, l.stage, parse_stage); }},
        {"status", [](Lead& l, const Scalar& v) { return read_enum(v, l.status, parse_status); }},
        {"ownerUserId", [](Lead& l, const Scalar& v) { return read_whole(v, l.owner_user_id); }},
        {"assignedAgentId", [](Lead& l, const Scalar& v) { return read_whole(v, l.assigned_agent_id); }},
        {"badNumber", [](Lead& l, const Scalar& v) { return read_flag(v, l.bad_number); }},
        {"dnc", [](Lead& l, const Scalar& v) { return read_flag(v, l.dnc); }},
        {"liveTouches", [](Lead& l, const Scalar& v) { return read_whole(v, l.live_touches); }},
        {"unansweredAttempts", [](Lead& l, const Scalar& v) { return read_whole(v, l.unanswered_attempts); }},
        {"callAttemptTimes", call_attempt_times_scalar},
        {"notSellerAt", [](Lead& l, const Scalar& v) { return read_time(v, l.not_seller_at); }},
        {"firstTouchAt", [](Lead& l, const Scalar& v) { return read_time(v, l.first_touch_at); }},
        {"firstConnectAt", [](Lead& l, const Scalar& v) { return read_time(v, l.first_connect_at); }},
        {"lastTouchAt", [](Lead& l, const Scalar& v) { return read_time(v, l.last_touch_at); }},
        {"nextActionAt", [](Lead& l, const Scalar& v) { return read_time(v, l.next_action_at); }},
        {"createdAt", [](Lead& l, const Scalar& v) { return read_time(v, l.created_at); }},
        {"updatedAt", [](Lead& l, const Scalar& v) { return read_time(v, l.updated_at); }},
        {"hasBookedSlot", [](Lead& l, const Scalar& v) { return read_flag(v, l.has_booked_slot); }},
        {"repliedAt", [](Lead& l, const Scalar& v) { return read_time(v, l.replied_at); }},
    };
    const auto it = readers.find(key);
    return it == readers.end() ? nullptr : it->second;
}

// nlohmann's SAX events: the top level goes to nlohmann's own tree builder, the "leads" array
// into Leads.
class Reader {
public:
    explicit Reader(DocumentWithLeads& doc) : doc_(doc), tree_(doc.rest, false) {}

    bool null() { return scalar(Scalar{}); }
    bool boolean(bool b) {
        Scalar v;
        v.kind = Scalar::boolean;
        v.b = b;
        return scalar(v);
    }
    bool number_integer(std::int64_t i) {
        Scalar v;
        v.kind = Scalar::integer;
        v.i = i;
        return scalar(v);
    }
    bool number_unsigned(std::uint64_t u) {
        Scalar v;
        v.kind = Scalar::unsigned_integer;
        v.u = u;
        return scalar(v);
    }
    bool number_float(double f, const std::string& text) {
        if (mode_ == Mode::tree) return take_leads_key() && tree_.number_float(f, text);
        Scalar v;
        v.kind = Scalar::floating;
        v.f = f;
        return scalar(v);
    }
    bool string(std::string& s) {
        if (mode_ == Mode::tree) return take_leads_key() && tree_.string(s);
        Scalar v;
        v.kind = Scalar::string;
        v.s = &s;
        return scalar(v);
    }
    bool binary(json::binary_t& b) { return mode_ == Mode::tree ? take_leads_key() && tree_.binary(b) : false; }

    bool start_object(std::size_t n) {
        switch (mode_) {
            case Mode::tree:
                if (!take_leads_key()) return false;
                ++tree_depth_;
                return tree_.start_object(n);
            case Mode::leads:  // a lead
                lead_ = Lead{};
                field_ = nullptr;
                mode_ = Mode::lead;
                return true;
            case Mode::lead:
                return nested(false);
            case Mode::times:
                return false;  // a time that is not a string
            case Mode::skip:
                ++skip_depth_;
                return true;
        }
        return false;
    }
    bool start_array(std::size_t n) {
        switch (mode_) {
            case Mode::tree:
                if (leads_key_pending_ && tree_depth_ == 1) {  // "leads": [ — read into Leads
                    leads_key_pending_ = false;
                    doc_.has_leads = true;
                    doc_.leads.clear();  // a repeated key: the last one counts, as in a tree
                    mode_ = Mode::leads;
                    return true;
                }
                if (!take_leads_key()) return false;
                ++tree_depth_;
                return tree_.start_array(n);
            case Mode::leads:  // an array where a lead should be: from_json reads no key of it
                doc_.leads.emplace_back();
                skip_from(Mode::leads);
                return true;
            case Mode::lead:
                return nested(true);
            case Mode::times:
                return false;
            case Mode::skip:
                ++skip_depth_;
                return true;
        }
        return false;
    }
    bool key(std::string& k) {
        if (mode_ == Mode::lead) {
            field_ = field_reader(k);
            return true;
        }
        if (mode_ == Mode::skip) return true;
        if (tree_depth_ == 1 && k == "leads") {  // kept back until its value shows it is an array
            leads_key_pending_ = true;
            return true;
        }
        return tree_.key(k);
    }
    bool end_object() {
        switch (mode_) {
            case Mode::tree:
                --tree_depth_;
                return tree_.end_object();
            case Mode::lead:
                doc_.leads.push_back(std::move(lead_));
                mode_ = Mode::leads;
                return true;
            case Mode::skip:
                return end_skipped();
            default:
                return false;
        }
    }
    bool end_array() {
        switch (mode_) {
            case Mode::tree:
                --tree_depth_;
                return tree_.end_array();
            case Mode::leads:
                mode_ = Mode::tree;
                return true;
            case Mode::times:
                mode_ = Mode::lead;
                return true;
            case Mode::skip:
                return end_skipped();
            default:
                return false;
        }
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

private:
    enum class Mode { tree, leads, lead, times, skip };

    bool scalar(const Scalar& v) {
        switch (mode_) {
            case Mode::tree:
                if (!take_leads_key()) return false;
                switch (v.kind) {
                    case Scalar::null:
                        return tree_.null();
                    case Scalar::boolean:
                        return tree_.boolean(v.b);
                    case Scalar::integer:
                        return tree_.number_integer(v.i);
                    case Scalar::unsigned_integer:
                        return tree_.number_unsigned(v.u);
                    default:
                        return false;  // floats and strings have their own paths
                }
            case Mode::leads:  // a scalar where a lead should be: a lead of defaults
                doc_.leads.emplace_back();
                return true;
            case Mode::lead:
                return field_ ? field_(lead_, v) : true;  // an ignored key: any value
            case Mode::times: {
                if (v.kind != Scalar::string) return false;
                if (const auto t = parse_iso_utc(*v.s)) lead_.call_attempt_times.push_back(*t);
                return true;  // a time that does not parse is left out
            }
            case Mode::skip:
                return true;
        }
        return false;
    }

    // An object or array as a lead's value: the call times, or a key from_json ignores.
    bool nested(bool array) {
        if (field_ == call_attempt_times_scalar && array) {
            lead_.call_attempt_times.clear();
            mode_ = Mode::times;
            return true;
        }
        if (field_ && field_ != call_attempt_times_scalar) return false;  // a wrong type
        skip_from(Mode::lead);
        return true;
    }
    void skip_from(Mode back) {
        skip_back_ = back;
        skip_depth_ = 1;
        mode_ = Mode::skip;
    }
    bool end_skipped() {
        if (--skip_depth_ == 0) mode_ = skip_back_;
        return true;
    }
    // "leads" whose value turned out not to be an array: it goes into the tree after all.
    bool take_leads_key() {
        if (!leads_key_pending_) return true;
        leads_key_pending_ = false;
        doc_.has_leads = false;  // a repeated key: the last one counts, as in a tree
        doc_.leads.clear();
        std::string k = "leads";
        return tree_.key(k);
    }

    DocumentWithLeads& doc_;
    nlohmann::detail::json_sax_dom_parser<json> tree_;
    Mode mode_ = Mode::tree, skip_back_ = Mode::tree;
    int tree_depth_ = 0, skip_depth_ = 0;
    bool leads_key_pending_ = false;
    Lead lead_;
    FieldReader field_ = nullptr;  // the key being read; null: ignored
};

}  // namespace

std::optional<DocumentWithLeads> read_document_with_leads(std::string_view text) {
    DocumentWithLeads doc;
    Reader reader(doc);
    if (!json::sax_parse(text, &reader)) return std::nullopt;
    return doc;
}

}  // namespace crm::domain
