#pragma once
// A text cut into its lines, each with its line end ("\n", "\r\n"; none for
// a last line without one), so that the lines put back together are the
// text byte for byte: for line merges that keep a file as it was written.
#include <string_view>
#include <vector>

namespace accord {

inline std::vector<std::string_view> lines_with_ends(std::string_view text) {
    std::vector<std::string_view> out;
    for (std::size_t begin = 0; begin < text.size();) {
        const std::size_t newline = text.find('\n', begin);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
        out.push_back(text.substr(begin, end - begin));
        begin = end;
    }
    return out;
}

}  // namespace accord
