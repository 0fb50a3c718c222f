#include "core/store/commit_object.hpp"

#include <cstdio>
#include <cstdlib>

namespace accord {

std::string signature_problem(const Signature& signature, std::string_view role) {
    const std::string who =
        std::string(role) + " '" + signature.name + " <" + signature.email + ">'";
    if (signature.name.empty()) return std::string(role) + " has no name";
    if (signature.email.empty()) return who + " has no address";
    for (const std::string* field : {&signature.name, &signature.email}) {
        if (field->find_first_of(std::string_view("<>\n\0", 4)) != std::string::npos) {
            return who +
                   " holds '<', '>', a line break or a NUL byte, which git cannot record in "
                   "an identity";
        }
    }
    if (signature.time < 0) {
        return "the " + std::string(role) +
               " date is before 1970-01-01, the earliest date git records (git counts time in "
               "seconds from the start of 1970)";
    }
    if (signature.offset_minutes <= -100 * 60 || signature.offset_minutes >= 100 * 60) {
        return "the " + std::string(role) + " time zone offset of " +
               std::to_string(signature.offset_minutes) + " minutes is not one git can write";
    }
    return "";
}

std::string format_git_time(std::int64_t time, int offset_minutes) {
    const int magnitude = std::abs(offset_minutes);
    char zone[16];
    std::snprintf(zone, sizeof zone, "%c%02d%02d", offset_minutes < 0 ? '-' : '+', magnitude / 60,
                  magnitude % 60);
    return std::to_string(time) + " " + zone;
}

std::string format_commit_object(const std::string& tree, const std::vector<std::string>& parents,
                                 const Signature& author, const Signature& committer,
                                 std::string_view message) {
    std::string out;
    out.reserve(256 + message.size());
    out.append("tree ").append(tree).append("\n");
    for (const std::string& parent : parents) out.append("parent ").append(parent).append("\n");
    auto identity = [&](std::string_view header, const Signature& s) {
        out.append(header).append(" ").append(s.name).append(" <").append(s.email).append("> ");
        out.append(format_git_time(s.time, s.offset_minutes)).append("\n");
    };
    identity("author", author);
    identity("committer", committer);
    out.append("\n").append(message);
    if (message.empty() || message.back() != '\n') out += '\n';
    return out;
}

}  // namespace accord
