#include "merge/compile/render_html.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/util/palette.hpp"
#include "core/util/text.hpp"
#include "merge/compile/html_text.hpp"

namespace accord {

namespace {

constexpr const char* kStyle = R"CSS(
:root{--ink:#1f2328;--muted:#636c76;--rule:#d0d7de;--paper:#fff;--desk:#f3f2ee;
--b1:#fff3c4;--b2:#ffe28a;--b3:#ffd04d;--o1:#dbeafe;--o2:#bcd7fb;--o3:#9cc3f5;--strike:#b42318}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:var(--desk);color:var(--ink);font:16px/1.6 Georgia,"Times New Roman",serif}
.page{display:grid;grid-template-columns:minmax(0,1fr) 17rem;gap:1.5rem;max-width:76rem;margin:0 auto;padding:1.5rem}
main{background:var(--paper);padding:2.5rem 3rem;border:1px solid var(--rule);border-radius:4px;min-width:0}
aside{position:sticky;top:1rem;align-self:start;max-height:calc(100vh - 2rem);overflow:auto;
font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
aside section{background:var(--paper);border:1px solid var(--rule);border-radius:4px;padding:.75rem 1rem;margin-bottom:1rem}
aside h2 .unit{float:right;text-transform:none;letter-spacing:0;font-weight:400}
aside h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 .5rem}
aside ul{list-style:none;margin:0;padding:0}
.legend li{display:flex;align-items:center;gap:.5rem;padding:.1rem 0;cursor:default}
.legend .sw{flex:none;width:1.1rem;height:.8rem;border-radius:2px;background:var(--c)}
.legend .n{margin-left:auto;color:var(--muted);font-variant-numeric:tabular-nums}
.notation li{margin:.25rem 0}
nav a{color:var(--ink);text-decoration:none}nav a:hover{text-decoration:underline}
nav .g{padding-left:1rem;color:var(--muted)}
header h1{font-size:1.9rem;line-height:1.25;margin:0 0 .4rem}
.provenance{font:13px/1.5 system-ui,sans-serif;color:var(--muted);margin:0 0 1.5rem}
.provenance b{color:var(--ink)}
.preamble{margin-bottom:2rem}.preamble p{white-space:pre-line}
h2.section{font-size:1.45rem;margin:2.5rem 0 1rem;padding-top:1rem;border-top:2px solid var(--ink)}
h3.group{font-size:1.1rem;margin:1.75rem 0 .75rem;color:#3a3f45}
article{margin:1.25rem 0 2rem}
article>h4,article>h3,article>h2{font-size:1.02rem;margin:0 0 .2rem}
.meta{font:12px/1.5 system-ui,sans-serif;color:var(--muted);margin:0 0 .6rem}
.meta .status{font-weight:600;padding:0 .45em;border-radius:1em;background:#eaeef2;color:var(--ink)}
.body p{margin:.55rem 0;white-space:pre-line}
.body p.alt{margin-left:1.25rem;padding-left:.75rem;border-left:3px solid #7aa7e0}
.body p.hd{font-weight:700;font-size:1.05rem;margin-top:1.1rem}
.a{border-bottom:2.5px solid var(--c);padding-bottom:1px}
.a:hover{background:color-mix(in srgb,var(--c) 30%,transparent)}
.b1{background:var(--b1)}.b2{background:var(--b2)}.b3{background:var(--b3)}
.o.b1{background:var(--o1)}.o.b2{background:var(--o2)}.o.b3{background:var(--o3)}
.mb{font-weight:700;color:#9a3412}.o.mb{color:#1d4ed8}
.ms{font-weight:700;color:#1d4ed8}
.mk{color:var(--strike);font-size:.7em;opacity:.65;vertical-align:.1em}
.st{text-decoration:line-through;text-decoration-color:var(--strike);text-decoration-thickness:2px;color:#6e5753}
.em{font-weight:700}.it{font-style:italic}
.lbl{font-weight:700;color:#1e40af}
.tag{font:600 .78em system-ui,sans-serif;padding:0 .45em;border-radius:1em;background:#eaeef2;white-space:nowrap}
.t-agreed,.s-agreed{background:#d1fadf!important;color:#05603a}
.t-agreed-ad-ref,.s-agreed-ad-ref{background:#e0f2fe!important;color:#075985}
.t-revisit,.s-revisit{background:#fef0c7!important;color:#93370d}
.t-no-consensus,.s-no-consensus{background:#fee4e2!important;color:#912018}
.timeline{font:12px/1.5 system-ui,sans-serif;color:var(--muted);list-style:none;margin:.75rem 0 0;
padding:.4rem 0 0 .9rem;border-top:1px dashed var(--rule);border-left:2px solid var(--rule)}
.timeline li{margin:.1rem 0}
.timeline time{display:inline-block;min-width:6.5em;color:var(--ink);font-variant-numeric:tabular-nums}
.who{white-space:nowrap;color:var(--ink)}
.who::before{content:"";display:inline-block;width:.65em;height:.65em;border-radius:50%;background:var(--c);margin-right:.3em}
.mtg{padding:0 .4em;border:1px solid var(--rule);border-radius:1em}
.empty{color:var(--muted);font-style:italic}
.positions{font:13px/1.5 system-ui,sans-serif;margin:.6rem 0 0;padding:.3rem .8rem;background:#f6f8fa;border-left:3px solid #8250df}
.positions ol{list-style:none;margin:0;padding:0}.positions q{font-style:italic}
.positions q.st-struck{text-decoration:line-through}.positions q.st-gone{color:var(--muted)}
footer{font:12px system-ui,sans-serif;color:var(--muted);text-align:center;padding:1rem}
@media (max-width:60rem){.page{grid-template-columns:1fr}aside{position:static;max-height:none}main{padding:1.5rem}}
@media print{body{background:#fff}.page{display:flex;flex-direction:column;padding:0}main{border:0;padding:0}
aside{order:-1;position:static;max-height:none}.contents,footer{display:none}.legend ul{columns:3}
.a{border-bottom-width:1.5px}article{break-inside:avoid-page}}
)CSS";

// Every delegation that proposed wording still in the text or a proposal in a
// timeline, with its colour class; registry order first, then by name.
struct Delegations {
    std::vector<std::string> names;
    std::map<std::string, std::size_t> index;
    std::map<std::string, std::size_t> words;

    std::string css_class(const std::vector<std::string>& proposers) const {
        if (proposers.empty()) return "";
        const auto found = index.find(proposers.front());
        return found == index.end() ? "" : "p" + std::to_string(found->second);
    }
};

Delegations gather_delegations(const Compilation& compilation) {
    Delegations out;
    std::map<std::string, bool> seen;
    for (const CompiledText& text : compilation.texts) {
        if (!text.blame) continue;
        const auto& proposals = text.blame->history.proposals;
        for (const Proposal& p : proposals)
            for (const std::string& name : p.proposers) seen[name] = true;
        const std::vector<std::size_t> words =
            words_per_origin(text.text.document, text.blame->result.spans, proposals.size());
        for (std::size_t origin = 0; origin < words.size(); ++origin) {
            if (words[origin] == 0) continue;
            for (const std::string& name : proposals[origin].proposers)
                out.words[name] += words[origin];
        }
    }
    for (const std::string& name : compilation.registry)
        if (seen.erase(name)) out.names.push_back(name);
    for (const auto& [name, unused] : seen) out.names.push_back(name);
    for (std::size_t k = 0; k < out.names.size(); ++k) out.index[out.names[k]] = k;
    return out;
}

std::string colour_rules(const Delegations& delegations) {
    std::string out;
    for (std::size_t k = 0; k < delegations.names.size(); ++k) {
        const std::string c = "p" + std::to_string(k);
        out += "." + c + "{--c:" + distinct_colour(k) + "}";
        // Pointing at a legend entry lights up that delegation's wording.
        out += ".page:has(#d-" + c + ":hover) .a." + c +
               "{background:color-mix(in srgb,var(--c) 35%,transparent)}\n";
    }
    return out;
}

std::string render_legend(const Delegations& delegations) {
    std::string out =
        "<section class=\"legend\" aria-label=\"Delegations\"><h2>Delegations <span "
        "class=\"unit\">words in the text</span></h2><ul>\n";
    for (std::size_t k = 0; k < delegations.names.size(); ++k) {
        const std::string& name = delegations.names[k];
        const auto w = delegations.words.find(name);
        const std::size_t words = w == delegations.words.end() ? 0 : w->second;
        out += "<li class=\"legend-entry p" + std::to_string(k) + "\" id=\"d-p" +
               std::to_string(k) + "\" data-delegation=\"" + html_escape(name) +
               "\" data-words=\"" + std::to_string(words) + "\" title=\"" + std::to_string(words) +
               " words of the current text proposed by " + html_escape(name) +
               "\"><span class=\"sw\"></span>" + html_escape(name) + "<span class=\"n\">" +
               std::to_string(words) + "</span></li>\n";
    }
    if (delegations.names.empty()) out += "<li class=\"empty\">No proposals yet</li>\n";
    out += "</ul></section>\n";
    out +=
        "<section class=\"notation\" aria-label=\"Notation\"><h2>Notation</h2><ul>"
        "<li><span class=\"b1\"><span class=\"mb b1\">[</span>not agreed<span "
        "class=\"mb b1\">]</span></span> bracketed text</li>"
        "<li><span class=\"o b1\"><span class=\"mb o b1\">[</span>one<span class=\"mb o "
        "b1\">]</span><span class=\"mb o b1\">[</span>other<span class=\"mb o "
        "b1\">]</span></span> alternatives</li>"
        "<li><span class=\"b1\"><span class=\"mb b1\">[</span>a <span class=\"ms "
        "b1\">/</span> b<span class=\"mb b1\">]</span></span> options</li>"
        "<li><span class=\"mk\">~~</span><span class=\"st\">deleted</span><span "
        "class=\"mk\">~~</span> proposed deletion</li>"
        "<li><span class=\"tag t-agreed\">(agreed)</span> status tag</li>"
        "<li>Underline: who proposed it. Point at any wording for the proposal and its "
        "date.</li></ul></section>\n";
    return out;
}

std::string render_timeline(const FileBlame& blame, const Delegations& delegations) {
    std::string out = "<ol class=\"timeline\" aria-label=\"Proposals\">\n";
    // Its own proposals, not those of other texts its wording came from.
    for (std::size_t k = 0; k < blame.history.versions.size(); ++k) {
        const Proposal& p = blame.history.proposals[k];
        out += "<li data-commit=\"" + p.commit + "\"><time datetime=\"" + html_escape(p.day) +
               "\">" + html_escape(human_date(p.day)) + "</time> ";
        for (const std::string& name : p.proposers)
            out += "<span class=\"who " + delegations.css_class({name}) + "\">" +
                   html_escape(name) + "</span> ";
        if (!p.subject.empty()) out += "— " + html_escape(p.subject);
        if (!p.meeting.empty()) out += " <span class=\"mtg\">" + html_escape(p.meeting) + "</span>";
        out += "</li>\n";
    }
    return out + "</ol>\n";
}

// "3 brackets · 1 strike": what is still open, the figures that are not zero.
// What delegations said about the text, each beside the wording it speaks of.
std::string render_positions(const std::vector<PositionEntry>& positions) {
    if (positions.empty()) return "";
    std::string out = "<aside class=\"positions\" aria-label=\"Positions\"><ol>\n";
    for (const PositionEntry& entry : positions) {
        const PositionRecord& p = entry.position;
        out += "<li data-standing=\"" + std::string(to_string(entry.standing)) + "\"><time>" +
               html_escape(entry.recorded.day) + "</time> <span class=\"who\">" +
               html_escape(p.speakers.empty() ? "noted by " + p.noted_by : join(p.speakers)) +
               "</span>";
        if (!p.wording.empty())
            out += " on <q class=\"st-" + std::string(to_string(entry.standing)) + "\">" +
                   html_escape(p.wording) + "</q>";
        out += ": " + html_escape(p.said) + "</li>\n";
    }
    return out + "</ol></aside>\n";
}

std::string counts_line(const DocumentCounts& c) {
    std::string out;
    auto add = [&](std::size_t n, const char* one, const char* many) {
        if (n == 0) return;
        out += (out.empty() ? "" : " · ") + std::to_string(n) + " " + (n == 1 ? one : many);
    };
    add(c.brackets, "bracket", "brackets");
    add(c.alternatives_groups, "alternatives group", "alternatives groups");
    add(c.strikes, "strike", "strikes");
    return out.empty() ? "no brackets" : out;
}

std::string render_text(const CompiledText& compiled, const LayoutEntry& entry,
                        const Delegations& delegations, const std::string& id) {
    const Recommendation& r = compiled.text;
    const std::string level = std::to_string(std::min(entry.level, 6));
    std::string out =
        "<article class=\"text\" id=\"" + id + "\" data-path=\"" + html_escape(r.path) + "\">\n";
    if (!entry.heading.empty())
        out += "<h" + level + ">" + html_escape(entry.heading) + "</h" + level + ">\n";
    out += "<p class=\"meta\">" + html_escape(r.id);
    if (!r.status.empty())
        out += " · <span class=\"status s-" + slug(r.status) + "\">" + html_escape(r.status) +
               "</span>";
    out += " · " + counts_line(r.counts) + " · <code>" + html_escape(r.path) + "</code>";
    if (!compiled.unattributed.empty()) out += " · " + html_escape(compiled.unattributed);
    out += "</p>\n";
    std::vector<OriginLabel> origins;
    if (compiled.blame) {
        for (const Proposal& p : compiled.blame->history.proposals)
            origins.push_back({delegations.css_class(p.proposers), join(p.proposers), p.day,
                               p.commit, p.subject});
    }
    static const std::vector<BlameSpan> no_spans;
    // Appended in place: the body of a long text is large, and each copy counts.
    out += "<div class=\"body\">\n";
    out += render_body_html(r.document, compiled.blame ? compiled.blame->result.spans : no_spans,
                            origins);
    out += "</div>\n";
    out += render_positions(compiled.positions);
    if (compiled.blame) out += render_timeline(*compiled.blame, delegations);
    out += "</article>\n";
    return out;
}

}  // namespace

std::string render_compilation_html(const Compilation& compilation) {
    std::string page;
    render_compilation_html(compilation, [&](std::string_view piece) { page.append(piece); });
    return page;
}

void render_compilation_html(const Compilation& compilation, const PieceSink& write) {
    const CompilationLayout& layout = compilation.layout;
    const Delegations delegations = gather_delegations(compilation);

    DocumentCounts totals;
    for (const CompiledText& t : compilation.texts) totals += t.text.counts;

    // The page is handed on in order, a text at a time: the texts, its
    // largest part by far, are never held together.
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<meta name=\"generator\" content=\"accord compile\">\n";
    out += "<title>" + html_escape(layout.title) + "</title>\n<style>" + kStyle +
           colour_rules(delegations) + "</style>\n</head>\n<body>\n<div class=\"page\">\n<main>\n";
    out += "<header><h1>" + html_escape(layout.title) + "</h1>\n<p class=\"provenance\">";
    if (compilation.proposal) {
        const Proposal& p = *compilation.proposal;
        out += "As it stood after the proposal of <b>" + html_escape(join(p.proposers)) +
               "</b> on <b>" + html_escape(human_date(p.day)) + "</b> (revision <code>" +
               compilation.revision.substr(0, 10) + "</code>) · ";
    }
    out += std::to_string(compilation.texts.size()) +
           (compilation.texts.size() == 1 ? " text · " : " texts · ") + counts_line(totals) +
           "</p></header>\n";
    if (!layout.preamble.empty()) {
        out += "<div class=\"preamble\">\n";
        for (const std::string& paragraph : layout.preamble)
            out += "<p>" + html_escape(paragraph) + "</p>\n";
        out += "</div>\n";
    }

    std::string nav =
        "<section class=\"contents\" aria-label=\"Contents\"><h2>Contents</h2><nav><ul>\n";
    std::map<std::string, int> used_ids;
    auto unique_id = [&](const std::string& base) {
        const int n = used_ids[base]++;
        return n == 0 ? base : base + "-" + std::to_string(n + 1);
    };
    for (const LayoutEntry& entry : layout.entries) {
        const std::string level = std::to_string(std::min(entry.level, 6));
        if (entry.kind == LayoutEntry::Kind::text) {
            const CompiledText& text = compilation.texts[entry.text];
            out += render_text(text, entry, delegations, unique_id("t-" + slug(text.text.id)));
            write(out);
            out.clear();
            continue;
        }
        if (entry.kind == LayoutEntry::Kind::separator) {
            out += "<hr class=\"separator\">\n";
            continue;
        }
        const bool section = entry.kind == LayoutEntry::Kind::section;
        const std::string id = unique_id((section ? "s-" : "g-") + slug(entry.heading));
        out += "<h" + level + " class=\"" + (section ? "section" : "group") + "\" id=\"" + id +
               "\">" + html_escape(entry.heading) + "</h" + level + ">\n";
        nav += std::string("<li") + (section ? "" : " class=\"g\"") + "><a href=\"#" + id + "\">" +
               html_escape(entry.heading) + "</a></li>\n";
    }
    nav += "</ul></nav></section>\n";
    if (compilation.texts.empty())
        out += compilation.revision.empty()
                   ? "<p class=\"empty\">No texts yet: the negotiation has no proposals.</p>\n"
                   : "<p class=\"empty\">No texts at this revision.</p>\n";
    out += "</main>\n<aside>\n" + render_legend(delegations);
    if (nav.find("<li") != std::string::npos) out += nav;
    out +=
        "</aside>\n</div>\n<footer>Compiled by accord. Every word is underlined in the colour "
        "of the delegation that proposed it.</footer>\n</body>\n</html>\n";
    write(out);
}

}  // namespace accord
