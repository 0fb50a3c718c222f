#include "core/store/journal.hpp"

#include <csignal>
#include <cstdlib>
#include <cstring>

namespace accord {

namespace {

constexpr std::string_view kMagic = "accord-journal 1";

std::string encode(std::string_view value) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F || c == '%') {
            out += '%';
            out += digits[byte >> 4];
            out += digits[byte & 15];
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<std::string> decode(std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '%') {
            out += value[i];
            continue;
        }
        if (i + 2 >= value.size()) return std::nullopt;
        auto hex = [](char c) -> int {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        };
        const int high = hex(value[i + 1]), low = hex(value[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

bool is_hex_id(std::string_view text) {
    if (text.size() != 40) return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

// "key value" -> key, value.
std::pair<std::string_view, std::string_view> split_field(std::string_view line) {
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos) return {line, {}};
    return {line.substr(0, space), line.substr(space + 1)};
}

std::vector<std::string_view> words(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find(' ', at);
        if (end == std::string_view::npos) end = text.size();
        out.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

}  // namespace

std::string format_journal(const Journal& j) {
    std::string out(kMagic);
    out += "\n";
    out += "operation " + encode(j.operation) + "\n";
    out += "pid " + std::to_string(j.pid) + "\n";
    out += "branch " + encode(j.branch) + "\n";
    out += "old " + (j.old_tip.empty() ? std::string("-") : j.old_tip) + "\n";
    out += "new " + j.new_tip + "\n";
    out +=
        "head-before " + (j.head_before.empty() ? std::string("-") : encode(j.head_before)) + "\n";
    out += std::string("switch-head ") + (j.switch_head ? "yes" : "no") + "\n";
    out += std::string("sync-index ") + (j.sync_index ? "yes" : "no") + "\n";
    for (const JournalFile& f : j.files) {
        // file MODE BLOB|- WORKTREE(yes|no) BEFORE|- PATH
        char mode[16];
        std::snprintf(mode, sizeof mode, "%06o", f.mode);
        out += "file ";
        out += mode;
        out += " " + (f.blob.empty() ? std::string("-") : f.blob);
        out += f.write_worktree ? " yes " : " no ";
        out += (f.worktree_before.empty() ? std::string("-") : f.worktree_before);
        out += " " + encode(f.path) + "\n";
    }
    out += "end\n";
    return out;
}

std::optional<Journal> parse_journal(std::string_view text) {
    Journal j;
    std::size_t at = 0;
    bool first = true, ended = false, have_new = false;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) return std::nullopt;  // every line ends
        const std::string_view line = text.substr(at, end - at);
        at = end + 1;
        if (ended) return std::nullopt;  // nothing after "end"
        if (first) {
            if (line != kMagic) return std::nullopt;
            first = false;
            continue;
        }
        if (line == "end") {
            ended = true;
            continue;
        }
        const auto [key, value] = split_field(line);
        if (key == "operation" || key == "branch" || key == "head-before") {
            std::optional<std::string> decoded =
                value == "-" && key == "head-before" ? std::string() : decode(value);
            if (!decoded) return std::nullopt;
            (key == "operation" ? j.operation
             : key == "branch"  ? j.branch
                                : j.head_before) = std::move(*decoded);
        } else if (key == "pid") {
            char* stop = nullptr;
            const std::string digits(value);
            j.pid = std::strtoll(digits.c_str(), &stop, 10);
            if (digits.empty() || *stop != '\0') return std::nullopt;
        } else if (key == "old" || key == "new") {
            if (key == "old" && value == "-") continue;
            if (!is_hex_id(value)) return std::nullopt;
            (key == "old" ? j.old_tip : j.new_tip) = std::string(value);
            if (key == "new") have_new = true;
        } else if (key == "switch-head" || key == "sync-index") {
            if (value != "yes" && value != "no") return std::nullopt;
            (key == "switch-head" ? j.switch_head : j.sync_index) = value == "yes";
        } else if (key == "file") {
            const std::vector<std::string_view> parts = words(value);
            if (parts.size() != 5) return std::nullopt;
            JournalFile f;
            char* stop = nullptr;
            const std::string mode(parts[0]);
            f.mode = static_cast<std::uint32_t>(std::strtoul(mode.c_str(), &stop, 8));
            if (mode.empty() || *stop != '\0') return std::nullopt;
            if (parts[1] != "-") {
                if (!is_hex_id(parts[1])) return std::nullopt;
                f.blob = std::string(parts[1]);
            }
            if (parts[2] != "yes" && parts[2] != "no") return std::nullopt;
            f.write_worktree = parts[2] == "yes";
            if (parts[3] != "-") {
                if (!is_hex_id(parts[3])) return std::nullopt;
                f.worktree_before = std::string(parts[3]);
            }
            std::optional<std::string> path = decode(parts[4]);
            if (!path || path->empty()) return std::nullopt;
            f.path = std::move(*path);
            j.files.push_back(std::move(f));
        } else {
            return std::nullopt;
        }
    }
    if (!ended || !have_new || j.branch.empty()) return std::nullopt;
    return j;
}

void crash_point(const char* point) {
    const char* wanted = std::getenv("ACCORD_TEST_CRASH_AT");
    if (wanted != nullptr && std::strcmp(wanted, point) == 0) std::raise(SIGKILL);
}

}  // namespace accord
