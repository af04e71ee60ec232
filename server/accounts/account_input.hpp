#pragma once
// The fields of a new account, read and checked the same way for POST /api/users and
// POST /api/agents: username (3–64 of a-z 0-9 . _ -), display name, optional e-mail and phone,
// and for agents the cities and zips they take leads in. Problems go into the reader's 422.
#include "accounts/users_repo.hpp"
#include "api/body_reader.hpp"

namespace crm::accounts {

NewAccount read_new_account(api::BodyReader& in, http::Role role);

// 409 when the username is taken.
void require_free_username(db::Database& db, const std::string& username);

}  // namespace crm::accounts
