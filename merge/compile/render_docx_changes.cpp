#include "merge/compile/render_docx_changes.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_set>

#include "core/store/proposal_record.hpp"
#include "merge/compile/render_docx_segments.hpp"
#include "merge/diff/paragraph_diff.hpp"
#include "merge/diff/script_in_text_order.hpp"
#include "merge/diff/token_diff.hpp"
#include "merge/report/positions.hpp"

namespace accord {

namespace {

// The token of `tokens` that holds byte `at`.
std::uint32_t token_at(const std::vector<Token>& tokens, std::size_t at) {
    auto it = std::upper_bound(tokens.begin(), tokens.end(), at,
                               [](std::size_t x, const Token& t) { return x < t.range.begin; });
    if (it == tokens.begin()) return kNone;
    --it;
    return at < it->range.end ? static_cast<std::uint32_t>(it - tokens.begin()) : kNone;
}

// One step of a text's versions as the Word view pairs them: paragraphs
// first, then their words; a moved paragraph taken out where it stood (by
// the proposal that moved it). Each old token's token in the next version,
// kNone where the step took it out.
struct VersionStep {
    std::vector<Token> old_tokens, new_tokens;
    std::vector<std::uint32_t> old_to_new;
};

VersionStep version_step(const Document& from, const Document& to) {
    ParagraphDiff diff = diff_paragraphs(from, to);
    const std::vector<Edit> script = script_in_text_order(diff);
    VersionStep step{std::move(diff.old_tokens), std::move(diff.new_tokens), {}};
    step.old_to_new.assign(step.old_tokens.size(), kNone);
    for (const Edit& e : script)
        if (e.kind == EditKind::common) step.old_to_new[e.old_index] = e.new_index;
    return step;
}

// The line of `body` holding byte `at` (a newline ends the line it is in),
// the newline left out; an empty line gives the next line with words, else
// the one before. The whole body only when it has no words at all.
ByteRange paragraph_at(std::string_view body, std::size_t at) {
    auto line = [&](std::size_t i) {
        const std::size_t newline = i == 0 ? std::string_view::npos : body.rfind('\n', i - 1);
        const std::size_t from = newline == std::string_view::npos ? 0 : newline + 1;
        const std::size_t end = std::min(body.find('\n', i), body.size());
        return ByteRange{from, end};
    };
    auto blank = [&](ByteRange r) {
        return body.substr(r.begin, r.size()).find_first_not_of(" \t\r") == std::string_view::npos;
    };
    at = std::min(at, body.size());
    const ByteRange here = line(at);
    if (!blank(here)) return here;
    for (ByteRange next = here; next.end < body.size();) {
        next = line(next.end + 1);
        if (!blank(next)) return next;
    }
    for (ByteRange before = here; before.begin > 0;) {
        before = line(before.begin - 1);
        if (!blank(before)) return before;
    }
    return {0, body.size()};
}

// Where `anchor` (bytes of the text as it stood) is in the body as it
// stands (`body`: the body's bytes in the new document), by the diff of the
// two: its first token that stays, else the nearest that stays before it,
// else after it. nullopt when no token stays.
std::optional<std::size_t> carried_anchor(const TokenDiff& diff, ByteRange anchor, ByteRange body) {
    auto in_body = [&](std::size_t at) {
        return std::min(at < body.begin ? 0 : at - body.begin, body.size());
    };
    std::optional<std::size_t> before, after;
    for (std::size_t i = 0; i < diff.old_tokens.size(); ++i) {
        const std::uint32_t to = diff.old_to_new[i];
        if (to == kNone) continue;
        const ByteRange r = diff.old_tokens[i].range;
        if (r.end <= anchor.begin) {
            before = diff.new_tokens[to].range.end;
        } else if (r.begin < anchor.end || anchor.empty()) {
            return in_body(diff.new_tokens[to].range.begin);
        } else {
            after = diff.new_tokens[to].range.begin;
            break;
        }
    }
    if (before) return in_body(*before);
    if (after) return in_body(*after);
    return std::nullopt;
}

// The bytes of `body` a position's comment covers: the wording it speaks
// of where it stands (of several places, the nearest to `was`, where it was
// anchored); when the wording no longer stands (or the position names
// none), the paragraph it was anchored in, else the first paragraph. A
// comment covers what it speaks of and no more: a reader takes its range
// for the wording the speaker meant.
ByteRange comment_range(std::string_view body, std::string_view wording,
                        std::optional<std::size_t> was) {
    const std::vector<ByteRange> places = wording_places(body, wording);
    if (places.empty()) return paragraph_at(body, was.value_or(0));
    if (!was) return places.front();
    auto distance = [&](ByteRange r) -> std::size_t {
        if (*was < r.begin) return r.begin - *was;
        return *was < r.end ? 0 : *was - r.end + 1;
    };
    return *std::min_element(places.begin(), places.end(),
                             [&](ByteRange a, ByteRange b) { return distance(a) < distance(b); });
}

}  // namespace

void changes_since(const Workspace& workspace, const Compilation& compilation,
                   const std::string& since, DocxRenderOptions& options) {
    const Repository& repo = workspace.repo();
    const ParseOptions parse_options = workspace.parse_options();
    options.changes.assign(compilation.texts.size(), {});
    options.front_matter_before.assign(compilation.texts.size(), std::nullopt);
    // The commits since the revision (reachable from the compiled one, not
    // from it), found once: asked per version, the history would be walked
    // again for each.
    std::unordered_set<std::string> since_then;
    if (!compilation.revision.empty()) {
        for (const CommitInfo& commit : repo.commits_between(compilation.revision, {since}))
            since_then.insert(commit.id);
    }
    for (std::size_t t = 0; t < compilation.texts.size(); ++t) {
        const CompiledText& compiled = compilation.texts[t];
        const Document& now = compiled.text.document;
        const std::string body(now.text(now.body));
        const std::optional<std::string> before_full = workspace.read(since, compiled.text.path);
        const Document before_document = parse(before_full.value_or(""), parse_options);
        if (before_full) {
            const std::string_view then =
                before_document.front_matter.present
                    ? before_document.text(before_document.front_matter.range)
                    : std::string_view();
            const std::string_view since_now =
                now.front_matter.present ? now.text(now.front_matter.range) : std::string_view();
            if (then != since_now) options.front_matter_before[t] = std::string(then);
        }
        const std::string before_body(before_document.text(before_document.body));
        if (before_full && before_body == body) continue;

        // The versions since the revision, oldest first, starting from it.
        std::vector<std::string> chain_texts{before_full.value_or("")};
        std::vector<const Proposal*> chain_proposals{nullptr};
        if (compiled.blame) {
            const FileHistory& history = compiled.blame->history;
            for (std::size_t v = 0; v < history.versions.size(); ++v) {
                if (since_then.count(history.versions[v].id) == 0) continue;
                // blame_file keeps no version's text: read it again.
                chain_texts.push_back(
                    workspace.read(history.versions[v].id, compiled.text.path).value_or(""));
                chain_proposals.push_back(&history.proposals[v]);
            }
        }
        std::vector<Document> chain;
        for (const std::string& text : chain_texts) chain.push_back(parse(text, parse_options));
        std::vector<VersionStep> steps;
        for (std::size_t i = 1; i < chain.size(); ++i)
            steps.push_back(version_step(chain[i - 1], chain[i]));
        auto deleter = [&](std::size_t body_offset) -> const Proposal* {
            if (steps.empty()) return compilation.proposal ? &*compilation.proposal : nullptr;
            std::size_t at = body_offset + before_document.body.begin;
            for (std::size_t i = 0; i < steps.size(); ++i) {
                const std::uint32_t token = token_at(steps[i].old_tokens, at);
                if (token == kNone) return chain_proposals[i + 1];
                const std::uint32_t next = steps[i].old_to_new[token];
                if (next == kNone) return chain_proposals[i + 1];
                // White space kept may be shorter on the new side.
                const TokenRange to = steps[i].new_tokens[next].range;
                at = to.begin + std::min<std::size_t>(at - steps[i].old_tokens[token].range.begin,
                                                      to.size() - 1);
            }
            return chain_proposals.back();
        };
        // Who proposed the wording at a byte of the body, by blame; nullptr
        // when blame credits wording older than the revision (moved, not new).
        const std::vector<BlameSpan>* spans =
            compiled.blame ? &compiled.blame->result.spans : nullptr;
        auto inserter = [&](std::size_t body_offset) -> const Proposal* {
            if (spans == nullptr || spans->empty()) return nullptr;
            const std::size_t at = body_offset + now.body.begin;
            auto it = std::upper_bound(
                spans->begin(), spans->end(), at,
                [](std::size_t x, const BlameSpan& s) { return x < s.range.begin; });
            if (it != spans->begin() && at < std::prev(it)->range.end)
                --it;
            else if (it == spans->end())
                --it;
            const std::size_t origin = it->restored_by.value_or(it->origin);
            const bool older = since_then.count(compiled.blame->history.versions[origin].id) == 0;
            return older ? nullptr : &compiled.blame->history.proposals[origin];
        };

        ChangeCredits credits;
        credits.deleted_by = deleter;
        credits.inserted_by = inserter;
        credits.otherwise = chain_proposals.back() ? chain_proposals.back()
                            : compilation.proposal ? &*compilation.proposal
                                                   : nullptr;
        options.changes[t] = tracked_segments(parse(before_body, parse_options),
                                              parse(body, parse_options), credits);
    }

    // Positions recorded since then, as comments noted as they were.
    PositionsOptions list;
    list.at = compilation.revision.empty() ? "HEAD" : compilation.revision;
    if (compilation.revision.empty()) return;
    // Each text as it stood when a position was recorded, diffed once with
    // the text as it stands (positions noted from one document share it).
    std::map<std::pair<std::size_t, std::string>, TokenDiff> diffs;
    for (const PositionEntry& entry : list_positions(workspace, list)) {
        if (since_then.count(entry.recorded.commit) == 0) continue;  // recorded by then
        const PositionRecord& p = entry.position;
        for (std::size_t t = 0; t < compilation.texts.size(); ++t) {
            if (compilation.texts[t].text.path != p.path) continue;
            const Document& document = compilation.texts[t].text.document;
            const std::string_view body = document.text(document.body);
            // Where the wording was anchored, carried into the body as it stands.
            std::optional<std::size_t> was;
            if (p.anchor) {
                // The commit records no file: the text is as its parent left it.
                const std::optional<std::string> then =
                    workspace.read(entry.recorded.commit, p.path);
                if (then) {
                    auto found = diffs.find({t, *then});
                    if (found == diffs.end()) {
                        TokenDiffOptions exact;
                        exact.fold_coincidences = false;
                        found =
                            diffs
                                .emplace(std::pair{t, *then},
                                         diff_tokens(parse(*then, parse_options), document, exact))
                                .first;
                    }
                    was = carried_anchor(found->second, *p.anchor, document.body);
                }
            }
            DocxComment comment;
            comment.text = t;
            comment.range = comment_range(body, p.wording, was);
            // As it was noted: by whoever noted it (its speakers when no one
            // is recorded), under its meeting and topic lines, the speakers
            // naming themselves; so that the import reads back the same
            // position, session and note-taker included.
            comment.author = !p.noted_by.empty()   ? p.noted_by
                             : !p.speakers.empty() ? join_names(p.speakers)
                                                   : entry.recorded.recorded_by;
            comment.date = entry.recorded.date;
            if (!p.session.empty()) comment.words += p.session + "\n";
            if (!p.topic.empty()) comment.words += "[" + p.topic + "]\n";
            comment.words +=
                (p.speakers.empty() ? std::string() : join_names(p.speakers) + ": ") + p.said;
            options.comments.push_back(std::move(comment));
        }
    }
}

}  // namespace accord
