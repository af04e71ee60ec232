// Native only: libical (a real iCalendar parser) must accept what we generate.
#include <libical/ical.h>

#include <catch2/catch.hpp>

#include "crm/domain/ics.hpp"

using namespace crm::domain;

TEST_CASE("libical parses our .ics and reads the same event back") {
    IcsEvent e;
    e.uid = "appt-42@lead-crm";
    e.stamp = *parse_iso_utc("2026-11-20T09:30:00Z");
    e.start = *parse_iso_utc("2026-11-24T13:00:00Z");
    e.end = *parse_iso_utc("2026-11-24T14:00:00Z");
    e.summary = "Estimation à domicile, Émilie Rousseau — appartement T4, très lumineux, vue dégagée";
    e.location = "3 place Croix-Paquet; 69001 Lyon, France";
    e.description = "Ligne 1\nLigne 2, avec virgule; et point-virgule\\fin";
    e.organizer = {"Opérateur", "operateur@example.fr"};
    e.attendees = {{"Émilie Rousseau", "emilie@example.fr"}};
    const auto text = build_ics(e);

    icalcomponent* cal = icalparser_parse_string(text.c_str());
    REQUIRE(cal != nullptr);
    CHECK(icalcomponent_isa(cal) == ICAL_VCALENDAR_COMPONENT);
    icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    REQUIRE(ev != nullptr);
    CHECK(std::string(icalcomponent_get_uid(ev)) == e.uid);
    CHECK(std::string(icalcomponent_get_summary(ev)) == e.summary);
    CHECK(std::string(icalcomponent_get_location(ev)) == e.location);
    CHECK(std::string(icalcomponent_get_description(ev)) == e.description);
    CHECK(icaltime_as_timet(icalcomponent_get_dtstart(ev)) == e.start);
    CHECK(icaltime_as_timet(icalcomponent_get_dtend(ev)) == e.end);
    // No X-LIC-ERROR properties: libical found nothing to complain about.
    CHECK(icalcomponent_count_errors(cal) == 0);
    icalcomponent_free(cal);
}

TEST_CASE("libical reads an updated REQUEST and a CANCEL of the same event: same UID, sequence, status") {
    IcsEvent e;
    e.uid = "appt-7@lead-crm";
    e.stamp = *parse_iso_utc("2026-11-20T09:30:00Z");
    e.start = *parse_iso_utc("2026-11-24T13:00:00Z");
    e.end = *parse_iso_utc("2026-11-24T14:00:00Z");
    e.summary = "Estimation";
    e.organizer = {"Lead CRM", "operateur@example.fr"};
    e.attendees = {{"Alice Martin", "alice@example.fr"}};
    e.sequence = 2;
    for (const auto method : {IcsMethod::request, IcsMethod::cancel}) {
        e.method = method;
        icalcomponent* cal = icalparser_parse_string(build_ics(e).c_str());
        REQUIRE(cal != nullptr);
        CHECK(icalcomponent_get_method(cal) ==
              (method == IcsMethod::cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST));
        icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
        REQUIRE(ev != nullptr);
        CHECK(std::string(icalcomponent_get_uid(ev)) == e.uid);
        CHECK(icalcomponent_get_sequence(ev) == 2);
        CHECK(icalcomponent_get_status(ev) ==
              (method == IcsMethod::cancel ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
        CHECK(icalcomponent_count_errors(cal) == 0);
        icalcomponent_free(cal);
    }
}
