#include "hygiene/csv_reader.hpp"

#include "crm/domain/text.hpp"

#include <cstdint>

namespace crm::hygiene {

namespace {

char detect_separator(std::string_view s) {
    std::size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : s) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        if (c == ',') ++commas;
        if (c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

}  // namespace

CsvTable parse_csv(std::string_view text, std::size_t max_rows) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (const auto bad = domain::invalid_utf8_line(text)) throw CsvError(*bad, "le fichier n'est pas en UTF-8");

    CsvTable table;
    table.separator = detect_separator(text);
    const char sep = table.separator;

    std::vector<CsvRecord> records;
    CsvRecord record;
    std::string field;
    int line = 1;
    record.line = 1;
    bool record_has_content = false;  // a blank line is no record
    std::size_t i = 0;
    const std::size_t n = text.size();
    auto end_record = [&]() {
        record.fields.push_back(std::move(field));
        field.clear();
        if (record_has_content) {
            if (records.size() > max_rows + 1) throw CsvError(record.line, "trop de lignes");
            records.push_back(std::move(record));
        }
        record = CsvRecord{};
        record_has_content = false;
    };
    while (i < n) {
        const char c = text[i];
        if (c == '"' && field.find_first_not_of(" \t") == std::string::npos) {
            field.clear();  // spaces before an opening quote are layout, not data
            // A quoted field: runs to the next lone quote.
            const int start_line = line;
            record_has_content = true;
            ++i;
            bool closed = false;
            while (i < n) {
                const char q = text[i];
                if (q == '"') {
                    if (i + 1 < n && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                if (q == '\n') ++line;
                field += q;
                ++i;
            }
            if (!closed) throw CsvError(start_line, "guillemet non fermé");
            // Only spaces may follow the closing quote before the separator or the line end.
            while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
            if (i < n && text[i] != sep && text[i] != '\r' && text[i] != '\n')
                throw CsvError(line, "texte après un guillemet fermant");
            continue;
        }
        if (c == sep) {
            record.fields.push_back(std::move(field));
            field.clear();
            record_has_content = true;
            ++i;
            continue;
        }
        if (c == '\r' || c == '\n') {
            end_record();
            if (c == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
            ++i;
            ++line;
            record.line = line;
            continue;
        }
        if (c != ' ' && c != '\t') record_has_content = true;
        field += c;
        ++i;
    }
    if (record_has_content || !field.empty()) end_record();

    if (records.empty()) throw CsvError(1, "fichier vide : une ligne d'en-tête est attendue");
    for (auto& h : records.front().fields) table.header.push_back(domain::trim_blanks(h));
    records.erase(records.begin());
    if (records.size() > max_rows) throw CsvError(records.back().line, "trop de lignes");
    table.rows = std::move(records);
    return table;
}

}  // namespace crm::hygiene
