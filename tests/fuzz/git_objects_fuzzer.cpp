// libFuzzer target for the bytes a cloned repository hands the history walk
// without libgit2 reading them first: a tree object, a commit object's
// header, git's commit-graph file, and a pack's entry headers, deltas
// and index. None may crash or read out of bounds
// (the build adds AddressSanitizer); a tree that parses has entries lying
// within its bytes; a commit-graph answers for any id, and never gives a
// commit as its own parent.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/git_object_parse.hpp"
#include "core/store/pack_format.hpp"
#include "core/store/repository_commit_graph.hpp"

namespace {

bool is_normalised(std::uint32_t mode) {
    return mode == GIT_FILEMODE_TREE || mode == GIT_FILEMODE_BLOB ||
           mode == GIT_FILEMODE_BLOB_EXECUTABLE || mode == GIT_FILEMODE_LINK ||
           mode == GIT_FILEMODE_COMMIT;
}

void check_tree(std::string_view bytes) {
    std::vector<accord::git::TreeEntry> entries;
    if (!accord::git::parse_tree(bytes, entries)) return;
    const char* const begin = bytes.data();
    const char* const end = bytes.data() + bytes.size();
    for (const accord::git::TreeEntry& entry : entries) {
        const char* const id = reinterpret_cast<const char*>(entry.id);
        if (entry.name.empty() || entry.name.find('\0') != std::string_view::npos) std::abort();
        if (entry.name.data() < begin || entry.name.data() + entry.name.size() > end) std::abort();
        if (id < begin || id + GIT_OID_RAWSZ > end) std::abort();
        if (!is_normalised(entry.mode)) std::abort();
    }
}

void check_commit(std::string_view bytes) {
    const std::optional<accord::git::CommitHeader> header = accord::git::parse_commit_header(bytes);
    if (!header) return;
    // Each parent line takes 48 bytes; the tree line and the signatures more.
    if (!bytes.starts_with("tree ") || header->parents.size() * 48 > bytes.size()) std::abort();
}

void check_graph(std::string_view bytes) {
    const accord::git::CommitGraph graph = accord::git::CommitGraph::parse(std::string(bytes));
    // Ask for ids at every offset of the input's start (those of the
    // commits a seed holds among them) and for the two extremes.
    std::vector<git_oid> asked(2);
    std::memset(asked[0].id, 0x00, GIT_OID_RAWSZ);
    std::memset(asked[1].id, 0xff, GIT_OID_RAWSZ);
    for (std::size_t at = 0; at + GIT_OID_RAWSZ <= bytes.size() && at < 8192; ++at) {
        git_oid id;
        std::memcpy(id.id, bytes.data() + at, GIT_OID_RAWSZ);
        asked.push_back(id);
    }
    for (const git_oid& id : asked) {
        const std::optional<accord::git::CommitHeader> header = graph.find(id);
        if (!header) continue;
        if (graph.empty() || header->parents.size() > graph.size()) std::abort();
        for (const git_oid& parent : header->parents) {
            if (std::memcmp(parent.id, id.id, GIT_OID_RAWSZ) == 0) std::abort();
        }
    }
}

// A pack entry's header, a delta applied to a base (the input's two
// halves), a pack index searched for ids found in it, and git's check of
// an index's size.
void check_pack(std::string_view bytes) {
    namespace pack = accord::git::pack;
    if (const std::optional<pack::EntryHeader> header = pack::parse_entry_header(bytes)) {
        if (header->length == 0 || header->length > bytes.size()) std::abort();
        if (header->type == pack::kReferenceDelta &&
            (header->base_id.size() != 20 || header->base_id.data() < bytes.data() ||
             header->base_id.data() + 20 > bytes.data() + bytes.size()))
            std::abort();
    }
    const std::string_view base = bytes.substr(0, bytes.size() / 2);
    const std::string_view delta = bytes.substr(bytes.size() / 2);
    std::string made;
    if (pack::apply_delta(base, delta, made, 1 << 20) && made.size() > (1 << 20)) std::abort();
    // An index the reader takes is one git takes (its header and size alone).
    const std::string problem =
        pack::index_problem(bytes.substr(0, pack::kIndexHead), bytes.size());
    if (const std::optional<pack::Index> index = pack::Index::parse(bytes)) {
        if (index->count() > bytes.size() / 28 || index->pack_checksum().size() != 20) std::abort();
        if (!problem.empty()) std::abort();
        for (std::size_t at = 0; at + 20 <= bytes.size() && at < 4096; at += 7)
            (void)index->find(reinterpret_cast<const unsigned char*>(bytes.data() + at));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    check_tree(bytes);
    check_commit(bytes);
    check_graph(bytes);
    check_pack(bytes);
    return 0;
}
