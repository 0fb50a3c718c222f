#include "merge/blame/blame_memo.hpp"

#include <algorithm>

namespace accord {

std::string blame_options_key(const BlameOptions& options) {
    CacheWriter out;
    out.text("blame/11").text(reading_key(options.parse));
    out.flag(options.across_texts).number(options.restored_run_words);
    return out.take();
}

namespace {

// The origin value (proposal index or version index) of texts[t].versions[v].
std::size_t origin_of(std::span<const TextVersions> texts, std::size_t t, std::size_t v,
                      BlameOrigins origins) {
    return origins == BlameOrigins::version_indices ? v : texts[t].versions[v].proposal;
}

std::size_t rank_of(const std::vector<std::size_t>& sorted, std::size_t value) {
    return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), value) -
                                    sorted.begin());
}

}  // namespace

BlameMemo::BlameMemo(const Workspace& ws, const BlameOptions& options,
                     std::span<const TextVersions> texts,
                     const std::vector<std::vector<std::string>>& blob_ids, BlameOrigins origins)
    : table_(ws.repo().git_dir(), "blame", blame_options_key(options)), parse_(options.parse) {
    for (std::size_t t = 0; t < texts.size(); ++t) {
        for (std::size_t v = 0; v < texts[t].versions.size(); ++v)
            proposals_.push_back(origin_of(texts, t, v, origins));
    }
    std::sort(proposals_.begin(), proposals_.end());
    proposals_.erase(std::unique(proposals_.begin(), proposals_.end()), proposals_.end());
    // The walk: per text, per version, its commit, blob, parents and the
    // rank of its proposal (which versions of different texts one proposal
    // made, and in which order the proposals came).
    CacheWriter walk;
    walk.number(texts.size());
    for (std::size_t t = 0; t < texts.size(); ++t) {
        const std::span<const BlameVersion> versions = texts[t].versions;
        walk.number(versions.size());
        for (std::size_t v = 0; v < versions.size(); ++v) {
            walk.text(versions[v].id).text(blob_ids.at(t).at(v));
            walk.number(rank_of(proposals_, origin_of(texts, t, v, origins)));
            walk.number(versions[v].parents.size());
            for (const std::size_t p : versions[v].parents) walk.number(p);
        }
        last_blobs_.push_back(blob_ids[t].at(versions.size() - 1));
    }
    walk_key_ = CacheTable::id_key(Repository::hash_blob(walk.take()));
}

BlameMemo::~BlameMemo() {
    table_.save();
}

std::optional<std::vector<BlameSpan>> BlameMemo::spans(std::size_t text,
                                                       std::optional<std::size_t> size) const {
    CacheWriter key;
    key.text(walk_key_).number(text);
    const std::optional<std::string> value = table_.find(key.take());
    if (!value) return std::nullopt;
    CacheReader in(*value);
    const std::string blob = in.text();
    const std::uint64_t remembered_size = in.number();
    if (blob != last_blobs_.at(text) || (size && remembered_size != *size)) return std::nullopt;
    std::vector<BlameSpan> out;
    const std::uint64_t count = in.number();
    std::size_t end = 0;
    for (std::uint64_t k = 0; k < count && in.ok(); ++k) {
        BlameSpan span{};
        span.range.begin = end + static_cast<std::size_t>(in.number());
        span.range.end = span.range.begin + static_cast<std::size_t>(in.number());
        const std::uint64_t kind = in.number(), origin = in.number(), restored = in.number();
        if (span.range.end > remembered_size || span.range.end < span.range.begin ||
            kind > static_cast<std::uint64_t>(SpanKind::strike) || origin >= proposals_.size() ||
            restored > proposals_.size())
            return std::nullopt;
        span.kind = static_cast<SpanKind>(kind);
        span.origin = proposals_[origin];
        if (restored > 0) span.restored_by = proposals_[restored - 1];
        end = span.range.end;
        out.push_back(span);
    }
    if (!in.complete()) return std::nullopt;
    return out;
}

bool BlameMemo::has(std::size_t text) const {
    return spans(text, std::nullopt).has_value();
}

std::optional<BlameResult> BlameMemo::find(std::size_t text, std::string_view last_text) const {
    std::optional<std::vector<BlameSpan>> remembered = spans(text, last_text.size());
    if (!remembered) return std::nullopt;
    BlameResult out;
    out.spans = std::move(*remembered);
    out.document = parse(last_text, parse_);
    return out;
}

void BlameMemo::put(std::size_t text, const BlameResult& result) {
    CacheWriter key;
    key.text(walk_key_).number(text);
    CacheWriter value;
    value.text(last_blobs_.at(text)).number(result.document.source.size());
    value.number(result.spans.size());
    // Not remembered: a result this walk could not have given.
    const auto known = [&](std::size_t proposal) {
        const std::size_t rank = rank_of(proposals_, proposal);
        return rank < proposals_.size() && proposals_[rank] == proposal;
    };
    std::size_t end = 0;
    for (const BlameSpan& span : result.spans) {
        if (span.range.begin < end || !known(span.origin) ||
            (span.restored_by && !known(*span.restored_by)))
            return;
        value.number(span.range.begin - end).number(span.range.size());
        value.number(static_cast<std::uint64_t>(span.kind));
        value.number(rank_of(proposals_, span.origin));
        value.number(span.restored_by ? rank_of(proposals_, *span.restored_by) + 1 : 0);
        end = span.range.end;
    }
    table_.put(key.take(), value.take());
}

namespace {

constexpr std::string_view kWalks = "blame-walks";

std::string walk_key(const std::string& commit, const std::string& path, bool across_texts) {
    CacheWriter key;
    key.text(CacheTable::id_key(commit)).text(path).flag(across_texts);
    return key.take();
}

}  // namespace

std::optional<BlameWalk> find_blame_walk(const Workspace& ws, const std::string& commit,
                                         const std::string& path, bool across_texts) {
    const CacheTable table(ws.repo().git_dir(), kWalks, "walks/4");
    const std::optional<std::string> value = table.find(walk_key(commit, path, across_texts));
    if (!value) return std::nullopt;
    CacheReader in(*value);
    BlameWalk walk;
    const std::uint64_t texts = in.number();
    for (std::uint64_t t = 0; t < texts && in.ok(); ++t) {
        BlameWalk::Text& text = walk.texts.emplace_back();
        const std::uint64_t versions = in.number();
        for (std::uint64_t v = 0; v < versions && in.ok(); ++v) {
            BlameVersion& version = text.versions.emplace_back();
            version.id = in.text();
            text.blob_ids.push_back(in.text());
            version.proposal = static_cast<std::size_t>(in.number());
            const std::uint64_t parents = in.number();
            for (std::uint64_t p = 0; p < parents && in.ok(); ++p) {
                const std::uint64_t parent = in.number();
                if (parent >= v) return std::nullopt;  // a parent comes before its child
                version.parents.push_back(static_cast<std::size_t>(parent));
            }
            if (v > 0 && version.proposal <= text.versions[v - 1].proposal) return std::nullopt;
        }
    }
    if (!in.complete() || walk.texts.empty()) return std::nullopt;
    return walk;
}

void remember_blame_walk(const Workspace& ws, const std::string& commit, const std::string& path,
                         bool across_texts, const BlameWalk& walk) {
    CacheTable table(ws.repo().git_dir(), kWalks, "walks/4");
    CacheWriter value;
    value.number(walk.texts.size());
    for (const BlameWalk::Text& text : walk.texts) {
        value.number(text.versions.size());
        for (std::size_t v = 0; v < text.versions.size(); ++v) {
            const BlameVersion& version = text.versions[v];
            value.text(version.id).text(text.blob_ids.at(v)).number(version.proposal);
            value.number(version.parents.size());
            for (const std::size_t p : version.parents) value.number(p);
        }
    }
    table.put(walk_key(commit, path, across_texts), value.take());
    table.save();
}

}  // namespace accord
