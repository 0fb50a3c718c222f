#include "core/import/docx/accord_texts.hpp"

namespace accord::docx {

std::string accord_text_bookmark(std::size_t n) {
    return std::string(kAccordBookmarkPrefix) + "text_" + std::to_string(n);
}

std::string accord_text_property(std::size_t n) {
    return "accord-text-" + std::to_string(n);
}

std::string accord_text_newline_property(std::size_t n) {
    return "accord-text-" + std::to_string(n) + "-final-newline";
}

std::vector<AccordText> accord_texts(const Package& package, const Converted* converted) {
    std::vector<AccordText> out;
    if (!package.accord_notation()) return out;
    const std::string prefix = std::string(kAccordBookmarkPrefix) + "text_";
    const auto& custom = package.properties.custom;
    for (const Bookmark& bookmark : package.bookmarks) {
        if (!bookmark.has_end || bookmark.name.rfind(prefix, 0) != 0) continue;
        const std::string n = bookmark.name.substr(prefix.size());
        const auto path = custom.find("accord-text-" + n);
        if (path == custom.end() || path->second.empty()) continue;
        AccordText text;
        text.path = path->second;
        text.first_paragraph = bookmark.start.paragraph;
        text.last_paragraph = bookmark.end.paragraph;
        if (text.last_paragraph < text.first_paragraph ||
            text.last_paragraph >= package.body.paragraphs.size())
            continue;
        const auto newline = custom.find("accord-text-" + n + "-final-newline");
        text.final_newline = newline == custom.end() || newline->second != "no";
        if (converted != nullptr && !converted->map.stories.empty()) {
            const auto& places = converted->map.stories[0];
            std::size_t begin = SIZE_MAX, end = 0;
            for (std::uint32_t p = text.first_paragraph; p <= text.last_paragraph; ++p) {
                if (!places[p].written) continue;
                begin = std::min(begin, places[p].range.begin);
                end = std::max(end, places[p].range.end);
            }
            if (begin != SIZE_MAX) {
                text.body = converted->text.substr(begin, end - begin);
                if (text.final_newline) text.body += '\n';
            }
        }
        out.push_back(std::move(text));
    }
    return out;
}

}  // namespace accord::docx
