// The server hashes passwords with Argon2id at libsodium's interactive limits (64 MiB, 2
// passes); the in-process test servers lower the cost for speed (support/test_server.cpp),
// and a hash of either cost verifies.
#include <catch2/catch.hpp>
#include <string>

#include "auth/passwords.hpp"

using namespace crm;

TEST_CASE("passwords are Argon2id at the interactive cost; the test cost is opt-in and verifies the same") {
    auth::init_crypto();
    const auto real = auth::hash_password("correct horse battery staple");
    CHECK(real.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0);
    CHECK(auth::verify_password(real, "correct horse battery staple"));
    CHECK_FALSE(auth::verify_password(real, "correct horse battery stapler"));

    auth::use_minimum_hash_cost_in_tests();
    const auto cheap = auth::hash_password("correct horse battery staple");
    CHECK(cheap.rfind("$argon2id$v=19$m=65536", 0) != 0);
    CHECK(auth::verify_password(cheap, "correct horse battery staple"));
    CHECK(auth::verify_password(real, "correct horse battery staple"));
    CHECK_FALSE(auth::verify_password(cheap, "wrong"));
}
