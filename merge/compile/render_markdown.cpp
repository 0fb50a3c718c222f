#include "merge/compile/render_markdown.hpp"

#include "core/util/text.hpp"

namespace accord {

namespace {

// The body without the blank lines around it, ending in one newline.
std::string trimmed_body(const Document& document) {
    std::string_view body = document.text(document.body);
    while (!body.empty() && (body.front() == '\n' || body.front() == '\r')) body.remove_prefix(1);
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' ' ||
                             body.back() == '\t'))
        body.remove_suffix(1);
    return body.empty() ? std::string() : std::string(body) + "\n";
}

}  // namespace

std::string render_compilation_markdown(const Compilation& compilation) {
    const CompilationLayout& layout = compilation.layout;
    std::string out = "# " + one_line(layout.title) + "\n\n";
    if (!compilation.revision.empty()) {
        out += "<!-- accord compile: revision " + compilation.revision;
        if (compilation.proposal) out += ", last proposal " + compilation.proposal->day;
        out += " -->\n\n";
    }
    for (const std::string& paragraph : layout.preamble) out += paragraph + "\n\n";
    if (compilation.texts.empty()) {
        out += compilation.revision.empty() ? "_No texts yet: the negotiation has no proposals._\n"
                                            : "_No texts at this revision._\n";
        return out;
    }
    bool first_section = true;
    for (const LayoutEntry& entry : layout.entries) {
        if (entry.kind == LayoutEntry::Kind::section) {
            if (!first_section) out += "* * *\n\n";
            first_section = false;
        }
        if (entry.kind == LayoutEntry::Kind::separator) out += "* * *\n\n";
        if (!entry.heading.empty())
            out += std::string(static_cast<std::size_t>(entry.level), '#') + " " +
                   one_line(entry.heading) + "\n\n";
        if (entry.kind != LayoutEntry::Kind::text) continue;
        const std::string body = trimmed_body(compilation.texts[entry.text].text.document);
        if (!body.empty()) out += body + "\n";
    }
    return out;
}

}  // namespace accord
