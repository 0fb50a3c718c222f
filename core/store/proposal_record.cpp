#include "core/store/proposal_record.hpp"

#include "core/store/repository.hpp"
#include "core/util/text.hpp"

namespace accord {

bool is_plain_merge(std::size_t parent_count, std::string_view message) {
    return parent_count > 1 &&
           trailer_values(trailers(std::string(message)), kProposedByTrailer).empty();
}

std::string delegation_email(const std::string& name) {
    std::string slug;
    for (const char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (alnum || (c >= 'A' && c <= 'Z')) {
            slug += alnum ? c : static_cast<char>(c - 'A' + 'a');
        } else if (!slug.empty() && slug.back() != '-') {
            slug += '-';
        }
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return (slug.empty() ? std::string("delegation") : slug) + "@delegations.accord";
}

std::string author_name(const std::string& name) {
    std::string out;
    for (const char c : name) {
        if (c == '<') {
            out += "\u2039";
        } else if (c == '>') {
            out += "\u203A";
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            out += ' ';
        } else {
            out += c;
        }
    }
    const std::size_t begin = out.find_first_not_of(' ');
    if (begin == std::string::npos) return "delegation";
    return out.substr(begin, out.find_last_not_of(' ') - begin + 1);
}

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

std::string format_proposal_message(const ProposalMessage& message) {
    std::string text = message.text;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' ||
                             text.back() == '\t'))
        text.pop_back();
    text.erase(0, text.find_first_not_of('\n'));
    text += "\n\n";
    auto trailer = [&](std::string_view key, const std::string& value) {
        if (const std::string line = one_line(value); !line.empty())
            text += std::string(key) + ": " + line + "\n";
    };
    for (const std::string& name : message.proposers) trailer(kProposedByTrailer, name);
    trailer(kOnBehalfOfTrailer, message.on_behalf_of);
    trailer(kMeetingTrailer, message.meeting);
    for (const std::string& name : message.merged_redrafts) trailer(kMergedRedraftTrailer, name);
    if (message.notation_errors > 0)
        trailer(kNotationErrorsTrailer, std::to_string(message.notation_errors));
    return text;
}

}  // namespace accord
