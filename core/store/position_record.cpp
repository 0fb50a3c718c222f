#include "core/store/position_record.hpp"

#include "core/store/proposal_record.hpp"
#include "core/store/repository.hpp"
#include "core/util/text.hpp"

namespace accord {

namespace {

std::string shortened(const std::string& text, std::size_t limit) {
    std::string line = one_line(text);
    if (line.size() <= limit) return line;
    std::size_t cut = limit - 3;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    return line.substr(0, cut) + "...";
}

std::string first(const Trailers& all, std::string_view key) {
    const std::vector<std::string> values = trailer_values(all, key);
    return values.empty() ? std::string() : values.front();
}

}  // namespace

std::string format_position_message(const PositionRecord& position) {
    std::string subject =
        position.speakers.empty()
            ? "Noted" +
                  (position.noted_by.empty() ? std::string() : " by " + one_line(position.noted_by))
            : "Position of " + join_names(position.speakers);
    subject += " on " + position.path + ": " + shortened(position.said, 72);
    std::string text = subject + "\n\n";
    // The words in full, unless the subject already holds them; a line of
    // the body that looks like a trailer would be read as one, so the body
    // never ends the message.
    std::string said = position.said;
    while (!said.empty() && (said.back() == '\n' || said.back() == ' ')) said.pop_back();
    if (one_line(said) != shortened(said, 72) || said.find('\n') != std::string::npos)
        text += said + "\n\n";
    auto trailer = [&](std::string_view key, const std::string& value) {
        if (const std::string line = one_line(value); !line.empty())
            text += std::string(key) + ": " + line + "\n";
    };
    for (const std::string& name : position.speakers) trailer(kPositionOfTrailer, name);
    trailer(kPositionOnTrailer, position.path);
    trailer(kWordingTrailer, position.wording);
    if (position.section) trailer(kSectionTrailer, "yes");
    if (position.anchor)
        trailer(kAnchorTrailer, std::to_string(position.anchor->begin) + "-" +
                                    std::to_string(position.anchor->end));
    trailer(kNotedByTrailer, position.noted_by);
    trailer(kCommentTrailer, position.comment);
    trailer(kThreadTrailer, position.thread);
    trailer(kSessionTrailer, position.session);
    trailer(kTopicTrailer, position.topic);
    trailer(kSourceTrailer, position.source);
    trailer(kSourceDigestTrailer, position.source_digest);
    return text;
}

std::optional<PositionRecord> read_position_message(const std::string& message) {
    const Trailers all = trailers(message);
    PositionRecord out;
    out.path = first(all, kPositionOnTrailer);
    if (out.path.empty()) return std::nullopt;
    out.speakers = trailer_values(all, kPositionOfTrailer);
    out.wording = first(all, kWordingTrailer);
    out.section = first(all, kSectionTrailer) == "yes";
    const std::string anchor = first(all, kAnchorTrailer);
    if (const std::size_t dash = anchor.find('-'); dash != std::string::npos) {
        try {
            const std::size_t begin = std::stoull(anchor.substr(0, dash));
            const std::size_t end = std::stoull(anchor.substr(dash + 1));
            if (begin <= end) out.anchor = ByteRange{begin, end};
        } catch (const std::exception&) {
            // A hand-written anchor that is not two numbers: none.
        }
    }
    out.noted_by = first(all, kNotedByTrailer);
    out.comment = first(all, kCommentTrailer);
    out.thread = first(all, kThreadTrailer);
    out.session = first(all, kSessionTrailer);
    out.topic = first(all, kTopicTrailer);
    out.source = first(all, kSourceTrailer);
    out.source_digest = first(all, kSourceDigestTrailer);
    // What they said: the body between the subject and the trailers, or the
    // subject's words after "...: " when the body is empty.
    const std::size_t subject_end = message.find('\n');
    const std::string subject = message.substr(0, subject_end);
    std::string body;
    if (subject_end != std::string::npos) {
        body = message.substr(subject_end + 1);
        // Drop the trailer paragraph: the last paragraph of the message.
        std::string trimmed = body;
        while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' '))
            trimmed.pop_back();
        const std::size_t last_break = trimmed.rfind("\n\n");
        body = last_break == std::string::npos ? std::string() : trimmed.substr(0, last_break);
        body.erase(0, body.find_first_not_of('\n'));
    }
    if (!body.empty()) {
        out.said = body;
    } else {
        const std::size_t colon = subject.find(": ");
        out.said = colon == std::string::npos ? subject : subject.substr(colon + 2);
    }
    return out;
}

}  // namespace accord
