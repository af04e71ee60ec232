// CSV imports: any file is read or refused with a CsvError (the import's 422), never a crash,
// and every record has a line number inside the file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "hygiene/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto table = crm::hygiene::parse_csv(text, 200);
        FUZZ_CHECK(table.separator == ',' || table.separator == ';');
        FUZZ_CHECK(table.rows.size() <= 200);
        int lines = 1;  // LF, CRLF and a lone CR each end a line
        for (std::size_t i = 0; i < text.size(); ++i)
            lines += text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
        for (const auto& r : table.rows) FUZZ_CHECK(r.line >= 1 && r.line <= lines);
    } catch (const crm::hygiene::CsvError& e) {
        FUZZ_CHECK(e.line() >= 0);
    }
    return 0;
}
