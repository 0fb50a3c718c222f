#include "core/store/cache_texts.hpp"

#include <filesystem>

#include "core/store/workspace.hpp"

namespace accord {

namespace {

// Everything of a Recommendation but its path and document; `id` as the
// front matter gives it ("" when absent: the file name stands in).
std::string encode(const Recommendation& r, const std::string& front_matter_id) {
    CacheWriter out;
    out.flag(false);  // not binary
    for (const std::string* field : {&front_matter_id, &r.kind, &r.section, &r.group,
                                     &r.after_group, &r.title, &r.heading, &r.status}) {
        out.text(*field);
    }
    const DocumentCounts& c = r.counts;
    for (const std::size_t n :
         {c.paragraphs, c.brackets, c.spanning_brackets, c.max_depth, c.alternatives_groups,
          c.options, c.strikes, c.alternative_paragraphs, c.errors, c.warnings, c.notes}) {
        out.number(n);
    }
    out.number(c.paragraphs_by_status.size());
    for (const auto& [status, n] : c.paragraphs_by_status) out.text(status).number(n);
    return out.take();
}

std::string encode_binary() {
    return CacheWriter().flag(true).take();
}

// nullopt: the entry does not read back (then it is computed again); an
// empty Recommendation with kind "" stands for a binary file.
std::optional<Recommendation> decode(std::string_view bytes) {
    CacheReader in(bytes);
    Recommendation r;
    if (in.flag()) {
        if (!in.complete()) return std::nullopt;
        return r;
    }
    for (std::string* field :
         {&r.id, &r.kind, &r.section, &r.group, &r.after_group, &r.title, &r.heading, &r.status}) {
        *field = in.text();
    }
    DocumentCounts& c = r.counts;
    for (std::size_t* n :
         {&c.paragraphs, &c.brackets, &c.spanning_brackets, &c.max_depth, &c.alternatives_groups,
          &c.options, &c.strikes, &c.alternative_paragraphs, &c.errors, &c.warnings, &c.notes}) {
        *n = static_cast<std::size_t>(in.number());
    }
    const std::uint64_t statuses = in.number();
    for (std::uint64_t k = 0; k < statuses && in.ok(); ++k) {
        std::string status = in.text();
        c.paragraphs_by_status[std::move(status)] = static_cast<std::size_t>(in.number());
    }
    if (!in.complete() || r.kind.empty()) return std::nullopt;
    return r;
}

}  // namespace

TextSummaries::TextSummaries(const Workspace& workspace)
    : workspace_(workspace),
      options_(workspace.parse_options()),
      table_(workspace.repo().git_dir(), "texts", std::string("texts/2|") + reading_key(options_)) {
}

TextSummaries::~TextSummaries() {
    save();
}

void TextSummaries::save() {
    table_.save();
}

std::optional<Recommendation> TextSummaries::compute(const std::string& path,
                                                     const std::string& key, std::string_view bytes,
                                                     bool remember) {
    if (looks_binary(bytes)) {
        if (remember) table_.put(key, encode_binary());
        return std::nullopt;
    }
    Recommendation r = read_recommendation(path, bytes, options_);
    if (remember) {
        const FrontMatterField* id = r.document.front_matter.find("id");
        table_.put(key, encode(r, id && id->scalar ? id->value : std::string()));
    }
    if (!r.is_outline()) r.document = Document();
    return r;
}

std::optional<Recommendation> TextSummaries::from_cache(const std::string& path,
                                                        const std::string& key) {
    const std::optional<std::string> bytes = table_.find(key);
    if (!bytes) return std::nullopt;
    std::optional<Recommendation> r = decode(*bytes);
    if (!r) return std::nullopt;
    r->path = path;
    if (r->id.empty()) r->id = std::filesystem::path(path).stem().string();
    return r;
}

std::optional<Recommendation> TextSummaries::at_blob(const std::string& path,
                                                     const std::string& blob_id) {
    const std::string key = CacheTable::id_key(blob_id);
    const std::optional<Recommendation> known = from_cache(path, key);
    if (known && known->kind.empty()) return std::nullopt;  // binary
    if (known && !known->is_outline()) return known;
    // Not known, or an outline, whose document the compilation order reads.
    return compute(path, key, workspace_.repo().read_blob_unverified(blob_id, path), !known);
}

std::optional<Recommendation> TextSummaries::of_bytes(const std::string& path,
                                                      std::string_view bytes) {
    return of_bytes(path, bytes, Repository::hash_blob(bytes));
}

std::optional<Recommendation> TextSummaries::of_bytes(const std::string& path,
                                                      std::string_view bytes,
                                                      const std::string& blob_id) {
    const std::string key = CacheTable::id_key(blob_id);
    const std::optional<Recommendation> known = from_cache(path, key);
    if (known && known->kind.empty()) return std::nullopt;  // binary
    if (known && !known->is_outline()) return known;
    return compute(path, key, bytes, !known);
}

std::vector<Recommendation> TextSummaries::recommendations(
    const std::string& commit, std::map<std::string, std::string>* blobs) {
    std::vector<Recommendation> out;
    if (commit.empty()) {
        for (const std::string& path : workspace_.texts("")) {
            const std::optional<std::string> bytes = workspace_.read("", path);
            if (!bytes) continue;
            const std::string blob = Repository::hash_blob(*bytes);
            if (blobs) (*blobs)[path] = blob;
            if (std::optional<Recommendation> r = of_bytes(path, *bytes, blob))
                out.push_back(std::move(*r));
        }
    } else {
        for (const auto& [path, blob] : workspace_.repo().file_ids(commit)) {
            if (!is_text_path(path)) continue;
            if (blobs) (*blobs)[path] = blob;
            if (std::optional<Recommendation> r = at_blob(path, blob)) out.push_back(std::move(*r));
        }
    }
    sort_for_compilation(out);
    return out;
}

}  // namespace accord
