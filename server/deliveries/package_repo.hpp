#pragma once
// The SQL behind a lead package: the delivery, its lead and agent, the booked slot and the
// operator's notes, read once into the view the page, the PDF and the e-mail render.
#include <cstdint>
#include <optional>

#include "db/database.hpp"
#include "deliveries/lead_package.hpp"

namespace crm::deliveries {

// nullopt when the delivery does not exist. `now` stamps "generated at". Until the contact is
// revealed, the seller's phone, e-mail and surname are masked everywhere the package shows them
// (notes and consent words included): the page, the PDF and the e-mail render this view.
std::optional<PackageView> load_package(db::Database& db, std::int64_t delivery_id, std::int64_t now);

}  // namespace crm::deliveries
