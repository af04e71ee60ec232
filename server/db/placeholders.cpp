#include "db/placeholders.hpp"

#include <cctype>
#include <stdexcept>

namespace crm::db {

NumberedSql number_placeholders(std::string_view in) {
    NumberedSql out;
    out.sql.reserve(in.size() + 16);
    std::size_t i = 0;
    // Copies from `i` up to and including the closing `quote` (doubled quotes stay inside).
    auto copy_quoted = [&](char quote) {
        out.sql += in[i++];
        while (i < in.size()) {
            const char c = in[i++];
            out.sql += c;
            if (c == quote) {
                if (i < in.size() && in[i] == quote) {
                    out.sql += in[i++];
                    continue;
                }
                return;
            }
        }
    };
    while (i < in.size()) {
        const char c = in[i];
        if (c == '\'' || c == '"') {
            copy_quoted(c);
        } else if (c == '-' && i + 1 < in.size() && in[i + 1] == '-') {
            const auto end = in.find('\n', i);
            const auto stop = end == std::string_view::npos ? in.size() : end;
            out.sql.append(in.substr(i, stop - i));
            i = stop;
        } else if (c == '/' && i + 1 < in.size() && in[i + 1] == '*') {
            const auto end = in.find("*/", i + 2);
            const auto stop = end == std::string_view::npos ? in.size() : end + 2;
            out.sql.append(in.substr(i, stop - i));
            i = stop;
        } else if (c == '?') {
            ++i;
            int number = 0;
            bool explicit_number = false;
            while (i < in.size() && std::isdigit(static_cast<unsigned char>(in[i]))) {
                number = number * 10 + (in[i++] - '0');
                explicit_number = true;
            }
            // A bare `?` takes the number after the highest one so far, as in SQLite.
            if (!explicit_number) number = out.parameters() + 1;
            if (number < 1) throw std::invalid_argument("?0 is not a parameter (SQLite numbers them from 1)");
            if (out.parameters() < number) out.used.resize(static_cast<std::size_t>(number), false);
            out.used[static_cast<std::size_t>(number - 1)] = true;
            out.sql += '$';
            out.sql += std::to_string(number);
        } else {
            out.sql += c;
            ++i;
        }
    }
    return out;
}

}  // namespace crm::db
