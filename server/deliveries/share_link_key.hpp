#pragma once
// The secret under which share-link tokens are derived (delivery_actions.cpp), so a link can be
// shown again although only its hash is stored. CRM_SHARE_LINK_KEY (64 hex digits), else the
// file share-link.key beside the database, made once (32 random bytes, mode 0600). Kept out of
// the database on purpose: a copy of crm.db (a backup) gives no working link.
#include <string>

namespace crm {
class Services;
}

namespace crm::deliveries {

// Empty when there is none and none can be made (a read-only database without the file): links
// are then random and cannot be copied again.
const std::string& share_link_key(const Services& app);

// The token of one issue of a delivery's link: 128 bits of HMAC-SHA256(key, "share-link:<id>:<nonce>").
std::string derive_share_token(const std::string& key, std::int64_t delivery_id, const std::string& nonce);

}  // namespace crm::deliveries
