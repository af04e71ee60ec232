// The CSV reader behind POST /api/leads/import: a pure function, tested without a server.
#include <catch2/catch.hpp>

#include "hygiene/csv_reader.hpp"

using crm::hygiene::CsvError;
using crm::hygiene::parse_csv;

TEST_CASE("csv: header, separators, BOM and line endings") {
    auto t = parse_csv(
        "\xEF\xBB\xBF"
        "firstName,phone\r\nLéa,06 12 34 56 78\r\nMarc,0698765432\n");
    CHECK(t.separator == ',');
    REQUIRE(t.header == std::vector<std::string>{"firstName", "phone"});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].line == 2);
    CHECK(t.rows[0].fields == std::vector<std::string>{"Léa", "06 12 34 56 78"});
    CHECK(t.rows[1].fields[0] == "Marc");

    auto s = parse_csv("firstName;city;priceEstimate\nLéa;Lyon;250000,50\n");
    CHECK(s.separator == ';');
    REQUIRE(s.rows.size() == 1);
    CHECK(s.rows[0].fields == std::vector<std::string>{"Léa", "Lyon", "250000,50"});
}

TEST_CASE("csv: quoted fields with separators, doubled quotes and newlines") {
    auto t = parse_csv("a,b,c\n\"x, y\",\"il a dit \"\"oui\"\"\",\"ligne 1\nligne 2\"\nlast,\"\",z\n\n");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].fields == std::vector<std::string>{"x, y", "il a dit \"oui\"", "ligne 1\nligne 2"});
    CHECK(t.rows[1].line == 4);  // the quoted newline moved it down one physical line
    CHECK(t.rows[1].fields == std::vector<std::string>{"last", "", "z"});

    auto spaced = parse_csv("a;b\n  \"x;y\" ; 2\n");
    REQUIRE(spaced.rows.size() == 1);
    CHECK(spaced.rows[0].fields == std::vector<std::string>{"x;y", " 2"});
}

TEST_CASE("csv: blank lines are skipped, empty trailing fields kept") {
    auto t = parse_csv("a,b\n\n1,\n\n2,3");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].line == 3);
    CHECK(t.rows[0].fields == std::vector<std::string>{"1", ""});
    CHECK(t.rows[1].line == 5);
    CHECK(t.rows[1].fields == std::vector<std::string>{"2", "3"});
}

TEST_CASE("csv: malformed input is an error with its line") {
    try {
        parse_csv("a,b\n1,2\n3,\"open\n4,5\n");
        FAIL("unterminated quote accepted");
    } catch (const CsvError& e) {
        CHECK(e.line() == 3);
    }
    CHECK_THROWS_AS(parse_csv("a,b\n\"x\"y,2\n"), CsvError);
    CHECK_THROWS_AS(parse_csv(""), CsvError);
    CHECK_THROWS_AS(parse_csv("\n\n"), CsvError);
    CHECK_THROWS_AS(parse_csv("a,b\n\xC3(,1\n"), CsvError);   // invalid UTF-8
    CHECK_THROWS_AS(parse_csv("a\n\xC0\xAF\n"), CsvError);    // overlong
    CHECK_THROWS_AS(parse_csv("a\n\xE2\x82"), CsvError);      // truncated at the end
    CHECK_THROWS_AS(parse_csv("a\n1\n2\n3\n", 2), CsvError);  // too many rows
    CHECK_NOTHROW(parse_csv("a\n1\n2\n", 2));
}

TEST_CASE("csv: arbitrary bytes never crash the reader") {
    std::uint32_t x = 12345;
    for (int n = 0; n < 2000; ++n) {
        std::string s;
        const int len = static_cast<int>(x % 64);
        for (int i = 0; i < len; ++i) {
            x = x * 1103515245u + 12345u;
            const char alphabet[] = {'a', ',', ';', '"', '\n', '\r', ' ', '\xC3', '\xA9', '\xEF'};
            s += alphabet[(x >> 16) % sizeof(alphabet)];
        }
        x = x * 1103515245u + 12345u;
        try {
            auto t = parse_csv(s);
            for (const auto& r : t.rows) CHECK(r.line >= 2);
        } catch (const CsvError& e) {
            CHECK(e.line() >= 1);
        }
    }
}
