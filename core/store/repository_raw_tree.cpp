#include "core/store/repository_raw_tree.hpp"

#include <cstring>

namespace accord::git {

// Entries point at ids within the object's bytes.
static_assert(sizeof(git_oid) == GIT_OID_RAWSZ && alignof(git_oid) == 1);

std::uint32_t normalised_mode(std::uint32_t raw_mode) {
    // As libgit2's normalize_filemode (tree.c).
    const std::uint32_t type = raw_mode & 0170000;
    if (type == GIT_FILEMODE_TREE) return GIT_FILEMODE_TREE;
    if (raw_mode & 0100) return GIT_FILEMODE_BLOB_EXECUTABLE;
    if (type == GIT_FILEMODE_COMMIT) return GIT_FILEMODE_COMMIT;
    if (type == GIT_FILEMODE_LINK) return GIT_FILEMODE_LINK;
    return GIT_FILEMODE_BLOB;
}

bool parse_tree(std::string_view bytes, std::vector<RawTree::Entry>& out) {
    // Each entry: an octal mode, a space, a name, a NUL, 20 bytes of id
    // (libgit2's git_tree__parse_raw refuses what this refuses).
    out.clear();
    std::size_t at = 0;
    while (at < bytes.size()) {
        std::uint32_t mode = 0;
        const std::size_t mode_start = at;
        while (at < bytes.size() && bytes[at] >= '0' && bytes[at] <= '7') {
            mode = mode * 8 + static_cast<std::uint32_t>(bytes[at] - '0');
            if (mode > 0xFFFF) return false;
            ++at;
        }
        if (at == mode_start || at >= bytes.size() || bytes[at] != ' ') return false;
        ++at;
        const std::size_t name_end = bytes.find('\0', at);
        if (name_end == std::string_view::npos || name_end == at || name_end - at > 0xFFFF)
            return false;
        if (bytes.size() - (name_end + 1) < GIT_OID_RAWSZ) return false;
        RawTree::Entry entry;
        entry.name = bytes.substr(at, name_end - at);
        entry.mode = normalised_mode(mode);
        entry.id = reinterpret_cast<const git_oid*>(bytes.data() + name_end + 1);
        out.push_back(entry);
        at = name_end + 1 + GIT_OID_RAWSZ;
    }
    return true;
}

RawTree::RawTree(git_odb* odb, const git_oid& id, const std::string& what) : id_(id) {
    git_odb_object* raw = nullptr;
    if (git_odb_read(&raw, odb, &id) < 0) fail("cannot read the tree " + what);
    object_.reset(raw);
    if (git_odb_object_type(raw) != GIT_OBJECT_TREE)
        throw failure("cannot read the tree " + what + ": object " + hex(id) + " is not a tree");
    const std::string_view bytes(static_cast<const char*>(git_odb_object_data(raw)),
                                 git_odb_object_size(raw));
    if (!parse_tree(bytes, entries_))
        throw failure("cannot read the tree " + what + ": object " + hex(id) +
                      " is corrupted (run git fsck)");
}

}  // namespace accord::git
