#include "core/util/text.hpp"

#include <algorithm>

#include "core/util/utf8.hpp"

namespace accord {

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        if (k > 0) out += separator;
        out += parts[k];
    }
    return out;
}

std::string plural(std::size_t n, std::string_view word) {
    return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

std::string_view trim(std::string_view text) {
    constexpr std::string_view kBlank = " \t\r\n";
    const std::size_t begin = text.find_first_not_of(kBlank);
    if (begin == std::string_view::npos) return {};
    return text.substr(begin, text.find_last_not_of(kBlank) - begin + 1);
}

std::string one_line(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    const std::size_t begin = out.find_first_not_of(" \t");
    if (begin == std::string::npos) return "";
    return out.substr(begin, out.find_last_not_of(" \t") - begin + 1);
}

std::string collapse_white_space(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::size_t display_width(std::string_view text) {
    return utf8::count_chars(text, 0, text.size());
}

std::string pad_right(std::string_view text, std::size_t width) {
    return std::string(text) + std::string(width - std::min(width, display_width(text)), ' ');
}

std::string pad_left(std::string_view text, std::size_t width) {
    return std::string(width - std::min(width, display_width(text)), ' ') + std::string(text);
}

std::string clip_to_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) return std::string(text);
    std::size_t at = 0;
    for (std::size_t chars = 0; chars + 1 < width && at < text.size(); ++chars) {
        const std::size_t length = utf8::sequence_length(text, at);
        at += length == 0 ? 1 : length;
    }
    return std::string(text.substr(0, at)) + "…";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace accord
