#include "core/store/recommendations.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <tuple>

#include "core/store/workspace.hpp"

namespace accord {

namespace {

std::string field(const FrontMatter& front_matter, std::string_view key) {
    const FrontMatterField* found = front_matter.find(key);
    return found && found->scalar ? found->value : std::string();
}

// The one status every paragraph carries (headings aside), or "" when they
// differ or one has none: a text with a paragraph `(agreed)` and another
// still bracketed and untagged is not agreed.
std::string agreed_tag_status(const Document& document) {
    std::string status;
    for (const Paragraph& paragraph : document.paragraphs) {
        if (paragraph.heading) continue;
        if (paragraph.status.empty()) return {};
        if (!status.empty() && status != paragraph.status) return {};
        status = paragraph.status;
    }
    return status;
}

// Where the outline's body first names `section`: its rank among sections.
std::size_t section_rank(std::string_view outline_body, const std::string& section) {
    if (section.empty()) return 0;
    const std::size_t at = outline_body.find(section);
    return at == std::string_view::npos ? std::numeric_limits<std::size_t>::max() : at + 1;
}

}  // namespace

Recommendation read_recommendation(std::string path, std::string_view bytes,
                                   const ParseOptions& options) {
    Recommendation r;
    r.path = std::move(path);
    r.document = parse(bytes, options);
    r.counts = count(r.document);
    const FrontMatter& fm = r.document.front_matter;
    r.id = field(fm, "id");
    if (r.id.empty()) r.id = std::filesystem::path(r.path).stem().string();
    r.kind = field(fm, "kind");
    if (r.kind.empty()) r.kind = "recommendation";
    r.section = field(fm, "section");
    r.group = field(fm, "group");
    if (r.group.empty()) r.after_group = field(fm, "after-group");
    r.title = field(fm, "title");
    r.heading = field(fm, "heading");
    r.status = field(fm, "status");
    if (r.status.empty()) r.status = agreed_tag_status(r.document);
    return r;
}

void sort_for_compilation(std::vector<Recommendation>& recommendations) {
    std::string_view outline_body;
    for (const Recommendation& r : recommendations)
        if (r.is_outline()) outline_body = r.document.text(r.document.body);
    // A text after group E stands right after E's texts: it sorts as group
    // E, behind E's own texts (not as "E" and a byte, which "E1" would
    // pass).
    auto key = [&](const Recommendation& r) {
        const bool after = r.group.empty() && !r.after_group.empty();
        const std::string_view group = after ? r.after_group : r.group;
        return std::make_tuple(!r.is_outline(), section_rank(outline_body, r.section),
                               std::string_view(r.section), !group.empty(), group, after,
                               std::string_view(r.path));
    };
    std::stable_sort(
        recommendations.begin(), recommendations.end(),
        [&](const Recommendation& a, const Recommendation& b) { return key(a) < key(b); });
}

std::vector<Recommendation> read_recommendations(const Workspace& workspace,
                                                 const std::string& commit) {
    std::vector<Recommendation> out;
    const ParseOptions options = workspace.parse_options();
    // At a commit, the blob ids of all its files from one walk of its tree:
    // read by path, each text looked its path up again, reading every tree
    // on the way (a directory of 200,000 texts was read whole per text).
    const std::map<std::string, std::string> ids =
        commit.empty() ? std::map<std::string, std::string>{} : workspace.repo().file_ids(commit);
    for (const std::string& path : workspace.texts(commit)) {
        std::optional<std::string> bytes;
        if (commit.empty()) {
            bytes = workspace.read(commit, path);
        } else if (const auto id = ids.find(path); id != ids.end()) {
            bytes = workspace.repo().read_file_blob(id->second, path, commit);
        }
        if (!bytes || looks_binary(*bytes)) continue;
        out.push_back(read_recommendation(path, *bytes, options));
    }
    sort_for_compilation(out);
    return out;
}

}  // namespace accord
