#include "core/util/commit_signature.hpp"

namespace accord {

namespace {

constexpr std::string_view kHeader = "gpgsig";

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::optional<SignedCommit> split_signed_commit(std::string_view raw_commit) {
    // Line by line, as git's parse_buffer_signed_by_header: the header and
    // its continuation lines (starting with a space) go to the signature,
    // another signature header and its continuations are dropped, and the
    // first empty line starts the message, which is copied whole.
    SignedCommit out;
    bool found = false, in_signature = false, other_signature = false;
    std::size_t line_start = 0;
    while (line_start < raw_commit.size()) {
        const std::size_t newline = raw_commit.find('\n', line_start);
        std::size_t next = newline == std::string_view::npos ? raw_commit.size() : newline + 1;
        const std::string_view line = raw_commit.substr(line_start, next - line_start);
        std::string_view signature_part;
        bool is_signature = false;
        if (in_signature && starts_with(line, " ")) {
            signature_part = line.substr(1);
            is_signature = true;
        } else if (starts_with(line, kHeader) && line.size() > kHeader.size() &&
                   line[kHeader.size()] == ' ') {
            signature_part = line.substr(kHeader.size() + 1);
            is_signature = true;
            other_signature = false;
        } else if (starts_with(line, kHeader)) {
            other_signature = true;
        } else if (other_signature && !starts_with(line, " ")) {
            other_signature = false;
        }
        if (is_signature) {
            out.signature.append(signature_part);
            found = true;
            in_signature = true;
        } else {
            if (starts_with(line, "\n")) next = raw_commit.size();  // the message, whole
            if (!other_signature)
                out.payload.append(raw_commit.substr(line_start, next - line_start));
            in_signature = false;
        }
        line_start = next;
    }
    if (!found) return std::nullopt;
    return out;
}

std::string add_signature_header(std::string_view commit_content, std::string_view signature) {
    // After the last header line: before the empty line that starts the
    // message, or at the end when there is none.
    const std::size_t blank = commit_content.find("\n\n");
    const std::size_t insert_at =
        blank == std::string_view::npos ? commit_content.size() : blank + 1;
    std::string out(commit_content.substr(0, insert_at));
    std::size_t start = 0;
    bool first = true;
    while (start < signature.size()) {
        const std::size_t newline = signature.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? signature.size() : newline + 1;
        out.append(first ? "gpgsig " : " ");
        out.append(signature.substr(start, end - start));
        if (newline == std::string_view::npos) out += '\n';
        first = false;
        start = end;
    }
    out.append(commit_content.substr(insert_at));
    return out;
}

SshSigningResult sign_commit_content(std::string_view commit_content, std::string_view signing_key,
                                     const SshSigningOptions& options) {
    SshSigningOptions for_git = options;
    for_git.name_space = "git";
    SshSigningResult result = sign_with_ssh_keygen(commit_content, signing_key, for_git);
    while (!result.signature.empty() && result.signature.back() == '\n') {
        result.signature.pop_back();
    }
    return result;
}

SignatureCheck verify_commit_signature(std::string_view signature, std::string_view signed_data) {
    return verify_ssh_signature(signature, signed_data, "git");
}

}  // namespace accord
