#include "core/notation/source_map.hpp"

#include <algorithm>

#include "core/util/utf8.hpp"

namespace accord {

SourceMap::SourceMap(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    std::size_t longest = 0;
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
        longest = std::max(longest, i + 1 - line_starts_.back());
        line_starts_.push_back(i + 1);
    }
    longest = std::max(longest, text.size() - line_starts_.back());
    if (longest > kStride) make_strides();  // here, not on first use: a map may be shared
}

std::size_t SourceMap::line_start(std::size_t offset) const {
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    return *(it - 1);
}

Position SourceMap::locate(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
    const std::size_t start = *(it - 1);
    std::size_t from = start, chars = 0;
    if (offset - start > kStride && !strides_.empty()) {
        const auto after =
            std::upper_bound(strides_.begin(), strides_.end(), offset,
                             [](std::size_t o, const Stride& s) { return o < s.at; });
        if (after != strides_.begin() && (after - 1)->at >= start) {
            from = (after - 1)->at;
            chars = (after - 1)->chars;
        }
    }
    return {line, chars + utf8::count_chars(text_, from, offset) + 1};
}

// A byte that is not a continuation byte (10xxxxxx) is always where a
// character starts, however the bytes before it read (a valid multi-byte
// sequence holds none, and an invalid one counts byte by byte): counting
// from it adds up.
void SourceMap::make_strides() {
    for (std::size_t k = 0; k < line_starts_.size(); ++k) {
        const std::size_t start = line_starts_[k];
        const std::size_t end = k + 1 < line_starts_.size() ? line_starts_[k + 1] : text_.size();
        std::size_t at = start, chars = 0;
        for (std::size_t next = start + kStride; next < end; next = at + kStride) {
            while (next < end && (static_cast<unsigned char>(text_[next]) & 0xC0) == 0x80) ++next;
            if (next >= end) break;
            chars += utf8::count_chars(text_, at, next);
            at = next;
            strides_.push_back({at, chars});
        }
    }
}

std::string_view SourceMap::line_text(std::size_t offset) const {
    const std::size_t start = line_start(std::min(offset, text_.size()));
    std::size_t end = text_.find('\n', start);
    if (end == std::string_view::npos) end = text_.size();
    if (end > start && text_[end - 1] == '\r') --end;
    return text_.substr(start, end - start);
}

}  // namespace accord
