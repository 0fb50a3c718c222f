#include "merge/blame/checkpoint_store.hpp"

#include <functional>

namespace accord {

namespace {

using blame_detail::Graveyard;
using blame_detail::Origin;

constexpr std::string_view kTable = "blame-checkpoints";

std::string fingerprint(const BlameOptions& options) {
    CacheWriter out;
    out.text("checkpoint/9").text(blame_options_key(options));
    return out.take();
}

// What names the walk a checkpoint was made from: a SHA-1 of the texts'
// versions up to its proposal (commit, blob, proposal, parents) and of how
// origins are numbered.
std::string prefix_key(BlameOrigins origins, std::span<const TextVersions> texts,
                       const std::vector<std::vector<std::string>>& blob_ids,
                       std::uint32_t last_proposal) {
    CacheWriter walk;
    walk.flag(origins == BlameOrigins::proposals).number(texts.size()).number(last_proposal);
    for (std::size_t t = 0; t < texts.size(); ++t) {
        const std::span<const BlameVersion> versions = texts[t].versions;
        for (std::size_t v = 0; v < versions.size(); ++v) {
            const std::size_t proposal =
                origins == BlameOrigins::version_indices ? v : versions[v].proposal;
            if (proposal > last_proposal) break;
            walk.number(t).text(versions[v].id).text(blob_ids.at(t).at(v)).number(proposal);
            walk.number(versions[v].parents.size());
            for (const std::size_t p : versions[v].parents) walk.number(p);
        }
    }
    return CacheTable::id_key(Repository::hash_blob(walk.take()));
}

// Reads a number that must fit in 32 bits (else the reader is spoilt).
std::uint32_t number32(CacheReader& in, bool& ok) {
    const std::uint64_t value = in.number();
    if (value > UINT32_MAX) ok = false;
    return static_cast<std::uint32_t>(value);
}

void put_origin(CacheWriter& out, const Origin& origin) {
    out.number(origin.proposal).number(origin.restored_by).number(origin.serial);
}

Origin get_origin(CacheReader& in, bool& ok) {
    Origin origin;
    origin.proposal = number32(in, ok);
    origin.restored_by = number32(in, ok);
    origin.serial = number32(in, ok);
    return origin;
}

void put_neighbour(CacheWriter& out, const Graveyard::Neighbour& n) {
    out.flag(n.edge).number(n.id).number(n.proposal).number(n.serial);
}

Graveyard::Neighbour get_neighbour(CacheReader& in, bool& ok) {
    Graveyard::Neighbour n;
    n.edge = in.flag();
    n.id = number32(in, ok);
    n.proposal = number32(in, ok);
    n.serial = number32(in, ok);
    return n;
}

}  // namespace

std::string encode_blame_checkpoint(const std::string& prefix, const BlameCheckpoint& c) {
    CacheWriter out;
    out.text(prefix).number(c.last_proposal).number(c.next_serial);
    const TokenInterner::State& interner = c.interner;
    out.number(interner.next);
    for (const auto* bytes : {&interner.text_bytes, &interner.markup_bytes}) {
        out.number(bytes->size());
        for (const std::uint32_t id : *bytes) out.number(id);
    }
    out.number(interner.entries.size());
    for (const TokenInterner::State::Entry& e : interner.entries)
        out.number(static_cast<std::uint64_t>(e.table)).text(e.key).number(e.id);
    out.number(c.graveyard.words.size());
    for (const Graveyard::Word& w : c.graveyard.words) {
        out.number(w.id).number(w.run);
        put_origin(out, w.origin);
    }
    out.number(c.graveyard.runs.size());
    for (const Graveyard::Run& r : c.graveyard.runs) {
        out.number(r.first).number(r.length).number(r.words).number(r.text).number(r.deleted_by);
        put_neighbour(out, r.before);
        put_neighbour(out, r.after);
        out.flag(r.between_marks).flag(r.beside_mark);
    }
    out.number(c.graveyard.marks.size());
    for (const Graveyard::Mark& m : c.graveyard.marks) {
        out.number(m.word).number(m.id).flag(m.after);
        put_origin(out, m.origin);
    }
    out.number(c.texts.size());
    for (const BlameCheckpoint::Text& t : c.texts) {
        out.number(t.version).number(t.ids_hash).number(t.origins.size());
        for (const Origin& o : t.origins) put_origin(out, o);
    }
    return out.take();
}

std::optional<BlameCheckpoint> decode_blame_checkpoint(
    std::string_view bytes, const std::function<std::string(std::uint32_t)>& prefix_at) {
    CacheReader in(bytes);
    bool ok = true;
    BlameCheckpoint c;
    const std::string named = in.text();
    c.last_proposal = number32(in, ok);
    c.next_serial = number32(in, ok);
    if (!in.ok() || !ok || named != prefix_at(c.last_proposal)) return std::nullopt;
    // Every item takes a byte at least: all the counts together cannot pass
    // the size of the value (a damaged count makes nothing large).
    std::size_t items_left = bytes.size();
    const auto count = [&] {
        const std::uint64_t n = in.number();
        if (!in.ok() || n > items_left) ok = false;
        if (!ok) return std::size_t{0};
        items_left -= static_cast<std::size_t>(n);
        return static_cast<std::size_t>(n);
    };
    TokenInterner::State& interner = c.interner;
    interner.next = number32(in, ok);
    for (auto* table : {&interner.text_bytes, &interner.markup_bytes}) {
        table->resize(count());
        for (std::uint32_t& id : *table) id = number32(in, ok);
    }
    interner.entries.resize(count());
    for (TokenInterner::State::Entry& e : interner.entries) {
        const std::uint64_t table = in.number();
        if (table > static_cast<std::uint64_t>(TokenInterner::State::Table::unit_digest))
            ok = false;
        e.table = static_cast<TokenInterner::State::Table>(table);
        e.key = in.text();
        e.id = number32(in, ok);
        if (!in.ok() || !ok) return std::nullopt;
    }
    c.graveyard.words.resize(count());
    for (Graveyard::Word& w : c.graveyard.words) {
        w.id = number32(in, ok);
        w.run = number32(in, ok);
        w.origin = get_origin(in, ok);
    }
    c.graveyard.runs.resize(count());
    for (Graveyard::Run& r : c.graveyard.runs) {
        r.first = number32(in, ok);
        r.length = number32(in, ok);
        r.words = number32(in, ok);
        r.text = number32(in, ok);
        r.deleted_by = number32(in, ok);
        r.before = get_neighbour(in, ok);
        r.after = get_neighbour(in, ok);
        r.between_marks = in.flag();
        r.beside_mark = in.flag();
    }
    c.graveyard.marks.resize(count());
    for (Graveyard::Mark& m : c.graveyard.marks) {
        m.word = number32(in, ok);
        m.id = number32(in, ok);
        m.after = in.flag();
        m.origin = get_origin(in, ok);
    }
    c.texts.resize(count());
    for (BlameCheckpoint::Text& t : c.texts) {
        t.version = number32(in, ok);
        t.ids_hash = in.number();
        t.origins.resize(count());
        for (Origin& o : t.origins) o = get_origin(in, ok);
    }
    if (!ok || !in.complete()) return std::nullopt;
    return c;
}

BlameCheckpointStore::BlameCheckpointStore(const Workspace& ws, const BlameOptions& options)
    : table_(ws.repo().git_dir(), kTable, fingerprint(options)) {}

BlameCheckpointStore::~BlameCheckpointStore() {
    table_.save();
}

bool BlameCheckpointStore::has(const std::string& path) const {
    return table_.find(path).has_value();
}

std::optional<BlameCheckpoint> BlameCheckpointStore::find(
    const std::string& path, BlameOrigins origins, std::span<const TextVersions> texts,
    const std::vector<std::vector<std::string>>& blob_ids) const {
    const std::optional<std::string> value = table_.find(path);
    if (!value) return std::nullopt;
    return decode_blame_checkpoint(*value, [&](std::uint32_t last_proposal) {
        return prefix_key(origins, texts, blob_ids, last_proposal);
    });
}

void BlameCheckpointStore::put(const std::string& path, BlameOrigins origins,
                               std::span<const TextVersions> texts,
                               const std::vector<std::vector<std::string>>& blob_ids,
                               const BlameCheckpoint& checkpoint) {
    table_.put(path,
               encode_blame_checkpoint(
                   prefix_key(origins, texts, blob_ids, checkpoint.last_proposal), checkpoint));
}

}  // namespace accord
