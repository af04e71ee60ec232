#include "crm/domain/delivery.hpp"

#include "crm/domain/personal_data.hpp"

namespace crm::domain {

namespace {
const char* const kStatuses[] = {"sent", "opened", "accepted", "refunded"};
}

const char* to_string(DeliveryStatus s) {
    return kStatuses[static_cast<int>(s)];
}

std::optional<DeliveryStatus> parse_delivery_status(const std::string& s) {
    for (int i = 0; i < 4; ++i)
        if (s == kStatuses[i]) return static_cast<DeliveryStatus>(i);
    return std::nullopt;
}

bool delivery_transition_allowed(DeliveryStatus from, DeliveryStatus to) {
    using S = DeliveryStatus;
    switch (to) {
        case S::opened:
            return from == S::sent;
        case S::accepted:
            return from == S::sent || from == S::opened;
        case S::refunded:
            return from != S::refunded;
        case S::sent:
            return false;
    }
    return false;
}

bool delivery_sells_lead(DeliveryStatus status, bool paid) {
    return status == DeliveryStatus::accepted && paid;
}

bool Delivery::contact_revealed() const {
    return domain::contact_revealed(full_contact, status == DeliveryStatus::accepted, paid());
}

bool Delivery::awaiting_payment_link() const {
    return payment_method == "stripe" && (!payment_url || payment_url->empty()) && !paid_at &&
           status != DeliveryStatus::refunded;
}

}  // namespace crm::domain
