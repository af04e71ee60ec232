#pragma once
// SQL is written once, with SQLite's parameters: `?` (the next number) and `?N` (number N).
// PostgreSQL numbers them `$N`. This rewrites one into the other, leaving string literals,
// quoted names and comments alone.
#include <string>
#include <string_view>
#include <vector>

namespace crm::db {

struct NumberedSql {
    std::string sql;         // with $1, $2, …
    std::vector<bool> used;  // used[n - 1]: whether $n occurs (SQL may skip numbers it does not need)
    int parameters() const { return static_cast<int>(used.size()); }  // the highest number used
};

NumberedSql number_placeholders(std::string_view sqlite_sql);

}  // namespace crm::db
