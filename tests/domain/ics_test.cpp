#include <catch2/catch.hpp>

#include "crm/domain/ics.hpp"

using namespace crm::domain;

namespace {
IcsEvent sample_event() {
    IcsEvent e;
    e.uid = "appt-1@lead-crm";
    e.stamp = *parse_iso_utc("2026-11-20T09:30:00Z");
    e.start = *parse_iso_utc("2026-11-24T13:00:00Z");
    e.end = *parse_iso_utc("2026-11-24T14:00:00Z");
    e.summary = "Estimation, Camille Durand";
    e.location = "12 rue de la République; Lyon, 69002";
    e.description = "Vente d'un T3.\nAccès : digicode 1234";
    e.organizer = {"Opérateur", "operateur@example.fr"};
    e.attendees = {{"Camille Durand", "camille@example.fr"}, {"Alice Martin", "alice.martin@example.fr"}};
    return e;
}
}  // namespace

TEST_CASE(".ics structure, UTC times and escaping") {
    const auto ics = build_ics(sample_event());
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0);
    CHECK(ics.find("DTSTART:20261124T130000Z\r\n") != std::string::npos);
    CHECK(ics.find("DTEND:20261124T140000Z\r\n") != std::string::npos);
    CHECK(ics.find("DTSTAMP:20261120T093000Z\r\n") != std::string::npos);
    CHECK(ics.find("UID:appt-1@lead-crm\r\n") != std::string::npos);
    CHECK(ics.find("LOCATION:12 rue de la République\\; Lyon\\, 69002\r\n") != std::string::npos);
    CHECK(ics.find("DESCRIPTION:Vente d'un T3.\\nAccès : digicode 1234\r\n") != std::string::npos);
    CHECK(ics.find("ORGANIZER;CN=\"Opérateur\":mailto:operateur@example.fr") != std::string::npos);
    CHECK(ics.size() >= 2);
    CHECK(ics.substr(ics.size() - 15) == "END:VCALENDAR\r\n");
    // Every line ends in CRLF: no bare LF.
    for (std::size_t i = 0; i < ics.size(); ++i)
        if (ics[i] == '\n') REQUIRE((i > 0 && ics[i - 1] == '\r'));
}

TEST_CASE("lines fold at 75 octets without splitting a UTF-8 character") {
    std::string line = "SUMMARY:";
    for (int i = 0; i < 40; ++i) line += "é";  // 2 octets each
    const auto folded = ics_fold_line(line);
    std::size_t start = 0;
    int physical = 0;
    while (start < folded.size()) {
        auto end = folded.find("\r\n", start);
        if (end == std::string::npos) end = folded.size();
        const auto part = folded.substr(start, end - start);
        CHECK(part.size() <= 75);
        // No line may start or end in the middle of a 2-octet character.
        const std::string body = physical == 0 ? part.substr(8) : part.substr(1);
        CHECK(body.size() % 2 == 0);
        ++physical;
        start = end + 2;
    }
    CHECK(physical == 2);
    // Unfolding (drop CRLF + space) gives the line back.
    std::string unfolded;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        if (folded.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        unfolded += folded[i];
    }
    CHECK(unfolded == line);
    CHECK(ics_fold_line("SHORT:line") == "SHORT:line");
}
