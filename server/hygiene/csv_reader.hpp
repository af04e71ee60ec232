#pragma once
// A small RFC 4180 reader for lead imports: UTF-8 (an initial BOM is dropped), ',' or ';'
// (whichever the header line uses more, outside quotes), CRLF or LF, quoted fields with
// embedded separators, doubled quotes and newlines. Pure: no I/O, no allocation beyond the
// result; malformed input is a CsvError, never undefined behaviour (it will be fuzzed).
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace crm::hygiene {

struct CsvRecord {
    int line = 0;  // physical line (1-based) where the record starts
    std::vector<std::string> fields;
};

struct CsvTable {
    char separator = ',';
    std::vector<std::string> header;  // fields trimmed
    std::vector<CsvRecord> rows;      // blank lines skipped
};

class CsvError : public std::runtime_error {
public:
    CsvError(int line, const std::string& what) : std::runtime_error(what), line_(line) {}
    int line() const { return line_; }

private:
    int line_;
};

// Throws CsvError on invalid UTF-8, an unterminated quote, text after a closing quote, an
// empty file or more than max_rows data rows.
CsvTable parse_csv(std::string_view text, std::size_t max_rows = 10000);

}  // namespace crm::hygiene
