// Stripe signature checking and the lead package PDF, as units.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

#include "assets/asset_files.hpp"
#include "deliveries/lead_package_pdf.hpp"
#include "integrations/stripe_signature.hpp"
#include "support/test_server.hpp"

using namespace crm;
using integrations::SignatureCheck;

TEST_CASE("Stripe signatures") {
    const std::string secret = "whsec_test", body = R"({"id":"evt_1","type":"checkout.session.completed"})";
    const std::int64_t now = 1'800'000'000;
    const auto header = integrations::stripe_signature_header(body, secret, now);

    CHECK(integrations::verify_stripe_signature(header, body, secret, now) == SignatureCheck::ok);
    CHECK(integrations::verify_stripe_signature(header, body, secret, now + 300) == SignatureCheck::ok);
    CHECK(integrations::verify_stripe_signature(header, body, secret, now + 301) == SignatureCheck::stale);
    CHECK(integrations::verify_stripe_signature(header, body + " ", secret, now) == SignatureCheck::mismatch);
    CHECK(integrations::verify_stripe_signature(header, body, "whsec_other", now) == SignatureCheck::mismatch);
    CHECK(integrations::verify_stripe_signature("", body, secret, now) == SignatureCheck::malformed);
    CHECK(integrations::verify_stripe_signature("t=abc,v1=00", body, secret, now) == SignatureCheck::malformed);
    CHECK(integrations::verify_stripe_signature("v1=00", body, secret, now) == SignatureCheck::malformed);
    // Several v1 entries (secret rotation): any one that matches is enough.
    CHECK(integrations::verify_stripe_signature(
              "t=" + std::to_string(now) + ",v1=deadbeef," + header.substr(header.find("v1=")), body, secret, now) ==
          SignatureCheck::ok);
    // The known vector: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
    CHECK(integrations::hmac_sha256_hex("key", "The quick brown fox jumps over the lazy dog") ==
          "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}

TEST_CASE("the lead package PDF carries the lead's details, readable as text") {
    deliveries::LeadPackage p;
    p.delivery_id = 42;
    p.full_name = "Émilie Rousseau";
    p.phone = "+33 6 12 34 56 78";
    p.intention = "Vendre";
    p.timeline = "Sous 1 mois";
    p.city_area = "Lyon 69004 — Croix-Rousse";
    p.price_estimate = "495 000 €";
    p.consent = "Oui, le 20/11/2026 à 10:30 (formulaire) : « J'accepte d'être recontacté(e) »";
    p.notes = {"20/11/2026 10:35 — Vente après mutation, très motivée."};
    p.agent_name = "Alice Martin";
    p.price = "35,00 €";
    p.generated_at = "20/11/2026 10:40";
    const auto pdf = deliveries::render_lead_package_pdf(p);
    REQUIRE(pdf.rfind("%PDF-", 0) == 0);

    const auto dir = testing::make_temp_dir();
    { std::ofstream(dir + "/p.pdf", std::ios::binary) << pdf; }
    const std::string cmd = "pdftotext -enc UTF-8 " + dir + "/p.pdf " + dir + "/p.txt";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream in(dir + "/p.txt");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("Émilie Rousseau") != std::string::npos);
    CHECK(text.find("495 000 €") != std::string::npos);
    CHECK(text.find("Croix-Rousse") != std::string::npos);
    CHECK(text.find("Livraison #42") != std::string::npos);
    CHECK(text.find("très motivée") != std::string::npos);
    std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("a missing font is an error, not a crash") {
    deliveries::LeadPackage p;
    CHECK_THROWS_AS(deliveries::render_lead_package_pdf(p, "/nonexistent"), std::runtime_error);
}

TEST_CASE("the PDF carries the logo from assets/") {
    deliveries::LeadPackage p;
    p.full_name = "Émilie Rousseau";
    const auto dir = testing::make_temp_dir();
    { std::ofstream(dir + "/p.pdf", std::ios::binary) << deliveries::render_lead_package_pdf(p); }
    // pdfimages (poppler) lists the images a PDF holds: the logo is the one 96×96 picture.
    REQUIRE(std::system(("pdfimages -list " + dir + "/p.pdf > " + dir + "/images.txt").c_str()) == 0);
    std::ifstream in(dir + "/images.txt");
    const std::string list((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(list.find("   96    96 ") != std::string::npos);
    std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("the assets folder holds every file the server reads, and a template never sends a blank") {
    CHECK_NOTHROW(assets::check_present());
    const auto body = assets::fill("templates/account_setup_email.txt",
                                   {{"display_name", "Sophie Morel"}, {"username", "sophie"}, {"url", "https://x/y"}});
    CHECK(body.rfind("Bonjour Sophie Morel,\n\n", 0) == 0);
    CHECK(body.find("(identifiant : sophie)") != std::string::npos);
    // A value the code forgot is an error, not an empty gap in the e-mail.
    CHECK_THROWS_AS(assets::fill("templates/account_setup_email.txt", {{"display_name", "Sophie"}}),
                    std::runtime_error);
}
