#include "merge/compile/compilation_layout.hpp"

#include <algorithm>
#include <cctype>

#include "core/util/text.hpp"

namespace accord {

namespace {

bool is_thematic_break(const std::string& paragraph) {
    if (paragraph.size() < 3) return false;
    const char mark = paragraph[0];
    if (mark != '*' && mark != '-' && mark != '_') return false;
    return std::all_of(paragraph.begin(), paragraph.end(),
                       [&](char c) { return c == mark || c == ' '; });
}

// A table of contents: most of its lines end in a page number ("... 13").
bool is_table_of_contents(const std::string& paragraph) {
    std::size_t lines = 0, numbered = 0;
    std::size_t begin = 0;
    while (begin <= paragraph.size()) {
        std::size_t end = paragraph.find('\n', begin);
        if (end == std::string::npos) end = paragraph.size();
        std::string_view line(paragraph.data() + begin, end - begin);
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
            line.remove_suffix(1);
        if (!line.empty()) {
            ++lines;
            std::size_t digits = 0;
            while (digits < line.size() &&
                   std::isdigit(static_cast<unsigned char>(line[line.size() - 1 - digits])))
                ++digits;
            const char before = digits < line.size() ? line[line.size() - 1 - digits] : 'x';
            if (digits > 0 && digits <= 4 && (before == '\t' || before == '.' || before == ' '))
                ++numbered;
        }
        begin = end + 1;
    }
    return lines >= 3 && numbered * 2 > lines;
}

bool is_contents_heading(const std::string& paragraph) {
    std::string lower;
    for (char c : paragraph)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == "contents" || lower == "table of content" || lower == "table of contents";
}

// "GROUP A: ..." or "Group A ..." naming `group`, compared without regard to case.
bool names_group(const std::string& paragraph, const std::string& group) {
    const std::string prefix = "group " + group;
    if (paragraph.size() < prefix.size()) return false;
    for (std::size_t k = 0; k < prefix.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(paragraph[k])) !=
            std::tolower(static_cast<unsigned char>(prefix[k])))
            return false;
    return paragraph.size() == prefix.size() ||
           !std::isalnum(static_cast<unsigned char>(paragraph[prefix.size()]));
}

struct Outline {
    std::vector<std::string> paragraphs;
    // Index of the paragraph that heads `section`, or npos.
    std::size_t find_section(const std::string& section) const {
        for (std::size_t k = 0; k < paragraphs.size(); ++k)
            if (paragraphs[k] == section) return k;
        return std::string::npos;
    }
};

}  // namespace

std::vector<std::string> body_paragraphs(const Document& document) {
    std::vector<std::string> out;
    for (const Paragraph& paragraph : document.paragraphs) {
        std::string text(trim(document.text(paragraph.range)));
        if (!text.empty()) out.push_back(std::move(text));
    }
    return out;
}

CompilationLayout lay_out_compilation(const Recommendation* outline,
                                      const std::vector<const Recommendation*>& texts,
                                      const std::string& fallback_title) {
    CompilationLayout layout;
    Outline shape;
    if (outline) shape.paragraphs = body_paragraphs(outline->document);
    layout.title = outline && !outline->title.empty() ? outline->title : fallback_title;

    bool any_section = false, any_group = false;
    for (const Recommendation* text : texts) {
        any_section = any_section || !text->section.empty();
        any_group = any_group || !text->group.empty();
    }
    const int section_level = 2;
    const int group_level = any_section ? 3 : 2;
    const int text_level = group_level + (any_group ? 1 : 0);

    // The preamble ends where the outline first heads a section of the texts.
    std::size_t preamble_end = shape.paragraphs.size();
    for (const Recommendation* text : texts)
        if (!text->section.empty())
            preamble_end = std::min(preamble_end, shape.find_section(text->section));
    for (std::size_t k = 0; k < preamble_end; ++k) {
        const std::string& paragraph = shape.paragraphs[k];
        if (paragraph == layout.title || is_thematic_break(paragraph)) continue;
        if (is_table_of_contents(paragraph)) {
            if (!layout.preamble.empty() && is_contents_heading(layout.preamble.back()))
                layout.preamble.pop_back();
            continue;
        }
        layout.preamble.push_back(paragraph);
    }

    const std::string none = "\x01";  // differs from every real section or group
    std::string section = none, group = none;
    for (std::size_t index = 0; index < texts.size(); ++index) {
        const Recommendation& text = *texts[index];
        if (text.section != section) {
            section = text.section;
            group = none;
            if (!section.empty())
                layout.entries.push_back({LayoutEntry::Kind::section, section_level, section, 0});
        }
        if (text.group != group) {
            if (text.group.empty() && group != none)
                layout.entries.push_back({LayoutEntry::Kind::separator, text_level, "", 0});
            group = text.group;
            if (!group.empty()) {
                std::string heading;
                // Look for the outline's wording of the group within this section.
                std::size_t from = section.empty() ? 0 : shape.find_section(section);
                if (from != std::string::npos) {
                    for (std::size_t k = from; k < shape.paragraphs.size(); ++k) {
                        if (k > from && !section.empty() && is_thematic_break(shape.paragraphs[k]))
                            break;
                        if (names_group(shape.paragraphs[k], group)) {
                            heading = shape.paragraphs[k];
                            break;
                        }
                    }
                }
                if (heading.empty())
                    heading = "Group " + group + (text.title.empty() ? "" : ": " + text.title);
                layout.entries.push_back({LayoutEntry::Kind::group, group_level, heading, 0});
            }
        }
        // A text without a heading of its own whose title is its group's
        // stands under the group heading unheaded, as in the compilation.
        const bool titled_by_group =
            !text.group.empty() && !text.title.empty() && !layout.entries.empty() &&
            layout.entries.back().kind == LayoutEntry::Kind::group &&
            layout.entries.back().heading.find(text.title) != std::string::npos;
        std::string heading = !text.heading.empty() ? text.heading
                              : titled_by_group     ? std::string()
                              : !text.title.empty() ? text.title
                                                    : text.id;
        layout.entries.push_back({LayoutEntry::Kind::text, text_level, heading, index});
    }
    return layout;
}

}  // namespace accord
