#pragma once
// Whether a number read from JSON is a whole number that fits the integer type T. nlohmann's
// get<integer>() converts any number with a plain cast, and 4.2e21 or 2^63 into an int64 is
// undefined behaviour (found by json_body_fuzz): json.cpp's checked_get and the lead reader
// both decide by these. Private to the domain library.
#include <cmath>
#include <cstdint>
#include <limits>

namespace crm::domain::detail {

template <typename T>
bool fits_whole(std::uint64_t u) {
    return u <= static_cast<std::uint64_t>(std::numeric_limits<T>::max());
}

template <typename T>
bool fits_whole(std::int64_t i) {
    return i >= static_cast<std::int64_t>(std::numeric_limits<T>::min()) &&
           i <= static_cast<std::int64_t>(std::numeric_limits<T>::max());
}

template <typename T>
bool fits_whole(double d) {
    // Strictly below max(): for int64, max() itself is not representable as a double.
    return std::isfinite(d) && d == std::trunc(d) && d >= static_cast<double>(std::numeric_limits<T>::min()) &&
           d < static_cast<double>(std::numeric_limits<T>::max());
}

}  // namespace crm::domain::detail
