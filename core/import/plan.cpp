#include "core/import/plan.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/import/dates.hpp"
#include "core/import/front_matter.hpp"
#include "core/import/inline_credits.hpp"
#include "core/import/names.hpp"
#include "core/import/structure.hpp"
#include "core/notation/blocks.hpp"
#include "core/store/proposal_record.hpp"
#include "core/util/errors.hpp"

namespace accord {

using importer::CalendarDate;
using importer::DraftItem;
using importer::DraftProposal;
using importer::kNoIndex;

std::vector<KnownName> default_known_names() {
    return {
        {"JP", "Japan", ""},
        {"Russia", "Russian Federation", ""},
        {"MCade", "Marilyn Cade", "person"},
        {"RHill", "Richard Hill", "person"},
    };
}

namespace {

struct Context {
    std::size_t line = 0;
    CalendarDate date;
    bool revision = false;
};

// Dated headings by line, to find the one nearest to an undated proposal:
// by lines; of two as near, the earlier.
class Contexts {
  public:
    void add(const Context& c) {
        all_.push_back(c);
        if (c.revision) revisions_.push_back(c);
        sorted_ = false;
    }
    bool has_revisions() const { return !revisions_.empty(); }
    const Context* nearest(std::size_t line, bool revisions_only) {
        if (!sorted_) {
            const auto by_line = [](const Context& a, const Context& b) { return a.line < b.line; };
            std::stable_sort(all_.begin(), all_.end(), by_line);
            std::stable_sort(revisions_.begin(), revisions_.end(), by_line);
            sorted_ = true;
        }
        const std::vector<Context>& pool = revisions_only ? revisions_ : all_;
        const auto after =
            std::lower_bound(pool.begin(), pool.end(), line,
                             [](const Context& c, std::size_t l) { return c.line < l; });
        const Context* best = nullptr;
        if (after != pool.begin()) best = &*std::prev(after);
        if (after != pool.end() && (best == nullptr || after->line - line < line - best->line))
            best = &*after;
        return best;
    }

  private:
    std::vector<Context> all_;
    std::vector<Context> revisions_;
    bool sorted_ = true;
};

std::string two_digits(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

class Planner {
  public:
    Planner(std::string_view source, const ImportOptions& options)
        : source_(source), options_(options) {}

    ImportPlan run() {
        if (std::all_of(source_.begin(), source_.end(),
                        [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; })) {
            throw usage_error(options_.source_name +
                              ": the file is empty: there is nothing to import");
        }
        s_ = importer::read_structure(source_, options_.status_vocabulary);
        if (s_.items.empty()) {
            throw usage_error(
                options_.source_name +
                ": no recommendations found: expected headings like '1. Draft recommendation "
                "submitted by <name> (<date>)'");
        }
        warnings_ = s_.warnings;
        if (!options_.default_date.empty()) {
            fallback_ = importer::parse_iso_date(options_.default_date);
            if (!fallback_) {
                throw usage_error("default date '" + options_.default_date +
                                  "' is not a date like 2014-02-24");
            }
        }
        resolve_dates();
        resolve_proposers();
        build_items();
        build_special("outline.md", "outline", s_.outline,
                      "Outline of the compilation: preamble, contents, section and group headings");
        build_special("unclassified.md", "unclassified", s_.unclassified,
                      "Text the importer could not classify");
        if (compiler_used_) add_compiler();
        std::stable_sort(
            warnings_.begin(), warnings_.end(),
            [](const ImportWarning& a, const ImportWarning& b) { return a.line < b.line; });
        plan_.warnings = std::move(warnings_);
        return std::move(plan_);
    }

  private:
    std::string_view text(std::size_t paragraph) const {
        const importer::SourceParagraph& p = s_.paragraphs[paragraph];
        return source_.substr(p.begin, p.end - p.begin);
    }

    void warn(std::size_t line, std::string message) {
        warnings_.push_back({line, std::move(message)});
    }

    CalendarDate fallback_or_throw(std::size_t line, const std::string& what) const {
        if (fallback_) return *fallback_;
        throw usage_error(
            options_.source_name + ":" + std::to_string(line) + ": " + what +
            " and nothing in the document gives one: write the date in the heading, as in "
            "'(24 February 2014)'");
    }

    // See the header: years from the nearest full date, undated proposals
    // from the nearest dated heading, never before the proposal they follow.
    void resolve_dates() {
        Contexts full;
        for (const DraftItem& item : s_.items) {
            for (const DraftProposal& p : item.proposals) {
                if (p.heading.date && p.heading.date->date.has_year()) {
                    full.add({p.date_line, p.heading.date->date, p.heading.revision});
                }
            }
        }
        Contexts contexts = full;
        dates_.resize(s_.items.size());
        for (std::size_t i = 0; i < s_.items.size(); ++i) {
            for (const DraftProposal& p : s_.items[i].proposals) {
                CalendarDate date;
                bool inferred = false;
                if (p.heading.date) {
                    date = p.heading.date->date;
                    if (!date.has_year()) {
                        const std::string& written = p.heading.date->written;
                        const Context* near = full.nearest(p.date_line, false);
                        const CalendarDate neighbour =
                            near ? near->date
                                 : fallback_or_throw(p.date_line, "'" + written + "' has no year");
                        date.year = importer::nearest_year(date, neighbour);
                        inferred = true;
                        warn(p.date_line,
                             "'" + written + "' has no year; reading it as " +
                                 importer::spelled(date) +
                                 (near ? ", nearest to " + importer::spelled(near->date) +
                                             " at line " + std::to_string(near->line)
                                       : std::string(", from the default date")));
                        contexts.add({p.date_line, date, p.heading.revision});
                    }
                }
                dates_[i].push_back({date, inferred});
            }
        }
        for (std::size_t i = 0; i < s_.items.size(); ++i) {
            for (std::size_t k = 0; k < s_.items[i].proposals.size(); ++k) {
                const DraftProposal& p = s_.items[i].proposals[k];
                if (p.heading.date) continue;
                const bool revision = p.heading.revision && contexts.has_revisions();
                const Context* near = contexts.nearest(p.line, revision);
                const std::string what = "'" + p.heading.message + "' gives no date";
                dates_[i][k] = {near ? near->date : fallback_or_throw(p.line, what), true};
                warn(p.line, what + "; using " + importer::spelled(dates_[i][k].date) +
                                 (near ? " from line " + std::to_string(near->line) +
                                             ", the nearest dated " +
                                             (revision ? "resubmission or revision" : "heading")
                                       : std::string(", the default date")));
            }
            for (std::size_t k = 1; k < dates_[i].size(); ++k) {
                if (dates_[i][k].date >= dates_[i][k - 1].date) continue;
                const DraftProposal& p = s_.items[i].proposals[k];
                warn(p.line, "'" + p.heading.message + "' is dated " +
                                 importer::spelled(dates_[i][k].date) +
                                 ", before the proposal it follows at line " +
                                 std::to_string(s_.items[i].proposals[k - 1].line) +
                                 "; recording it on " + importer::spelled(dates_[i][k - 1].date));
                dates_[i][k] = {dates_[i][k - 1].date, true};
            }
        }
    }

    void resolve_proposers() {
        std::vector<importer::NameOccurrence> occurrences;
        for (const DraftItem& item : s_.items) {
            for (const DraftProposal& p : item.proposals) {
                for (const importer::WrittenName& n : p.heading.attribution.names) {
                    occurrences.push_back({n.name, n.titled, p.date_line});
                }
            }
        }
        importer::NameRegistry registry =
            importer::resolve_names(occurrences, source_, options_.known_names);
        warnings_.insert(warnings_.end(), registry.warnings.begin(), registry.warnings.end());
        plan_.delegations = std::move(registry.delegations);
        proposers_.resize(s_.items.size());
        for (std::size_t i = 0; i < s_.items.size(); ++i) {
            for (const DraftProposal& p : s_.items[i].proposals) {
                std::vector<std::string> names;
                for (const importer::WrittenName& n : p.heading.attribution.names) {
                    const std::string& name = registry.canonical[n.name];
                    if (std::find(names.begin(), names.end(), name) == names.end())
                        names.push_back(name);
                }
                if (p.heading.attribution.and_others && !names.empty()) {
                    warn(p.date_line, "'and others' names no one; recording the proposal for " +
                                          join_names(names));
                }
                if (names.empty()) {
                    names.push_back(options_.compiler);
                    compiler_used_ = true;
                    if (!s_.items[i].unattributed) {
                        warn(p.line, "'" + p.heading.message +
                                         "' names no proposer; recording it under " +
                                         options_.compiler);
                    }
                }
                proposers_[i].push_back(std::move(names));
            }
        }
    }

    std::string unique_path(const std::string& base, std::size_t line) {
        std::string path = base + ".md";
        for (int n = 2; !paths_.insert(path).second; ++n)
            path = base + "-" + std::to_string(n) + ".md";
        if (path != base + ".md") warn(line, base + ".md is taken; using " + path);
        return path;
    }

    // "agreed/A/03-mexico.md" and its id "agreed-A-3"; see the header.
    void place(const DraftItem& item, const std::vector<std::string>& proposers,
               PlannedFile& file) {
        if (section_slugs_.empty()) {
            std::map<std::string, int> seen;
            for (const std::string& heading : s_.sections) {
                std::string slug = importer::section_slug(heading);
                if (const int n = ++seen[slug]; n > 1) slug += "-" + std::to_string(n);
                section_slugs_.push_back(slug);
            }
        }
        const std::string section = item.section == kNoIndex ? "" : section_slugs_[item.section];
        int& last = last_number_[section + "/" + item.group];
        int number = item.number;
        if (item.unattributed) {
            number = 0;
        } else if (number < 0) {
            number = last + 1;
        }
        if (!item.unattributed) last = std::max(last, number);
        std::string name;
        if (item.unattributed) {
            name = "unattributed";
        } else if (proposers.size() == 1 && proposers.front() == options_.compiler) {
            name = importer::slug(item.proposals.front().heading.message);
        } else {
            const std::size_t shown = proposers.size() > 3 ? 2 : proposers.size();
            for (std::size_t k = 0; k < shown; ++k)
                name += (k ? "-" : "") + importer::slug(proposers[k], 30);
            if (shown < proposers.size()) name += "-and-others";
        }
        if (name.empty()) name = "item";  // names with no ASCII letter
        std::string dir = section.empty() ? "" : section + "/";
        if (!item.group.empty()) dir += item.group + "/";
        file.path = unique_path(dir + two_digits(number) + "-" + name, item.proposals.front().line);
        for (const std::string& part : {section, item.group, std::to_string(number)}) {
            if (!part.empty()) file.id += (file.id.empty() ? "" : "-") + part;
        }
    }

    // The status tag of a paragraph, or "".
    std::string status_tag(std::size_t paragraph) const {
        const importer::SourceParagraph& sp = s_.paragraphs[paragraph];
        return find_status_tag(source_, {sp.begin, sp.end}, options_.status_vocabulary).status;
    }

    void build_items() {
        for (std::size_t i = 0; i < s_.items.size(); ++i) {
            const DraftItem& item = s_.items[i];
            PlannedFile file;
            file.kind = item.proposals.front().heading.kind;
            file.section = item.section == kNoIndex ? "" : s_.sections[item.section];
            file.group = item.group;
            file.after_group = item.after_group;
            file.title = item.group_title;
            file.heading = item.heading;
            place(item, proposers_[i].front(), file);
            if (item.unattributed) {
                warn(item.proposals.front().line,
                     "text with a status tag but no item heading; kept as " + file.path +
                         " and recorded under " + options_.compiler);
            } else if (item.proposals.front().paragraphs.empty() && item.proposals.size() > 1) {
                warn(item.proposals.front().line,
                     "'" + item.proposals.front().heading.message +
                         "' has no text of its own before its later proposal at line " +
                         std::to_string(item.proposals[1].line));
            }
            std::string body;
            for (std::size_t k = 0; k < item.proposals.size(); ++k) {
                const DraftProposal& p = item.proposals[k];
                std::vector<Credit> credits;  // wording of others in this proposal's paragraphs
                for (std::size_t paragraph : p.paragraphs) {
                    if (!body.empty()) body += "\n\n";
                    const std::string_view written = text(paragraph);
                    for (importer::InlineCredit& c :
                         importer::inline_credits(written, [&](std::string_view name) {
                             return importer::delegation_named(plan_.delegations, name);
                         })) {
                        const std::vector<std::string>& own = proposers_[i][k];
                        if (std::find(own.begin(), own.end(), c.delegation) != own.end()) continue;
                        credits.push_back({body.size() + c.begin, body.size() + c.end,
                                           std::move(c.delegation), s_.paragraphs[paragraph].line});
                    }
                    body += written;
                    // The last tag wins: the compilation's latest word on the item.
                    if (std::string tag = status_tag(paragraph); !tag.empty())
                        file.status = std::move(tag);
                }
                PlannedProposal proposal;
                proposal.date = importer::iso(dates_[i][k].date);
                proposal.date_inferred = dates_[i][k].inferred;
                proposal.proposers = proposers_[i][k];
                proposal.on_behalf_of = p.heading.attribution.on_behalf_of;
                proposal.message = p.heading.message;
                proposal.line = p.line;
                add_with_credits(file, std::move(proposal), body, credits);
                latest_ = std::max(latest_, dates_[i][k].date);
            }
            plan_.files.push_back(std::move(file));
        }
    }

    // Wording a proposal's paragraphs credit inline to another delegation.
    struct Credit {
        std::size_t begin = 0, end = 0;  // in the body
        std::string delegation;
        std::size_t line = 0;  // of its paragraph
    };

    // Adds `proposal`, whose body is `body`: without the wording `credits`
    // give to others, then one proposal per delegation credited (in the
    // order of their first wording), each putting its wording back, on the
    // same day. The file's last text is the item as printed.
    void add_with_credits(PlannedFile& file, PlannedProposal proposal, const std::string& body,
                          const std::vector<Credit>& credits) {
        std::vector<std::string> credited;  // in order of first wording
        for (const Credit& c : credits) {
            if (std::find(credited.begin(), credited.end(), c.delegation) == credited.end())
                credited.push_back(c.delegation);
        }
        // The body with the wording of credited[from..] left out.
        const auto body_without = [&](std::size_t from) {
            std::string out;
            std::size_t at = 0;
            for (const Credit& c : credits) {
                const auto d = std::find(credited.begin(), credited.end(), c.delegation);
                if (static_cast<std::size_t>(d - credited.begin()) < from) continue;
                out.append(body, at, c.begin - at);
                at = c.end;
            }
            out.append(body, at);
            return out;
        };
        const auto text_of = [&](const std::string& b) {
            return importer::front_matter(file) + (b.empty() ? "" : b + "\n");
        };
        proposal.text = text_of(body_without(0));
        const PlannedProposal made = proposal;
        file.proposals.push_back(std::move(proposal));
        for (std::size_t d = 0; d < credited.size(); ++d) {
            std::string words;
            std::size_t line = 0;
            for (const Credit& c : credits) {
                if (c.delegation != credited[d]) continue;
                if (line == 0) line = c.line;
                std::string_view piece(body.data() + c.begin, c.end - c.begin);
                while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
                while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
                words += (words.empty() ? "'" : ", '") + std::string(piece) + "'";
            }
            warn(line, words + " in '" + made.message + "' is credited to " + credited[d] +
                           ": recorded as its proposal, after " + join_names(made.proposers) +
                           "'s");
            PlannedProposal insertion = made;
            insertion.proposers = {credited[d]};
            insertion.on_behalf_of.clear();
            insertion.message = "Wording of " + credited[d] + " in: " + made.message;
            insertion.line = line;
            insertion.text = text_of(body_without(d + 1));
            file.proposals.push_back(std::move(insertion));
        }
    }

    // outline.md, unclassified.md: one proposal by the compiler, on the last
    // date of the compilation, which they describe as a whole.
    void build_special(const std::string& path, const std::string& kind,
                       const std::vector<std::size_t>& paragraphs, const std::string& message) {
        if (paragraphs.empty()) return;
        if (kind == "outline" && s_.paragraphs[paragraphs.front()].single_line &&
            s_.paragraphs[paragraphs.front()].line < s_.items.front().proposals.front().line) {
            plan_.title = std::string(importer::trim_heading(text(paragraphs.front())));
        }
        PlannedFile file;
        file.path =
            unique_path(path.substr(0, path.size() - 3), s_.paragraphs[paragraphs.front()].line);
        file.id = kind;
        file.kind = kind;
        file.title = plan_.title;
        std::string body;
        for (std::size_t p : paragraphs)
            body += (body.empty() ? "" : "\n\n") + std::string(text(p));
        PlannedProposal proposal;
        proposal.date = importer::iso(latest_);
        proposal.date_inferred = true;
        proposal.proposers = {options_.compiler};
        proposal.message = message;
        proposal.line = s_.paragraphs[paragraphs.front()].line;
        proposal.text = importer::front_matter(file) + body + "\n";
        file.proposals.push_back(std::move(proposal));
        plan_.files.push_back(std::move(file));
        compiler_used_ = true;
    }

    void add_compiler() {
        for (PlannedDelegation& d : plan_.delegations) {
            if (d.name == options_.compiler) return;
        }
        plan_.delegations.push_back({options_.compiler, {}, "secretariat"});
        std::sort(
            plan_.delegations.begin(), plan_.delegations.end(),
            [](const PlannedDelegation& a, const PlannedDelegation& b) { return a.name < b.name; });
    }

    struct Dated {
        CalendarDate date;
        bool inferred = false;
    };

    std::string_view source_;
    const ImportOptions& options_;
    importer::Structure s_;
    std::vector<ImportWarning> warnings_;
    std::optional<CalendarDate> fallback_;
    std::vector<std::vector<Dated>> dates_;                         // per item, per proposal
    std::vector<std::vector<std::vector<std::string>>> proposers_;  // per item, per proposal
    std::vector<std::string> section_slugs_;
    std::map<std::string, int> last_number_;  // per section and group
    std::set<std::string> paths_;
    CalendarDate latest_;
    bool compiler_used_ = false;
    ImportPlan plan_;
};

}  // namespace

ImportPlan plan_import(std::string_view compilation_text, const ImportOptions& options) {
    return Planner(compilation_text, options).run();
}

}  // namespace accord
