#include "core/import/plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/import/dates.hpp"
#include "core/import/front_matter.hpp"
#include "core/import/headings.hpp"
#include "core/import/inline_credits.hpp"
#include "core/notation/front_matter.hpp"
#include "core/util/errors.hpp"

namespace accord {
namespace {

std::string read_wgec() {
    const std::string path =
        std::string(ACCORD_SOURCE_DIR) + "/../shared/corpus/wgec-2013-14/draft-recommendations.txt";
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << "cannot read " << path;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

const ImportPlan& wgec() {
    static const ImportPlan plan = plan_import(read_wgec());
    return plan;
}

const PlannedFile* file_at(const ImportPlan& plan, const std::string& path) {
    for (const PlannedFile& f : plan.files) {
        if (f.path == path) return &f;
    }
    return nullptr;
}

const PlannedFile* file_with_heading(const ImportPlan& plan, const std::string& part) {
    for (const PlannedFile& f : plan.files) {
        if (f.heading.find(part) != std::string::npos) return &f;
    }
    return nullptr;
}

const PlannedDelegation* delegation(const ImportPlan& plan, const std::string& name) {
    for (const PlannedDelegation& d : plan.delegations) {
        if (d.name == name) return &d;
    }
    return nullptr;
}

bool has_warning(const ImportPlan& plan, std::size_t line, const std::string& part) {
    return std::any_of(plan.warnings.begin(), plan.warnings.end(), [&](const ImportWarning& w) {
        return w.line == line && w.message.find(part) != std::string::npos;
    });
}

// Paragraphs as a reader sees them: runs of lines that are not blank.
std::vector<std::string> paragraphs_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    std::string current;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            if (!current.empty()) out.push_back(current);
            current.clear();
        } else {
            current += (current.empty() ? "" : "\n") + line;
        }
    }
    if (!current.empty()) out.push_back(current);
    return out;
}

std::size_t proposal_count(const ImportPlan& plan) {
    std::size_t n = 0;
    for (const PlannedFile& f : plan.files) n += f.proposals.size();
    return n;
}

// --- The WGEC compilation -------------------------------------------------

TEST(ImportPlanWgec, NigeriaHasItsSubmissionAndItsResubmission) {
    const PlannedFile* nigeria = file_with_heading(wgec(), "submitted by Nigeria");
    ASSERT_NE(nigeria, nullptr);
    EXPECT_EQ(nigeria->path, "no-consensus/C/04-nigeria.md");
    ASSERT_EQ(nigeria->proposals.size(), 2u);
    EXPECT_EQ(nigeria->proposals[0].date, "2014-02-24");
    EXPECT_EQ(nigeria->proposals[1].date, "2014-05-01");
    EXPECT_EQ(nigeria->proposals[0].proposers, std::vector<std::string>{"Nigeria"});
    EXPECT_EQ(nigeria->proposals[1].proposers, std::vector<std::string>{"Nigeria"});
    EXPECT_EQ(nigeria->proposals[1].message, "Resubmission by Nigeria (1 May 2014)");
    EXPECT_FALSE(nigeria->proposals[1].date_inferred);
    // The resubmission appends: the first text is a prefix of the second.
    const std::string& first = nigeria->proposals[0].text;
    const std::string& second = nigeria->proposals[1].text;
    EXPECT_EQ(second.compare(0, first.size() - 1, first, 0, first.size() - 1), 0);
    EXPECT_NE(second.find("\n\nResubmission by Nigeria (1 May 2014)\n\n- Encourages an inclusive"),
              std::string::npos);
    EXPECT_EQ(nigeria->status, "no consensus");
}

TEST(ImportPlanWgec, CommonProposalHasThreeProposers) {
    const PlannedFile* common =
        file_with_heading(wgec(), "Common Proposal of the Russian Federation");
    ASSERT_NE(common, nullptr);
    EXPECT_EQ(common->path, "agreed/C/01-russian-federation-japan-avri-doria.md");
    ASSERT_EQ(common->proposals.size(), 1u);
    EXPECT_EQ(common->proposals[0].proposers,
              (std::vector<std::string>{"Russian Federation", "Japan", "Avri Doria"}));
    EXPECT_EQ(common->proposals[0].message,
              "Common Proposal of the Russian Federation, Japan and Ms. Avri Doria");
}

TEST(ImportPlanWgec, HistoryRunsFromTheUnitedStatesInNovember2013ToMay2014) {
    const std::vector<ProposalRef> order = date_order(wgec());
    ASSERT_FALSE(order.empty());
    const PlannedProposal& first =
        wgec().files[order.front().file].proposals[order.front().proposal];
    EXPECT_EQ(first.date, "2013-11-09");
    EXPECT_EQ(first.proposers, std::vector<std::string>{"United States of America"});
    EXPECT_EQ(wgec().files[order.front().file].path, "agreed/D/01-united-states-of-america.md");
    const PlannedProposal& last = wgec().files[order.back().file].proposals[order.back().proposal];
    EXPECT_EQ(last.date.substr(0, 7), "2014-05");
    for (std::size_t k = 1; k < order.size(); ++k) {
        const auto& a = wgec().files[order[k - 1].file].proposals[order[k - 1].proposal];
        const auto& b = wgec().files[order[k].file].proposals[order[k].proposal];
        EXPECT_LE(a.date, b.date);
    }
}

TEST(ImportPlanWgec, DateWithoutYearTakesItsYearFromContext) {
    const PlannedFile* singh =
        file_with_heading(wgec(), "2. Statement submitted by Mr. Parminder Jeet Singh");
    ASSERT_NE(singh, nullptr);
    EXPECT_EQ(singh->proposals[0].date, "2014-02-24");
    EXPECT_TRUE(singh->proposals[0].date_inferred);
    EXPECT_TRUE(has_warning(wgec(), 150, "'24 February' has no year"));
    // Next to "(12 December 2013)", "24 February" is still 2014.
    const PlannedFile* statements =
        file_with_heading(wgec(), "2. Statements submitted by Mr. Parminder");
    ASSERT_NE(statements, nullptr);
    EXPECT_EQ(statements->proposals[0].date, "2014-02-24");
    EXPECT_TRUE(has_warning(wgec(), 185, "nearest to 12 December 2013"));
}

TEST(ImportPlanWgec, EveryParagraphOfTheSourceLandsInSomeProposal) {
    std::string all;
    for (const PlannedFile& f : wgec().files) {
        for (const PlannedProposal& p : f.proposals) all += p.text + "\n";
    }
    for (const std::string& paragraph : paragraphs_of(read_wgec())) {
        EXPECT_NE(all.find(paragraph), std::string::npos) << "lost: " << paragraph;
    }
}

TEST(ImportPlanWgec, FinalTextsHoldEveryParagraphOnce) {
    // Nothing is lost from the last state of the files either, and nothing doubled.
    std::map<std::string, int> seen;
    for (const PlannedFile& f : wgec().files) {
        const std::string& text = f.proposals.back().text;
        for (const std::string& paragraph : paragraphs_of(text.substr(text.find("\n---\n") + 5)))
            ++seen[paragraph];
    }
    for (const std::string& paragraph : paragraphs_of(read_wgec())) {
        if (paragraph.rfind("* * *", 0) == 0) continue;  // separators repeat in the source
        if (seen.count(paragraph) == 0) {
            EXPECT_TRUE(file_with_heading(wgec(), paragraph) != nullptr)
                << "not in any final text: " << paragraph;
        }
    }
}

TEST(ImportPlanWgec, Counts) {
    EXPECT_EQ(wgec().files.size(), 46u);
    EXPECT_EQ(proposal_count(wgec()), 53u);  // one of them the inline "(RF)" insertion
    EXPECT_EQ(wgec().title, "Draft recommendations WGEC 2013-14");
}

TEST(ImportPlanWgec, PathsAreReadableStableAndDistinct) {
    std::set<std::string> paths;
    for (const PlannedFile& f : wgec().files) EXPECT_TRUE(paths.insert(f.path).second) << f.path;
    for (const std::string path :
         {"agreed/A/03-mexico.md", "agreed/B/01-joy-liddicoat.md", "agreed/C/00-unattributed.md",
          "statements/A/01-avri-doria-grace-githaiga-and-others.md",
          "statements/01-parminder-jeet-singh.md", "statements/02-avri-doria.md",
          "no-consensus/A/01-russian-federation.md", "meeting-4/E/01-russian-federation.md",
          "outline.md"}) {
        EXPECT_TRUE(paths.count(path)) << path;
    }
    // The same group and number in four sections: four files.
    EXPECT_NE(file_at(wgec(), "agreed/A/01-japan.md"), nullptr);
    EXPECT_NE(file_at(wgec(), "statements/A/01-avri-doria-grace-githaiga-and-others.md"), nullptr);
    EXPECT_NE(file_at(wgec(), "no-consensus/A/01-russian-federation.md"), nullptr);
    EXPECT_EQ(plan_import(read_wgec()).files[3].path, wgec().files[3].path);  // deterministic
}

TEST(ImportPlanWgec, FrontMatter) {
    const PlannedFile* mexico = file_at(wgec(), "agreed/A/03-mexico.md");
    ASSERT_NE(mexico, nullptr);
    EXPECT_EQ(mexico->proposals[0].text.substr(0, mexico->proposals[0].text.find("\n---\n") + 5),
              "---\n"
              "id: agreed-A-3\n"
              "kind: recommendation\n"
              "section: \"Agreed recommendations and recommendations to be revisited\"\n"
              "group: A\n"
              "title: \"Implementation of the Tunis Agenda (Questions 2 and 3)\"\n"
              "heading: \"3. Draft recommendation submitted by Mexico (24 February 2014)\"\n"
              "status: revisit\n"
              "---\n");
    EXPECT_EQ(mexico->proposals[0].message,
              "Draft recommendation submitted by Mexico (24 February 2014)");
    const PlannedFile* opinion = file_at(wgec(), "statements/02-avri-doria.md");
    ASSERT_NE(opinion, nullptr);
    EXPECT_EQ(opinion->kind, "opinion");
    EXPECT_EQ(opinion->proposals[0].date, "2014-05-06");
    EXPECT_EQ(file_at(wgec(), "statements/B/01-saudi-arabia.md")->kind, "statement");
}

TEST(ImportPlanWgec, FrontMatterReadsBackAsWritten) {
    for (const PlannedFile& f : wgec().files) {
        for (const PlannedProposal& p : f.proposals) {
            std::vector<Diagnostic> diagnostics;
            const FrontMatter fm = read_front_matter(p.text, diagnostics);
            EXPECT_TRUE(diagnostics.empty()) << f.path;
            ASSERT_TRUE(fm.present) << f.path;
            ASSERT_NE(fm.find("id"), nullptr);
            EXPECT_EQ(fm.find("id")->value, f.id);
            EXPECT_EQ(fm.find("kind")->value, f.kind);
            if (!f.heading.empty()) {
                EXPECT_EQ(fm.find("heading")->value, f.heading);
            }
            if (!f.title.empty()) {
                EXPECT_EQ(fm.find("title")->value, f.title);
            }
        }
    }
}

TEST(ImportPlanWgec, ProposalsOnAnItemAreLaterProposalsOfItsFile) {
    const PlannedFile* mexico = file_at(wgec(), "agreed/B/02-mexico.md");
    ASSERT_NE(mexico, nullptr);
    ASSERT_EQ(mexico->proposals.size(), 2u);
    EXPECT_EQ(mexico->proposals[1].proposers, std::vector<std::string>{"United States of America"});
    EXPECT_EQ(mexico->proposals[1].message, "Proposal by US on this recommendation");
    // Its footnote, printed two items further on, goes with it.
    EXPECT_NE(mexico->proposals[1].text.find("\xC2\xB9 Comment by the author"), std::string::npos);
    EXPECT_EQ(file_at(wgec(), "agreed/B/04-united-states-of-america.md")
                  ->proposals[0]
                  .text.find("Comment by"),
              std::string::npos);

    const PlannedFile* japan = file_at(wgec(), "meeting-4/E/02-japan.md");
    ASSERT_NE(japan, nullptr);
    ASSERT_EQ(japan->proposals.size(), 2u);
    EXPECT_EQ(japan->proposals[1].proposers,
              (std::vector<std::string>{"Japan", "Iran", "ITU", "Richard Hill"}));
    EXPECT_EQ(japan->proposals[1].on_behalf_of, "Japan Group");
    EXPECT_EQ(japan->proposals[1].date, "2014-05-01");
    EXPECT_TRUE(has_warning(wgec(), 491, "nearest dated resubmission or revision"));

    const PlannedFile* rf = file_at(wgec(), "meeting-4/E/01-russian-federation.md");
    ASSERT_NE(rf, nullptr);
    ASSERT_EQ(rf->proposals.size(), 2u);
    EXPECT_EQ(rf->proposals[1].proposers, std::vector<std::string>{"Marilyn Cade"});
}

TEST(ImportPlanWgec, CoSponsorsAndGroups) {
    const PlannedFile* group =
        file_at(wgec(), "statements/A/01-avri-doria-grace-githaiga-and-others.md");
    ASSERT_NE(group, nullptr);
    EXPECT_EQ(
        group->proposals[0].proposers,
        (std::vector<std::string>{"Avri Doria", "Grace Githaiga", "Lea Kaspar", "Joy Liddicoat"}));
    EXPECT_EQ(group->proposals[0].on_behalf_of, "a group of WGEC Members and Observers");
    const PlannedFile* linner = file_with_heading(wgec(), "2. Draft recommendations from Brazil");
    ASSERT_NE(linner, nullptr);
    EXPECT_EQ(
        linner->proposals[0].proposers,
        (std::vector<std::string>{"Brazil", "Mexico", "Sweden", "United Kingdom", "Per Linner"}));
    const PlannedFile* revised =
        file_with_heading(wgec(), "Revised Recommendations proposed by Avri Doria");
    ASSERT_NE(revised, nullptr);
    EXPECT_EQ(revised->proposals[0].proposers[1], "Lea Kaspar");  // written "Lea Kapser" there
    EXPECT_TRUE(has_warning(wgec(), 365, "'Lea Kapser' read as 'Lea Kaspar'"));
}

TEST(ImportPlanWgec, DelegationsWithTheAliasesTheTextUses) {
    const auto aliases = [&](const std::string& name) {
        const PlannedDelegation* d = delegation(wgec(), name);
        return d ? d->aliases : std::vector<std::string>{"<missing>"};
    };
    const auto has = [](const std::vector<std::string>& list, const std::string& alias) {
        return std::find(list.begin(), list.end(), alias) != list.end();
    };
    EXPECT_TRUE(has(aliases("United States of America"), "US"));
    EXPECT_TRUE(has(aliases("United States of America"), "USA"));
    EXPECT_TRUE(has(aliases("Russian Federation"), "RF"));
    EXPECT_TRUE(has(aliases("Russian Federation"), "Russia"));
    EXPECT_TRUE(has(aliases("Saudi Arabia"), "SA"));
    EXPECT_TRUE(has(aliases("Japan"), "JP"));
    EXPECT_TRUE(has(aliases("Marilyn Cade"), "MCade"));
    EXPECT_TRUE(has(aliases("Marilyn Cade"), "M. Cade"));
    EXPECT_TRUE(has(aliases("Avri Doria"), "Avri"));
    EXPECT_EQ(delegation(wgec(), "Avri Doria")->kind, "person");
    EXPECT_EQ(delegation(wgec(), "Secretariat")->kind, "secretariat");
    EXPECT_EQ(delegation(wgec(), "Per"), nullptr);  // "Per Linner" is never shortened
}

TEST(ImportPlanWgec, EveryProposalIsDatedAttributedAndOrdered) {
    std::set<std::string> names;
    for (const PlannedDelegation& d : wgec().delegations) names.insert(d.name);
    for (const PlannedFile& f : wgec().files) {
        ASSERT_FALSE(f.proposals.empty()) << f.path;
        for (std::size_t k = 0; k < f.proposals.size(); ++k) {
            const PlannedProposal& p = f.proposals[k];
            EXPECT_TRUE(importer::parse_iso_date(p.date).has_value()) << f.path << " " << p.date;
            EXPECT_FALSE(p.proposers.empty()) << f.path;
            for (const std::string& name : p.proposers) EXPECT_TRUE(names.count(name)) << name;
            EXPECT_EQ(p.text.rfind("---\nid: ", 0), 0u) << f.path;
            if (k > 0) {
                EXPECT_LE(f.proposals[k - 1].date, p.date) << f.path;
            }
        }
    }
}

TEST(ImportPlanWgec, UndatedAndUnattributedTextIsInferredWithWarnings) {
    const PlannedFile* avri = file_at(wgec(), "agreed/A/02-avri-doria.md");
    ASSERT_NE(avri, nullptr);
    EXPECT_EQ(avri->proposals[0].date, "2014-02-24");
    EXPECT_TRUE(has_warning(wgec(), 47, "gives no date; using 24 February 2014 from line 55"));
    const PlannedFile* orphan = file_at(wgec(), "agreed/C/00-unattributed.md");
    ASSERT_NE(orphan, nullptr);
    EXPECT_EQ(orphan->status, "agreed");
    EXPECT_EQ(orphan->proposals[0].proposers, std::vector<std::string>{"Secretariat"});
    EXPECT_TRUE(has_warning(wgec(), 107, "no item heading"));
    const PlannedFile* opinion = file_at(wgec(), "statements/01-parminder-jeet-singh.md");
    ASSERT_NE(opinion, nullptr);
    EXPECT_EQ(opinion->proposals[0].proposers, std::vector<std::string>{"Parminder Jeet Singh"});
    EXPECT_EQ(opinion->proposals[0].date, "2014-02-28");
    EXPECT_TRUE(has_warning(wgec(), 216, "from the text before it at line 214"));
}

TEST(ImportPlanWgec, RenderPlanForDryRun) {
    const std::string out = render_plan(wgec());
    EXPECT_EQ(out.rfind("2013-11-09  agreed/D/01-united-states-of-america.md", 0), 0u);
    EXPECT_NE(out.find("46 files, 53 proposals"), std::string::npos);
    EXPECT_NE(out.find("\nwarnings:\n  line 47: "), std::string::npos);
    EXPECT_LT(out.find("2014-02-24  no-consensus/C/04-nigeria.md"),
              out.find("2014-05-01  no-consensus/C/04-nigeria.md"));
}

// --- Small compilations ---------------------------------------------------

TEST(ImportPlan, NumberedHeadingWithDate) {
    const ImportPlan plan = plan_import(
        "GROUP A: Tunis Agenda\n\n3. Draft recommendation submitted by Mexico (24 February "
        "2014)\n\n"
        "Recommends to identify [existing] mechanisms (revisit).\n");
    ASSERT_EQ(plan.files.size(), 2u);  // and outline.md, for the group heading
    const PlannedFile& f = plan.files[0];
    EXPECT_EQ(f.path, "A/03-mexico.md");
    EXPECT_EQ(f.id, "A-3");
    EXPECT_EQ(f.status, "revisit");
    ASSERT_EQ(f.proposals.size(), 1u);
    EXPECT_EQ(f.proposals[0].date, "2014-02-24");
    EXPECT_EQ(f.proposals[0].line, 3u);
    EXPECT_EQ(f.proposals[0].text,
              "---\nid: A-3\nkind: recommendation\ngroup: A\ntitle: \"Tunis Agenda\"\n"
              "heading: \"3. Draft recommendation submitted by Mexico (24 February "
              "2014)\"\nstatus: revisit\n---\n"
              "Recommends to identify [existing] mechanisms (revisit).\n");
    EXPECT_TRUE(plan.warnings.empty());
    EXPECT_EQ(plan.files[1].path, "outline.md");
}

TEST(ImportPlanWgec, WordingCreditedInlineIsItsDelegationsProposal) {
    // "Respect for human rights (and responsibilities) (RF) should ..." in
    // Sweden's recommendation: the words in parentheses are the Russian
    // Federation's, inserted after Sweden's text.
    const PlannedFile* f = file_with_heading(wgec(), "Draft recommendation submitted by Sweden");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(f->proposals.size(), 2u);
    EXPECT_EQ(f->proposals[0].proposers, std::vector<std::string>{"Sweden"});
    EXPECT_NE(f->proposals[0].text.find("Respect for human rights should always guide"),
              std::string::npos)
        << f->proposals[0].text;
    EXPECT_EQ(f->proposals[0].text.find("responsibilities"), std::string::npos);
    EXPECT_EQ(f->proposals[1].proposers, std::vector<std::string>{"Russian Federation"});
    EXPECT_EQ(f->proposals[1].date, f->proposals[0].date);
    EXPECT_EQ(f->proposals[1].line, 357u);
    EXPECT_NE(f->proposals[1].text.find(
                  "Respect for human rights (and responsibilities) (RF) should always guide"),
              std::string::npos);
    // "(Priv sector)" and "(Privsect)" name no delegation: nothing is split off.
    const PlannedFile* joy = file_with_heading(wgec(), "Resubmission Ms. Joy Liddicoat");
    if (joy == nullptr) joy = file_at(wgec(), "no-consensus/B/04-joy-liddicoat.md");
    ASSERT_NE(joy, nullptr);
    for (const PlannedProposal& p : joy->proposals)
        EXPECT_EQ(p.message.find("Wording of"), std::string::npos) << p.message;
}

TEST(ImportPlan, InlineCreditsSplitOffOneProposalPerDelegation) {
    const ImportPlan plan = plan_import(
        "1. Draft recommendation submitted by Mexico (24 February 2014)\n\n"
        "Recommends [to identify] (and strengthen)(Japan) existing mechanisms [for all] (US) "
        "(revisit).\n\n"
        "2. Draft recommendation submitted by Japan (25 February 2014)\n\n"
        "Text (of Japan) (Japan) and (of Mexico) (Mexico).\n\n"
        "3. Draft recommendation submitted by United States (26 February 2014)\n\n"
        "Other text.\n");
    const PlannedFile* mexico = file_at(plan, "01-mexico.md");
    ASSERT_NE(mexico, nullptr);
    ASSERT_EQ(mexico->proposals.size(), 3u);
    const auto body = [](const PlannedProposal& p) {
        return p.text.substr(p.text.rfind("---\n") + 4);
    };
    EXPECT_EQ(body(mexico->proposals[0]),
              "Recommends [to identify] existing mechanisms (revisit).\n");
    EXPECT_EQ(mexico->proposals[1].proposers, std::vector<std::string>{"Japan"});
    EXPECT_EQ(body(mexico->proposals[1]),
              "Recommends [to identify] (and strengthen)(Japan) existing mechanisms (revisit).\n");
    EXPECT_EQ(mexico->proposals[2].proposers, std::vector<std::string>{"United States"});
    EXPECT_EQ(body(mexico->proposals[2]),
              "Recommends [to identify] (and strengthen)(Japan) existing mechanisms [for all] (US) "
              "(revisit).\n");
    // A text's own proposer credited inline is its proposal already.
    const PlannedFile* japan = file_at(plan, "02-japan.md");
    ASSERT_NE(japan, nullptr);
    ASSERT_EQ(japan->proposals.size(), 2u);
    EXPECT_EQ(body(japan->proposals[0]), "Text (of Japan) (Japan) and.\n");
    EXPECT_EQ(japan->proposals[1].proposers, std::vector<std::string>{"Mexico"});
    EXPECT_EQ(mexico->status, "revisit");
}

TEST(ImportPlan, InlineCreditsReadEachParenthesisOnce) {
    // 200,000 '(' before one ')': each looked for its ')' anew was quadratic.
    const std::string paragraph = std::string(200000, '(') + "Japan) (and more) (Japan)";
    const auto named = [](std::string_view name) -> std::optional<std::string> {
        if (name == "Japan") return "Japan";
        return std::nullopt;
    };
    const std::vector<importer::InlineCredit> credits = importer::inline_credits(paragraph, named);
    ASSERT_EQ(credits.size(), 1u);
    EXPECT_EQ(paragraph.substr(credits[0].begin, credits[0].end - credits[0].begin),
              " (and more) (Japan)");
    EXPECT_EQ(credits[0].delegation, "Japan");
}

TEST(ImportPlan, CommonProposalAndFromListHeadings) {
    const ImportPlan plan = plan_import(
        "1. Common Proposal of the Russian Federation, Japan and Ms. Avri Doria (7 February "
        "2014):\n\nText one.\n\n"
        "2. Draft recommendations from Brazil and Sweden submitted by Mr. Per Linner (17 February "
        "2014):\n\n"
        "Text two.\n");
    ASSERT_EQ(plan.files.size(), 2u);
    EXPECT_EQ(plan.files[0].proposals[0].proposers,
              (std::vector<std::string>{"Russian Federation", "Japan", "Avri Doria"}));
    EXPECT_EQ(plan.files[0].path, "01-russian-federation-japan-avri-doria.md");
    EXPECT_EQ(plan.files[1].proposals[0].proposers,
              (std::vector<std::string>{"Brazil", "Sweden", "Per Linner"}));
    EXPECT_EQ(plan.files[1].path, "02-brazil-sweden-per-linner.md");
    EXPECT_EQ(delegation(plan, "Avri Doria")->kind, "person");
}

TEST(ImportPlan, ResubmissionRevisionAndProposalOnTheItem) {
    const ImportPlan plan = plan_import(
        "1. Draft recommendation submitted by Nigeria (24 February 2014)\n\nOld text (no "
        "consensus).\n\n"
        "Resubmission by Nigeria (1 May 2014)\n\nNew text.\n\n"
        "Proposal by US on this recommendation:\n\nAlt. Other text.\n\n"
        "Recommendation re-submitted by Iran, Mexico and United States (2 May 2014)\n\nFinal text "
        "(agreed).\n");
    ASSERT_EQ(plan.files.size(), 1u);
    const PlannedFile& f = plan.files[0];
    ASSERT_EQ(f.proposals.size(), 4u);
    EXPECT_EQ(f.proposals[1].message, "Resubmission by Nigeria (1 May 2014)");
    EXPECT_EQ(f.proposals[2].proposers, std::vector<std::string>{"United States"});
    EXPECT_EQ(f.proposals[2].date,
              "2014-05-01");  // undated: the nearest dated heading, never before the last
    EXPECT_EQ(f.proposals[3].proposers,
              (std::vector<std::string>{"Iran", "Mexico", "United States"}));
    EXPECT_EQ(f.status, "agreed");
    EXPECT_NE(f.proposals[3].text.find(
                  "Old text (no consensus).\n\nResubmission by Nigeria (1 May 2014)\n\n"
                  "New text.\n\nProposal by US on this recommendation:\n\nAlt. Other text."),
              std::string::npos);
    EXPECT_EQ(delegation(plan, "United States")->aliases, std::vector<std::string>{"US"});
}

TEST(ImportPlan, StatementsOpinionsAndSections) {
    const ImportPlan plan = plan_import(
        "Agreed recommendations\n\nGROUP A: Tunis\n\n1. Draft recommendation submitted by Japan (7 "
        "February 2014)\n\n"
        "Text.\n\n* * *\n\nStatements and Opinions\n\nGROUP A: Tunis\n\n"
        "Statements submitted by Ms. Avri Doria (12 February 2014)\n\n- Recognizes the IGF\n\n* * "
        "*\n\n"
        "Opinion submitted by Ms Avri Doria (6 May 2014)\n\nThe Opinion\n");
    ASSERT_EQ(plan.files.size(), 4u);
    EXPECT_EQ(plan.files[0].path, "agreed/A/01-japan.md");
    EXPECT_EQ(plan.files[1].path, "statements/A/01-avri-doria.md");
    EXPECT_EQ(plan.files[1].kind, "statement");
    EXPECT_EQ(plan.files[2].path, "statements/01-avri-doria.md");
    EXPECT_EQ(plan.files[2].kind, "opinion");
    EXPECT_EQ(plan.files[2].id, "statements-1");
}

TEST(ImportPlan, UndatedItemTakesTheNearestDateWithAWarning) {
    const ImportPlan plan = plan_import(
        "1. Draft recommendation submitted by Japan (7 February 2014)\n\nOne.\n\nMore.\n\n"
        "2. Draft recommendation submitted by Ms. Avri Doria\n\nTwo.\n\n"
        "3. Draft recommendation submitted by Mexico (24 February 2014)\n\nThree.\n\n"
        "4. Draft recommendation submitted by Sweden\n\nFour.\n\n"
        "5. Draft recommendation submitted by Nigeria (1 May 2014)\n\nFive.\n");
    ASSERT_EQ(plan.files.size(), 5u);
    EXPECT_EQ(plan.files[1].proposals[0].date, "2014-02-24");  // line 11 is nearer than line 1
    EXPECT_TRUE(plan.files[1].proposals[0].date_inferred);
    EXPECT_EQ(plan.files[3].proposals[0].date, "2014-02-24");  // as near as line 19: the earlier
    ASSERT_EQ(plan.warnings.size(), 2u);
    EXPECT_EQ(plan.warnings[0].line, 7u);
    EXPECT_NE(plan.warnings[0].message.find("gives no date; using 24 February 2014 from line 11"),
              std::string::npos);
}

TEST(ImportPlan, YearlessDateNextToDecember) {
    const ImportPlan plan = plan_import(
        "1. Statement submitted by the Russian Federation (12 December 2013)\n\nOne.\n\n"
        "2. Statement submitted by Mr. Parminder Jeet Singh (24 February)\n\nTwo.\n");
    EXPECT_EQ(plan.files[1].proposals[0].date, "2014-02-24");
    EXPECT_TRUE(has_warning(plan, 5, "'24 February' has no year; reading it as 24 February 2014"));
}

TEST(ImportPlan, ResubmissionDatedBeforeItsItemIsMovedUp) {
    const ImportPlan plan = plan_import(
        "1. Draft recommendation submitted by Japan (7 February 2014)\n\nOne.\n\n"
        "Resubmission by Japan (1 February 2014)\n\nTwo.\n");
    EXPECT_EQ(plan.files[0].proposals[1].date, "2014-02-07");
    EXPECT_TRUE(has_warning(plan, 5, "before the proposal it follows at line 1"));
}

TEST(ImportPlan, LeadInNamesTheProposerOfABareHeading) {
    const ImportPlan plan = plan_import(
        "GROUP A: Tunis\n\n1. Draft recommendation submitted by Japan (7 February "
        "2014)\n\nOne.\n\n* * *\n\n"
        "Below is the contribution received from Mr. Parminder Jeet Singh on 28 February 2014.\n\n"
        "Opinion A\n\nThe mandate has not been fulfilled.\n");
    ASSERT_EQ(plan.files.size(), 3u);
    const PlannedFile& opinion = plan.files[1];
    EXPECT_EQ(opinion.path, "01-parminder-jeet-singh.md");
    EXPECT_EQ(opinion.kind, "opinion");
    EXPECT_EQ(opinion.proposals[0].date, "2014-02-28");
    EXPECT_EQ(opinion.proposals[0].proposers, std::vector<std::string>{"Parminder Jeet Singh"});
    EXPECT_NE(opinion.proposals[0].text.find("---\nBelow is the contribution"), std::string::npos);
    // It follows GROUP A's texts in the compilation, and says so for compile.
    EXPECT_EQ(opinion.group, "");
    EXPECT_EQ(opinion.after_group, "A");
    EXPECT_NE(opinion.proposals[0].text.find("\nafter-group: A\n"), std::string::npos);
    EXPECT_EQ(plan.files[0].after_group, "");
}

TEST(ImportPlan, UnclassifiableTextIsKeptWithAWarning) {
    const ImportPlan plan = plan_import(
        "1. Draft recommendation submitted by Japan (7 February 2014)\n\nOne.\n\nGROUP B: Other\n\n"
        "Some remark nobody signed.\n\n2. Draft recommendation submitted by Mexico (24 February "
        "2014)\n\nTwo.\n");
    const PlannedFile* unclassified = file_at(plan, "unclassified.md");
    ASSERT_NE(unclassified, nullptr);
    EXPECT_NE(unclassified->proposals[0].text.find("Some remark nobody signed.\n"),
              std::string::npos);
    EXPECT_EQ(unclassified->proposals[0].proposers, std::vector<std::string>{"Secretariat"});
    EXPECT_EQ(unclassified->proposals[0].date, "2014-02-24");
    EXPECT_TRUE(has_warning(plan, 7, "cannot classify; kept in unclassified.md"));
    EXPECT_EQ(file_at(plan, "B/02-mexico.md")->proposals[0].text.find("remark"), std::string::npos);
}

TEST(ImportPlan, MeetingChatterStaysInTheItem) {
    const ImportPlan plan = plan_import(
        "1. Draft recommendations submitted by Japan (7 February 2014)\n\nText (revisit).\n\n"
        "(We will revisit again)\n\nWe will continue after coffee break\n\n"
        "Recommendation 3\n\nMore text.\n");
    ASSERT_EQ(plan.files.size(), 1u);
    EXPECT_NE(plan.files[0].proposals[0].text.find(
                  "(We will revisit again)\n\nWe will continue after coffee break\n\n"
                  "Recommendation 3\n\nMore text.\n"),
              std::string::npos);
}

TEST(ImportPlan, EmptyInputIsAnError) {
    for (const std::string input : {"", "\n\n  \n"}) {
        try {
            ImportOptions options;
            options.source_name = "draft.txt";
            plan_import(input, options);
            ADD_FAILURE() << "no error for empty input";
        } catch (const Error& e) {
            EXPECT_EQ(e.exit_code(), kExitUsage);
            EXPECT_EQ(std::string(e.what()),
                      "draft.txt: the file is empty: there is nothing to import");
        }
    }
}

TEST(ImportPlan, UnrecognisableDocumentIsAnError) {
    try {
        plan_import(
            "Minutes of the meeting\n\nThe chair opened the meeting.\n\n1. Adoption of the "
            "agenda\n");
        ADD_FAILURE() << "no error for a document without items";
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), kExitUsage);
        EXPECT_NE(
            std::string(e.what()).find("no recommendations found: expected headings like '1. Draft "
                                       "recommendation submitted by <name> (<date>)'"),
            std::string::npos);
    }
}

TEST(ImportPlan, DocumentWithoutAnyDateNeedsADefault) {
    const std::string text = "1. Draft recommendation submitted by Japan\n\nOne.\n";
    try {
        plan_import(text);
        ADD_FAILURE() << "no error for a document without dates";
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), kExitUsage);
        EXPECT_NE(std::string(e.what()).find(
                      "input:1: 'Draft recommendation submitted by Japan' gives no date"),
                  std::string::npos);
    }
    ImportOptions options;
    options.default_date = "2014-05-02";
    const ImportPlan plan = plan_import(text, options);
    EXPECT_EQ(plan.files[0].proposals[0].date, "2014-05-02");
}

TEST(ImportPlan, WindowsLineEndings) {
    const ImportPlan plan = plan_import(
        "GROUP A: Tunis\r\n\r\n1. Draft recommendation submitted by Japan (7 February "
        "2014):\r\n\r\n"
        "One (agreed).\r\n");
    ASSERT_EQ(plan.files.size(), 2u);
    EXPECT_EQ(plan.files[0].path, "A/01-japan.md");
    EXPECT_EQ(plan.files[0].heading,
              "1. Draft recommendation submitted by Japan (7 February 2014):");
    EXPECT_EQ(plan.files[0].proposals[0].message,
              "Draft recommendation submitted by Japan (7 February 2014)");
    EXPECT_EQ(plan.files[0].status, "agreed");
}

TEST(ImportPlan, HostileInputPlansOrFailsCleanly) {
    std::string many;
    for (int i = 1; i <= 3000; ++i) {
        many += std::to_string(i % 999 + 1) + ". Draft recommendation submitted by Ms. John Smith" +
                std::to_string(i) + (i % 3 ? " (1 May 2014)" : "") +
                "\n\nJohn said \xC2\xB9 (agreed).\n\n" +
                (i % 7 ? "" : "\xC2\xB9 note:\n\n\"quote\n\n") +
                (i % 5 ? "" : "Resubmission by John\n\nMore.\n\n");
    }
    const std::vector<std::string> inputs = {
        std::string("1. Draft recommendation submitted by X (1 May 2014)\n\n\0\x01\xFF[[[", 57),
        "1. Draft recommendation submitted by (\n\nx\n",
        "1. Draft recommendation submitted by ,,,, and and others (1 May 2014)\n\nx\n",
        "999. Common Proposal of A, B and C (31 February 2014)\n\nx\n",
        "GROUP\n\nGROUP A\n\n\xC2\xB9\n\n\xC2\xB9 x\n\n* * *\n\nOpinion A\n\nx\n",
        "Resubmission by X (1 May 2014)\n\nx\n\nResubmission by X (2 May 2014)\n\ny\n",
        many,
    };
    for (const std::string& input : inputs) {
        try {
            const ImportPlan plan = plan_import(input);
            for (const PlannedFile& f : plan.files) {
                EXPECT_FALSE(f.path.empty());
                for (const PlannedProposal& p : f.proposals) EXPECT_FALSE(p.proposers.empty());
            }
        } catch (const Error& e) {
            EXPECT_EQ(e.exit_code(), kExitUsage) << e.what();
        }
    }
    const ImportPlan plan = plan_import(many);  // quickly: nothing compares all names with all
    EXPECT_EQ(plan.files.size(), 3000u);
    // "Resubmission by John": "John" fits 3000 names, so it resolves to none of them.
    EXPECT_EQ(plan.delegations.size(), 3001u);
    EXPECT_NE(delegation(plan, "John"), nullptr);
}

// --- Pieces ---------------------------------------------------------------

TEST(ImportHeadings, Dates) {
    using importer::find_date;
    EXPECT_EQ(importer::iso(find_date("(7 February 2014)")->date), "2014-02-07");
    EXPECT_EQ(find_date("Statement (24 February)")->date.year, 0);
    EXPECT_EQ(find_date("Statement (24 February)")->written, "24 February");
    EXPECT_EQ(importer::iso(find_date("on August 4, 2005 gives")->date), "2005-08-04");
    EXPECT_EQ(importer::iso(find_date("(1 Feb. 2014)")->date), "2014-02-01");
    EXPECT_FALSE(find_date("Article 1 may apply; 31 April 2014; 4 th meeting").has_value());
    EXPECT_EQ(importer::nearest_year({0, 2, 24}, {2013, 12, 12}), 2014);
    EXPECT_EQ(importer::nearest_year({0, 12, 1}, {2013, 12, 12}), 2013);
}

TEST(ImportHeadings, Attribution) {
    const importer::Attribution a = importer::read_attribution(
        "Statements submitted by Ms. Avri Doria on behalf of by a group of WGEC Members and "
        "Observers (Avri "
        "Doria, Grace Githaiga, Lea Kaspar, and Joy Liddicoat) (12 February 2014)\xC2\xB2");
    ASSERT_EQ(a.names.size(), 4u);
    EXPECT_TRUE(a.names[0].titled);
    EXPECT_EQ(a.names[3].name, "Joy Liddicoat");
    EXPECT_EQ(a.on_behalf_of, "a group of WGEC Members and Observers");
    const importer::Attribution us = importer::read_attribution(
        "US revisited IGFs recommendations (Compilation proposed by the United States of America "
        "based on "
        "the IGFs recommendations)");
    ASSERT_EQ(us.names.size(), 1u);
    EXPECT_EQ(us.names[0].name, "United States of America");
    const importer::Attribution cade =
        importer::read_attribution("Resubmission M Cade and others on this recommendation");
    ASSERT_EQ(cade.names.size(), 1u);
    EXPECT_EQ(cade.names[0].name, "M Cade");
    EXPECT_TRUE(cade.and_others);
}

TEST(ImportHeadings, HeadingForms) {
    using importer::HeadingForm;
    using importer::read_item_heading;
    EXPECT_EQ(read_item_heading("4. Resubmission Ms. Joy Liddicoat")->form, HeadingForm::item);
    EXPECT_TRUE(read_item_heading("4. Resubmission Ms. Joy Liddicoat")->revision);
    EXPECT_EQ(read_item_heading("Re-submission Avri on these recommendations:")->form,
              HeadingForm::later_proposal);
    EXPECT_EQ(read_item_heading("Proposal by US on this recommendation:\xC2\xB9")->message,
              "Proposal by US on this recommendation");
    EXPECT_EQ(read_item_heading("Opinion A")->form, HeadingForm::bare_item);
    EXPECT_EQ(read_item_heading("Opinion submitted by Ms Avri Doria (6 May 2014)")->kind,
              "opinion");
    EXPECT_FALSE(read_item_heading("1. Recommends further multi-stakeholder discussion (revisit).")
                     .has_value());
    EXPECT_FALSE(
        read_item_heading("This recommendation will be redrafted by Iran, SA, MCade, and others.")
            .has_value());
    EXPECT_EQ(importer::section_slug(
                  "Recommendations discussed in 4th WGEC meeting under categories D and E"),
              "meeting-4");
    EXPECT_EQ(importer::section_slug(
                  "Recommendations which did not enjoy consensus at the third meeting"),
              "no-consensus");
}

TEST(ImportHeadings, YamlScalars) {
    EXPECT_EQ(importer::yaml_scalar("no consensus"), "no consensus");
    EXPECT_EQ(importer::yaml_scalar("agreed-A-3"), "agreed-A-3");
    EXPECT_EQ(importer::yaml_scalar("N"), "\"N\"");
    EXPECT_EQ(importer::yaml_scalar("a: \"b\" \\ c"), "\"a: \\\"b\\\" \\\\ c\"");
}

}  // namespace
}  // namespace accord
