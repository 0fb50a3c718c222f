#include "core/notation/source_map.hpp"

#include <algorithm>

#include "core/util/utf8.hpp"

namespace accord {

SourceMap::SourceMap(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
        line_starts_.push_back(i + 1);
    }
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
    return {line, utf8::count_chars(text_, start, offset) + 1};
}

std::string_view SourceMap::line_text(std::size_t offset) const {
    const std::size_t start = line_start(std::min(offset, text_.size()));
    std::size_t end = text_.find('\n', start);
    if (end == std::string_view::npos) end = text_.size();
    if (end > start && text_[end - 1] == '\r') --end;
    return text_.substr(start, end - start);
}

}  // namespace accord
