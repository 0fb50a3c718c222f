#include "core/store/repository_raw_objects.hpp"

#include "core/util/file.hpp"

namespace accord::git {

std::optional<CommitHeader> read_commit_header(PackReader* packs, git_odb* odb, const git_oid& id) {
    // A commit is a few hundred bytes; one larger than a mebibyte is read
    // (or refused) by libgit2. Its header (tree, parents, author,
    // committer) mostly lies in the first kilobyte: the message after it is
    // not inflated. A header longer than that is read whole.
    constexpr std::uint64_t kLargest = std::uint64_t{1} << 20;
    constexpr std::size_t kHeaderBytes = 1024;
    if (packs) {
        std::optional<PackReader::Object> read = packs->read_prefix(id.id, kHeaderBytes, kLargest);
        if (read && read->type == pack::kCommit && read->bytes->size() == kHeaderBytes) {
            if (std::optional<CommitHeader> header = parse_commit_header(*read->bytes))
                return header;
            read = packs->read(id.id, kLargest);
        }
        if (read && read->type == pack::kCommit) {
            if (std::optional<CommitHeader> header = parse_commit_header(*read->bytes))
                return header;
        }
    }
    git_odb_object* raw = nullptr;
    if (git_odb_read(&raw, odb, &id) < 0) return std::nullopt;
    const OdbObjectPtr object(raw);
    if (git_odb_object_type(raw) != GIT_OBJECT_COMMIT) return std::nullopt;
    return parse_commit_header(std::string_view(static_cast<const char*>(git_odb_object_data(raw)),
                                                git_odb_object_size(raw)));
}

RawTree::RawTree(git_odb* odb, const git_oid& id, const std::string& what) : id_(id) {
    read(odb, what);
}

RawTree::RawTree(PackReader* packs, git_odb* odb, const git_oid& id, const std::string& what)
    : id_(id) {
    // Smaller than kMaxReadBytes, as libgit2 reads under its ceiling (the
    // object and its closing NUL).
    std::optional<PackReader::Object> read_from_pack =
        packs ? packs->read(id.id, kMaxReadBytes - 1) : std::nullopt;
    if (read_from_pack && read_from_pack->type == pack::kTree) {
        bytes_ = std::move(read_from_pack->bytes);
        if (parse_tree(*bytes_, entries_)) return;
        entries_.clear();
        bytes_.reset();
    }
    // Not in a pack read here, not a tree, or not one that parses: libgit2
    // reads it or says why.
    read(odb, what);
}

void RawTree::read(git_odb* odb, const std::string& what) {
    const git_oid& id = id_;
    git_odb_object* raw = nullptr;
    {
        // No text's directory comes near it: a tree of gigabytes packed
        // small is refused before it is inflated.
        const ReadCeiling ceiling(kMaxReadBytes);
        if (git_odb_read(&raw, odb, &id) < 0) {
            if (ceiling.refused() > 0)
                throw failure("cannot read the tree " + what + ": object " + hex(id) +
                              " is larger than 128 MiB, more than any directory of texts");
            fail("cannot read the tree " + what);
        }
    }
    object_.reset(raw);
    if (git_odb_object_type(raw) != GIT_OBJECT_TREE)
        throw failure("cannot read the tree " + what + ": object " + hex(id) + " is not a tree");
    parse(std::string_view(static_cast<const char*>(git_odb_object_data(raw)),
                           git_odb_object_size(raw)),
          what);
}

void RawTree::parse(std::string_view bytes, const std::string& what) {
    if (!parse_tree(bytes, entries_))
        throw failure("cannot read the tree " + what + ": object " + hex(id_) +
                      " is corrupted (run git fsck)");
}

}  // namespace accord::git
