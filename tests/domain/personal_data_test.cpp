#include <catch2/catch.hpp>

#include "crm/domain/personal_data.hpp"

using namespace crm::domain;

namespace {

std::vector<std::string> found(const std::string& text, const std::vector<TextSpan>& spans) {
    std::vector<std::string> out;
    for (const auto& s : spans) out.push_back(text.substr(s.begin, s.end - s.begin));
    return out;
}

}  // namespace

TEST_CASE("the contact is revealed on acceptance and payment, or at once for a trusted agent") {
    CHECK_FALSE(contact_revealed(false, false, false));
    CHECK_FALSE(contact_revealed(false, true, false));  // accepted, card payment still due
    CHECK_FALSE(contact_revealed(false, false, true));  // paid by card, not accepted yet
    CHECK(contact_revealed(false, true, true));
    CHECK(contact_revealed(true, false, false));
}

TEST_CASE("masks keep the shape and hide what reaches the person") {
    SECTION("phone") {
        CHECK(mask_phone("06 12 34 56 78") == "06 •• •• •• ••");
        CHECK(mask_phone("0612345678") == "06••••••••");
        CHECK(mask_phone("+33612345678") == "+33•••••••••");
        CHECK(mask_phone("") == "");
    }
    SECTION("e-mail") {
        CHECK(mask_email("julien.moreau@example.fr") == "j•••@•••.fr");
        CHECK(mask_email("émile@mail.com") == "é•••@•••.com");
        CHECK(mask_email("x@localhost") == "x•••@•••");
        CHECK(mask_email("not-an-address") == "•••");
        CHECK(mask_email("") == "");
    }
    SECTION("surname") {
        CHECK(surname_initial("Moreau") == "M.");
        CHECK(surname_initial("Émilie") == "É.");
        CHECK(surname_initial("  de Villiers") == "d.");
        CHECK(surname_initial("") == "");
    }
}

TEST_CASE("a phone number is found however it is written") {
    const auto key = phone_key("+33698765432");
    CHECK(key == "698765432");
    CHECK(phone_key("06 98 76 54 32") == key);
    CHECK(phone_key("12 34") == "");

    const std::string text =
        "Rappeler au 06 98 76 54 32, ou 06.98.76.54.32, 0698765432, +33 6 98 76 54 32, +33 (0)6 98 76 54 32, "
        "+33698765432, 06-98-76-54-32, 06\xC2\xA0"
        "98\xC2\xA0"
        "76\xC2\xA0"
        "54\xC2\xA0"
        "32. Pas le 06 12 34 56 78 ni 2026-11-20.";
    const auto spans = phone_spans(text, key);
    CHECK(found(text, spans) == std::vector<std::string>{"06 98 76 54 32", "06.98.76.54.32", "0698765432",
                                                         "+33 6 98 76 54 32", "+33 (0)6 98 76 54 32", "+33698765432",
                                                         "06-98-76-54-32",
                                                         "06\xC2\xA0"
                                                         "98\xC2\xA0"
                                                         "76\xC2\xA0"
                                                         "54\xC2\xA0"
                                                         "32"});
    const auto masked = replace_spans(text, spans, "[n]");
    CHECK(masked == "Rappeler au [n], ou [n], [n], [n], [n], [n], [n], [n]. Pas le 06 12 34 56 78 ni 2026-11-20.");
    CHECK(phone_spans(text, "").empty());
}

TEST_CASE("names and addresses are found without regard to case") {
    const std::string text = "Zorglub, ZORGLUB et zorglub@example.fr";
    CHECK(found(text, find_without_case(text, "zorglub")) == std::vector<std::string>{"Zorglub", "ZORGLUB", "zorglub"});
    CHECK(find_without_case(text, "Z").empty());  // too short to mean anything
    CHECK(find_without_case("", "zorglub").empty());
    CHECK(replace_spans(text, find_without_case(text, "zorglub@example.fr"), "[e]") == "Zorglub, ZORGLUB et [e]");
    CHECK(found("M. Blanc, blanche, Blancs", find_word_without_case("M. Blanc, blanche, Blancs", "blanc")) ==
          std::vector<std::string>{"Blanc"});
    CHECK(find_word_without_case("Léa Éblanc", "blanc").empty());  // an accented letter is a letter
    // Overlapping spans make one replacement.
    CHECK(replace_spans("abcdef", {{1, 4}, {2, 5}}, "_") == "a_f");
}

TEST_CASE("a note quoting the contact is masked like the contact itself") {
    CHECK(mask_contact_in("M. Moreau (06.98.76.54.32, julien@moreau.fr) rappelle Mme Moreaux.", "06 98 76 54 32",
                          "julien@moreau.fr", "Moreau") == "M. M. (06 •• •• •• ••, j•••@•••.fr) rappelle Mme Moreaux.");
    CHECK(mask_contact_in("Rien à masquer", "", "", "") == "Rien à masquer");
}
