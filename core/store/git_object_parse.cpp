#include "core/store/git_object_parse.hpp"

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

bool parse_tree(std::string_view bytes, std::vector<TreeEntry>& out) {
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
        TreeEntry entry;
        entry.name = bytes.substr(at, name_end - at);
        entry.mode = normalised_mode(mode);
        entry.id = reinterpret_cast<const git_oid*>(bytes.data() + name_end + 1);
        out.push_back(entry);
        at = name_end + 1 + GIT_OID_RAWSZ;
    }
    return true;
}

namespace {

// The 40 hex digits of an id at the start of `text`, followed by '\n'.
bool parse_hex_line(std::string_view text, git_oid& id) {
    if (text.size() < 2 * GIT_OID_RAWSZ + 1 || text[2 * GIT_OID_RAWSZ] != '\n') return false;
    const auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;  // git writes ids in lower case
    };
    for (std::size_t k = 0; k < GIT_OID_RAWSZ; ++k) {
        const int high = digit(text[2 * k]), low = digit(text[2 * k + 1]);
        if (high < 0 || low < 0) return false;
        id.id[k] = static_cast<unsigned char>(high * 16 + low);
    }
    return true;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// A line `<prefix>NAME <EMAIL> SECONDS +HHMM\n` at the start of `text`, in
// the one form git writes (a name before the e-mail, neither holding '<',
// '>' or a line break; seconds of at most 18 digits; a signed four-digit
// offset), taken off it. Anything else is for libgit2 to judge: this only
// ever takes a line libgit2 takes too (its git_signature__parse wants the
// e-mail in <> and whole seconds after it, and is lenient with the rest).
bool take_signature(std::string_view& text, std::string_view prefix) {
    if (!text.starts_with(prefix)) return false;
    const std::size_t end = text.find('\n');
    if (end == std::string_view::npos) return false;
    std::string_view line = text.substr(prefix.size(), end - prefix.size());
    const std::size_t open = line.find('<');
    if (open == std::string_view::npos || open < 2 || line[open - 1] != ' ' || line[0] == ' ')
        return false;
    if (line.substr(0, open).find('>') != std::string_view::npos) return false;
    const std::size_t close = line.find('>', open);
    if (close == std::string_view::npos) return false;
    if (line.substr(open + 1, close - open - 1).find('<') != std::string_view::npos) return false;
    line.remove_prefix(close + 1);
    // " SECONDS +HHMM", nothing else.
    if (line.size() < 8 || line[0] != ' ') return false;
    line.remove_prefix(1);
    std::size_t digits = 0;
    while (digits < line.size() && is_digit(line[digits])) ++digits;
    if (digits == 0 || digits > 18 || line.size() != digits + 6 || line[digits] != ' ')
        return false;
    const std::string_view offset = line.substr(digits + 1);
    if ((offset[0] != '+' && offset[0] != '-') || !is_digit(offset[1]) || !is_digit(offset[2]) ||
        !is_digit(offset[3]) || !is_digit(offset[4]))
        return false;
    text.remove_prefix(end + 1);
    return true;
}

}  // namespace

std::optional<CommitHeader> parse_commit_header(std::string_view bytes) {
    constexpr std::string_view kTree = "tree ", kParent = "parent ";
    constexpr std::size_t kLine = 2 * GIT_OID_RAWSZ + 1;
    CommitHeader header;
    if (!bytes.starts_with(kTree) || !parse_hex_line(bytes.substr(kTree.size()), header.tree))
        return std::nullopt;
    bytes.remove_prefix(kTree.size() + kLine);
    while (bytes.starts_with(kParent)) {
        git_oid parent;
        if (!parse_hex_line(bytes.substr(kParent.size()), parent)) return std::nullopt;
        header.parents.push_back(parent);
        bytes.remove_prefix(kParent.size() + kLine);
    }
    // Then an author (libgit2 reads further author lines too), then a
    // committer, as git writes them: a header that is not so is left for
    // libgit2 to judge and name, as a commit read whole would be.
    if (!take_signature(bytes, "author ")) return std::nullopt;
    while (bytes.starts_with("author ")) {
        if (!take_signature(bytes, "author ")) return std::nullopt;
    }
    if (!take_signature(bytes, "committer ")) return std::nullopt;
    return header;
}

}  // namespace accord::git
