#include "core/store/repository_commit_graph.hpp"

#include <cstring>

#include "core/util/file.hpp"

namespace accord::git {

namespace {

constexpr std::uint32_t kParentNone = 0x70000000;
constexpr std::uint32_t kEdgeBit = 0x80000000;
constexpr std::size_t kHashBytes = GIT_OID_RAWSZ;
constexpr std::size_t kDataBytes = kHashBytes + 16;  // tree, two parents, generation and date

std::uint32_t be32(const std::string& bytes, std::size_t at) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

std::uint64_t be64(const std::string& bytes, std::size_t at) {
    return (std::uint64_t{be32(bytes, at)} << 32) | be32(bytes, at + 4);
}

std::uint32_t chunk_id(const char (&name)[5]) {
    return (std::uint32_t(static_cast<unsigned char>(name[0])) << 24) |
           (std::uint32_t(static_cast<unsigned char>(name[1])) << 16) |
           (std::uint32_t(static_cast<unsigned char>(name[2])) << 8) |
           std::uint32_t(static_cast<unsigned char>(name[3]));
}

}  // namespace

CommitGraph CommitGraph::open(const std::string& common_dir) {
    // A chain of split graphs (objects/info/commit-graphs/) is not read: gc
    // writes the single file, and a walk without a graph reads the commits.
    const FileResult file = read_file_within(common_dir, "objects/info/commit-graph");
    if (!file.contents) return CommitGraph();
    return parse(std::move(*file.contents));
}

CommitGraph CommitGraph::parse(std::string bytes) {
    CommitGraph graph;
    // Header: "CGPH", version 1, hash version 1 (SHA-1), chunk count, base graph count.
    if (bytes.size() < 8 || bytes.compare(0, 4, "CGPH") != 0 || bytes[4] != 1 || bytes[5] != 1 ||
        bytes[7] != 0)
        return graph;
    const std::size_t chunks = static_cast<unsigned char>(bytes[6]);
    const std::size_t table_end = 8 + (chunks + 1) * 12;
    if (bytes.size() < table_end) return graph;
    std::size_t found[4] = {0, 0, 0, 0}, sizes[4] = {0, 0, 0, 0};
    const std::uint32_t wanted[4] = {chunk_id("OIDF"), chunk_id("OIDL"), chunk_id("CDAT"),
                                     chunk_id("EDGE")};
    for (std::size_t k = 0; k < chunks; ++k) {
        const std::size_t at = 8 + k * 12;
        const std::uint64_t start = be64(bytes, at + 4), end = be64(bytes, at + 16);
        if (start < table_end || end < start || end > bytes.size()) return graph;
        for (std::size_t w = 0; w < 4; ++w) {
            if (be32(bytes, at) == wanted[w]) {
                found[w] = static_cast<std::size_t>(start);
                sizes[w] = static_cast<std::size_t>(end - start);
            }
        }
    }
    if (found[0] == 0 || found[1] == 0 || found[2] == 0 || sizes[0] != 256 * 4) return graph;
    std::uint32_t last = 0;
    for (std::size_t b = 0; b < 256; ++b) {
        const std::uint32_t count = be32(bytes, found[0] + 4 * b);
        if (count < last) return graph;
        last = count;
    }
    const std::size_t commits = last;
    if (sizes[1] / kHashBytes < commits || sizes[2] / kDataBytes < commits) return graph;
    // The ids in strictly increasing order, each where the fanout says its
    // first byte's ids are: each commit has one entry, found by the search.
    const char* const ids = bytes.data() + found[1];
    for (std::size_t k = 0; k < commits; ++k) {
        const char* const id = ids + k * kHashBytes;
        if (k > 0 && std::memcmp(id - kHashBytes, id, kHashBytes) >= 0) return graph;
        const unsigned char first = static_cast<unsigned char>(id[0]);
        const std::size_t from = first == 0 ? 0 : be32(bytes, found[0] + 4 * (first - 1));
        if (k < from || k >= be32(bytes, found[0] + 4 * first)) return graph;
    }
    graph.fanout_ = found[0];
    graph.ids_ = found[1];
    graph.data_ = found[2];
    graph.edges_ = found[3];
    graph.edge_count_ = found[3] ? sizes[3] / 4 : 0;
    graph.commits_ = commits;
    graph.bytes_ = std::move(bytes);
    return graph;
}

std::optional<CommitHeader> CommitGraph::find(const git_oid& id) const {
    if (commits_ == 0) return std::nullopt;
    const unsigned char first = id.id[0];
    std::size_t low = first == 0 ? 0 : be32(bytes_, fanout_ + 4 * (first - 1));
    std::size_t high = be32(bytes_, fanout_ + 4 * first);
    const auto id_at = [&](std::size_t position) {
        return bytes_.data() + ids_ + position * kHashBytes;
    };
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        const int order = std::memcmp(id_at(middle), id.id, kHashBytes);
        if (order == 0) {
            low = middle;
            high = middle + 1;
            break;
        }
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    if (low >= high || std::memcmp(id_at(low), id.id, kHashBytes) != 0) return std::nullopt;

    const std::size_t data = data_ + low * kDataBytes;
    // A parent's generation (its topological level) is below its child's:
    // so a parent taken from the graph is never the commit again, however
    // the positions were written. A commit without one is read instead.
    const auto generation = [&](std::size_t position) {
        return be32(bytes_, data_ + position * kDataBytes + kHashBytes + 8) >> 2;
    };
    const std::uint32_t own_generation = generation(low);
    if (own_generation == 0) return std::nullopt;  // not computed: nothing to check against
    CommitHeader header;
    std::memcpy(header.tree.id, bytes_.data() + data, kHashBytes);
    const auto add_parent = [&](std::uint32_t position) {
        if (position >= commits_ || generation(position) >= own_generation) return false;
        git_oid parent;
        std::memcpy(parent.id, id_at(position), kHashBytes);
        header.parents.push_back(parent);
        return true;
    };
    const std::uint32_t first_parent = be32(bytes_, data + kHashBytes);
    const std::uint32_t second_parent = be32(bytes_, data + kHashBytes + 4);
    if (first_parent == kParentNone) {
        if (second_parent != kParentNone) return std::nullopt;
        return header;
    }
    if (!add_parent(first_parent)) return std::nullopt;
    if (second_parent == kParentNone) return header;
    if (!(second_parent & kEdgeBit)) {
        if (!add_parent(second_parent)) return std::nullopt;
        return header;
    }
    // An octopus: its other parents listed in EDGE from there, the last marked.
    for (std::size_t edge = second_parent & ~kEdgeBit;; ++edge) {
        if (edge >= edge_count_) return std::nullopt;
        const std::uint32_t value = be32(bytes_, edges_ + 4 * edge);
        if (!add_parent(value & ~kEdgeBit)) return std::nullopt;
        if (value & kEdgeBit) return header;
    }
}

}  // namespace accord::git
