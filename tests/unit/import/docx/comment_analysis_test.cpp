// core/import/docx/comment_speakers and comment_requests: who speaks in a
// comment staff wrote while listening, and whether they ask for a text change.
#include <gtest/gtest.h>

#include "core/import/docx/comment_requests.hpp"
#include "core/import/docx/comment_speakers.hpp"

namespace accord {
namespace {

using docx::RequestKind;

// "Name=written|what they said" per segment, speakers joined by ",".
std::vector<std::string> split(const std::string& comment,
                               const std::vector<docx::SpeakerNames>& registry = {}) {
    const docx::SpeakerMatcher matcher(registry);
    std::vector<std::string> out;
    for (const docx::Segment& segment : docx::split_speakers(comment, matcher)) {
        std::string line;
        for (const docx::Speaker& s : segment.speakers) {
            if (!line.empty()) line += ",";
            line += (s.name.empty() ? "?" : s.name) + "=" + s.written;
            if (s.tentative) line += "()";
            if (s.approximate) line += "~";
        }
        out.push_back(line + "|" + segment.text);
    }
    return out;
}

using Lines = std::vector<std::string>;

TEST(CommentSpeakers, ASpeakerAndWhatTheySaid) {
    EXPECT_EQ(split("US: Delete “authorized”"), Lines{"United States=US|Delete “authorized”"});
    EXPECT_EQ(split("Pakistan  \nInconsistency is not acceptable"),
              Lines{"Pakistan=Pakistan|Inconsistency is not acceptable"});
    EXPECT_EQ(split("LMDC – don’t support any language"),
              Lines{"LMDC=LMDC|don’t support any language"});
    EXPECT_EQ(split("Grupo Sur suggestion: add a note"),
              Lines{"Grupo Sur=Grupo Sur|suggestion: add a note"});
    EXPECT_EQ(split("Missing mandatory cross-referencing"),
              Lines{"|Missing mandatory cross-referencing"});
}

TEST(CommentSpeakers, SpellingsAndAbbreviationsOfOneDelegation) {
    for (const std::string written : {"US", "USA", "U.S", "U.S."}) {
        EXPECT_EQ(split(written + ": ok"), Lines{"United States=" + written + "|ok"});
    }
    EXPECT_EQ(split("CAN, CANADA, Canada: yes"),
              Lines{"Canada=CAN,Canada=CANADA,Canada=Canada|yes"});
    EXPECT_EQ(
        split("CFRN and CfRN: yes"),
        Lines{"Coalition for Rainforest Nations=CFRN,Coalition for Rainforest Nations=CfRN|yes"});
    EXPECT_EQ(split("Groupo Sur, SUR: yes"), Lines{"Grupo Sur=Groupo Sur,Grupo Sur=SUR|yes"});
    EXPECT_EQ(split("Gurpo Sur: yes"), Lines{"Grupo Sur=Gurpo Sur~|yes"}) << "two letters swapped";
    EXPECT_EQ(split("NZ / CH: yes"), Lines{"New Zealand=NZ,Switzerland=CH|yes"});
    EXPECT_EQ(split("Türkiye, Turkiye: yes"), Lines{"Türkiye=Türkiye,Türkiye=Turkiye|yes"});
    // Short names must be written in capitals: "us" and "can" are words.
    EXPECT_EQ(split("can be concluded here"), Lines{"|can be concluded here"});
    EXPECT_EQ(split("us too"), Lines{"|us too"});
}

TEST(CommentSpeakers, TheRegistryNamesWinAndStandForTheCommonNames) {
    const std::vector<docx::SpeakerNames> registry = {{"United States of America", {"USA"}},
                                                      {"Republic of Korea", {"Korea"}},
                                                      {"Friends of the Chair", {"FoC"}}};
    EXPECT_EQ(split("U.S., ROK, FoC: support", registry),
              Lines{"United States of America=U.S.,Republic of Korea=ROK,Friends of the "
                    "Chair=FoC|support"});
}

TEST(CommentSpeakers, MeetingLogsNamingManySpeakers) {
    EXPECT_EQ(split("LMDC, Pakistan,  against, Russia not in the mandate; Arab Group against; "
                    "China del section 2"),
              (Lines{"LMDC=LMDC,Pakistan=Pakistan|against",
                     "Russian Federation=Russia|not in the mandate",
                     "Arab Group=Arab Group|against", "China=China|del section 2"}));
    EXPECT_EQ(split("EU {SHALL, Tuvalu"), Lines{"European Union=EU,Tuvalu=Tuvalu|{SHALL"});
    EXPECT_EQ(split("Japan, Canada, U.S, NZ, (Norway): restrictive measure"),
              Lines{"Japan=Japan,Canada=Canada,United States=U.S,New Zealand=NZ,Norway=Norway()|"
                    "restrictive measure"});
    EXPECT_EQ(
        split("US: Clarify the text (Pakistan, EU agrees)"),
        (Lines{"United States=US|Clarify the text", "Pakistan=Pakistan,European Union=EU|agrees"}));
    EXPECT_EQ(split("US: streamline “encourage, China and recall”"),
              Lines{"United States=US|streamline “encourage, China and recall”"})
        << "quoted wording is never split";
}

TEST(CommentSpeakers, SpeakersOnLinesOfTheirOwnSessionsAndTopics) {
    EXPECT_EQ(
        split("Grupo Sur\nconcerned on the scope\n\nCANADA\n6.4 option is missing \n\nRussia\n"
              "in alignment with Brazil and Canada."),
        (Lines{"Grupo Sur=Grupo Sur|concerned on the scope", "Canada=CANADA|6.4 option is missing",
               "Russian Federation=Russia|in alignment with Brazil and Canada."}));
    EXPECT_EQ(split("CfRN para 7h contradicts the concept\nMozambique, Panama"),
              Lines{"Coalition for Rainforest Nations=CfRN,Mozambique=Mozambique,Panama=Panama|"
                    "para 7h contradicts the concept"})
        << "names alone at the end join the point before";

    const docx::SpeakerMatcher matcher;
    const std::vector<docx::Segment> segments = docx::split_speakers(
        "16 Nov – IC\nEU: need clarify\n[Opposition from buyer-side]\nJapan: not support\n"
        "* footnote of the staff\n17 November – IC\nNote – related to para 36 (EU: wants ITMOs)",
        matcher);
    ASSERT_EQ(segments.size(), 4u);
    EXPECT_EQ(segments[0].session, "16 Nov – IC");
    EXPECT_EQ(segments[0].topic, "");
    EXPECT_EQ(segments[1].topic, "Opposition from buyer-side");
    EXPECT_EQ(segments[1].text, "not support\n* footnote of the staff")
        << "a line without names goes on";
    EXPECT_EQ(segments[2].session, "17 November – IC");
    EXPECT_TRUE(segments[2].speakers.empty()) << "\"Note\" labels text; it is no one";
    EXPECT_EQ(segments[3].speakers.at(0).name, "European Union");
    EXPECT_EQ(segments[3].text, "wants ITMOs");
}

// The day a meeting line names, which a segment under it was said on.
TEST(CommentSpeakers, AMeetingLineNamesItsDay) {
    const std::optional<docx::SessionDay> ic = docx::session_day("18 November – IC");
    ASSERT_TRUE(ic.has_value());
    EXPECT_EQ(ic->month, 11);
    EXPECT_EQ(ic->day, 18);
    const std::optional<docx::SessionDay> short_month = docx::session_day("5 Dec – HODs");
    ASSERT_TRUE(short_month.has_value());
    EXPECT_EQ(short_month->month, 12);
    EXPECT_EQ(short_month->day, 5);
    EXPECT_FALSE(docx::session_day("EU: need clarity").has_value());
    EXPECT_FALSE(docx::session_day("November – IC").has_value());
}

TEST(CommentSpeakers, UnknownSpeakersAreReportedAsWritten) {
    EXPECT_EQ(split("Atlantis: against\nXyz Group – support"),
              (Lines{"?=Atlantis|against", "?=Xyz Group|support"}));
}

docx::Request request(const std::string& text, const std::string& quoted = "wording",
                      bool on_heading = false, bool at_start = false) {
    return docx::read_request(text, {quoted, on_heading, at_start, false});
}

TEST(CommentRequests, Deletions) {
    docx::Request r = request("Delete “authorized”", "authorized");
    EXPECT_EQ(r.kind, RequestKind::delete_wording);
    EXPECT_EQ(r.target, "authorized");
    r = request("delete \"the achievement of an NDC or\"", "or");
    EXPECT_EQ(r.target, "the achievement of an NDC or") << "straight quotes too";
    EXPECT_EQ(request("delete", "revocations").kind, RequestKind::delete_wording);
    EXPECT_EQ(request("delete", "revocations").target, "");
    EXPECT_EQ(request("suggested deleting these words (mismatches only)", "or", false, true).kind,
              RequestKind::delete_wording)
        << "\"these words\": the anchored ones, even at a paragraph's start";
    EXPECT_EQ(request("Addressed in Sharm TER guidance - delete", "Also decides", false, true).kind,
              RequestKind::delete_paragraph);
    EXPECT_EQ(
        request("Concept addressed in para 49 and 50 bis - detele", "Further", false, true).kind,
        RequestKind::delete_paragraph)
        << "a misspelt delete, and paragraph numbers that only say where the concept is";
    EXPECT_TRUE(request("Concept addressed in para 49 and 50 bis - detele", "Further", false, true)
                    .paragraphs.empty());
    EXPECT_EQ(request("Delete the recalling paras").kind, RequestKind::delete_paragraph);
    EXPECT_EQ(request("Remove this para").kind, RequestKind::delete_paragraph);
    r = request("proposed to delete paras 44, 45 and 46 and 48");
    EXPECT_EQ(r.kind, RequestKind::delete_paragraph);
    EXPECT_EQ(r.paragraphs, (std::vector<std::string>{"44", "45", "46", "48"}));
    r = request("Recommend that para 55 be deleted as there is lack of agreement");
    EXPECT_EQ(r.paragraphs, std::vector<std::string>{"55"});
    r = request("delete paragraph 9 bis");
    EXPECT_EQ(r.paragraphs, std::vector<std::string>{"9 bis"});
    EXPECT_EQ(
        request("Delete whole section in its entirety – will not accept", "approach", true).kind,
        RequestKind::delete_section);
    r = request("del section 2", "r", true);
    EXPECT_EQ(r.kind, RequestKind::delete_section);
    EXPECT_EQ(r.section, "2");
    EXPECT_EQ(request("delete", "registry", true).kind, RequestKind::delete_section);
    r = request("Remove “recall” throughout the text");
    EXPECT_EQ(r.target, "recall");
    EXPECT_TRUE(r.everywhere);
}

TEST(CommentRequests, Replacements) {
    docx::Request r = request("Add para 43 to Section 9, change “shall” to “should”", "Further");
    EXPECT_EQ(r.kind, RequestKind::replace);
    EXPECT_EQ(r.target, "shall");
    EXPECT_EQ(r.replacement, "should");
    r = request("Replace it with OR", "and");
    EXPECT_EQ(r.kind, RequestKind::replace);
    EXPECT_EQ(r.target, "") << "it: the anchored wording";
    EXPECT_EQ(r.replacement, "OR");
    r = request("not “check”, but “review”", "checks");
    EXPECT_EQ(r.target, "check");
    EXPECT_EQ(r.replacement, "review");
    r = request("Clarifies not decides", "Decides");
    EXPECT_EQ(r.kind, RequestKind::replace);
    EXPECT_EQ(r.replacement, "Clarifies");
    EXPECT_EQ(request("Clarifies not decides", "Notes").kind, RequestKind::position);
    r = request("“instead of shall not be used, shall not be accounted.”");
    EXPECT_EQ(r.target, "shall not be used");
    EXPECT_EQ(r.replacement, "shall not be accounted");
    EXPECT_EQ(request("instead of issuance use a word that does not have a wide range").kind,
              RequestKind::position);
    r = request("should", "shall");
    EXPECT_EQ(r.kind, RequestKind::replace);
    EXPECT_EQ(r.replacement, "should");
    EXPECT_EQ(request("“shall”", "should").replacement, "shall");
    EXPECT_EQ(request("“should”", "should").kind, RequestKind::position) << "support for the text";
    EXPECT_EQ(request("ok", "n", true).kind, RequestKind::position);
}

TEST(CommentRequests, InsertionsAndProposedLanguage) {
    docx::Request r = request("add “in particular”");
    EXPECT_EQ(r.kind, RequestKind::insert);
    EXPECT_EQ(r.replacement, "in particular");
    EXPECT_EQ(request("add a note clarifying that it includes authorization").kind,
              RequestKind::position)
        << "a description of wording, not wording";
    EXPECT_EQ(request("Add para 43 to section 9").kind, RequestKind::position);
    r = request("Proposed language: that are internationally transferred for authorized use(s)");
    EXPECT_EQ(r.kind, RequestKind::proposed_language);
    EXPECT_EQ(r.replacement, "that are internationally transferred for authorized use(s)");
    r = request(
        "This text is an alternative to address “significant” without defining it:\n\n"
        "“Decides that an Article 6.2 technical expert review report shall summarize”");
    EXPECT_EQ(r.kind, RequestKind::proposed_language);
    EXPECT_EQ(r.replacement,
              "Decides that an Article 6.2 technical expert review report shall summarize");
    EXPECT_EQ(
        request("“Don’t agree with the definitions of inconsistencies” (not sure on Para 44)").kind,
        RequestKind::position);
}

TEST(CommentRequests, PositionsAndNegations) {
    for (const char* text : {"Whole section lacks clarity", "against", "supports the format",
                             "not remove any paragraphs before engaging with parties",
                             "don’t delete anything", "need to define “non-responsiveness”",
                             "define “persistent” but not “significant”", "“recall” is useful"}) {
        EXPECT_EQ(request(text).kind, RequestKind::position) << text;
    }
}

// "Japan, Pakistan, US, ...: Remove/concern": some asked for the deletion,
// some only voiced a concern, and which is not said. In doubt, a position.
TEST(CommentRequests, AChangeOfferedAsEitherOrIsAPosition) {
    for (const char* text : {"Remove/concern", "concern/remove", "delete/retain"})
        EXPECT_EQ(request(text, "Parties", false, true).kind, RequestKind::position) << text;
    EXPECT_EQ(request("Remove this para", "Parties", false, true).kind,
              RequestKind::delete_paragraph);
}

// Comments that oppose a change on "submissions by 2025" are the Party's
// position, never a proposal in its name: a wrong position keeps the
// comment's words, a wrong proposal puts words in a Party's mouth.
TEST(CommentRequests, OpposingAChangeIsAPositionNotARequest) {
    const std::string anchored = "submissions by 2025";
    for (const char* text :
         {"against the deletion",
          "opposes deletion",
          "cannot accept deletion of this",
          "we object to deleting “by 2025”",
          "not in favour of deletion",
          "not in favor of deleting this",
          "oppose replacing “submissions” with “views”",
          "do not add “urgent” before “submissions”",
          "does not support deleting this",
          "no deletion",
          "Strongly oppose the deletion proposed by Brazil",
          "Objects to the replacement of “submissions” by “views”",
          "rejects adding “urgent”",
          "reject the insertion of “urgent”",
          "prefer to retain “by 2025”, no deletion",
          "retain, do not delete",
          "keep the text as is rather than delete",
          "should not be deleted",
          "must not be deleted",
          "deletion not acceptable",
          "Deletion is unacceptable to us",
          "replacing “submissions” with “views” is not acceptable",
          "no need to delete",
          "don't delete “by 2025”",
          "don’t replace it with “views”",
          "dont remove",
          "can't agree to deleting",
          "cannot support replacing “submissions” by “views”",
          "disagree with the proposed deletion",
          "we have concerns about deleting “by 2025”",
          "never delete",
          "could accept deleting",
          "Flexible on the deletion",
          "if kept, delete “by 2025”",
          "Delete “by 2025”?",
          "why delete?",
          "not in favour of the proposed language: “views by 2026”",
          "cannot accept this alternative: “views by 2026, as appropriate, by Parties”"}) {
        EXPECT_EQ(request(text, anchored).kind, RequestKind::position) << text;
    }
}

// What an opposing word does not govern leaves a request a request.
TEST(CommentRequests, RequestsBesideOpposingWordsStayRequests) {
    const std::string anchored = "submissions by 2025";
    docx::Request r = request("Delete. (EU)", anchored);
    EXPECT_EQ(r.kind, RequestKind::delete_wording);
    EXPECT_EQ(request("Support deletion", anchored).kind, RequestKind::delete_wording);
    EXPECT_EQ(request("Delete “by 2025” – not acceptable as drafted", anchored).kind,
              RequestKind::delete_wording)
        << "the judgement follows a request, not a change named as a thing";
    EXPECT_EQ(request("Not clear. Delete “by 2025”", anchored).kind, RequestKind::delete_wording)
        << "the negation is in a sentence of its own";
    EXPECT_EQ(request("No consensus on this; delete", anchored).kind, RequestKind::delete_wording);
    r = request("replace “submissions” with “views, not submissions”", anchored);
    EXPECT_EQ(r.kind, RequestKind::replace) << "a negation inside the wording asked for";
    EXPECT_EQ(r.replacement, "views, not submissions");
    r = request("Proposed language: submissions, if any, by 2025", anchored);
    EXPECT_EQ(r.kind, RequestKind::proposed_language) << "a condition inside the wording";
    EXPECT_EQ(r.replacement, "submissions, if any, by 2025");
    r = request("add “urgent” – we cannot accept the text without it", anchored);
    EXPECT_EQ(r.kind, RequestKind::insert);
    EXPECT_EQ(r.replacement, "urgent");
}

TEST(CommentRequests, SingleQuotesNameWordingToo) {
    const std::string anchored = "submissions by 2025";
    for (const char* text : {"Delete 'by 2025'", "Delete ‘by 2025’", "delete 'by 2025'."}) {
        const docx::Request r = request(text, anchored);
        EXPECT_EQ(r.kind, RequestKind::delete_wording) << text;
        EXPECT_EQ(r.target, "by 2025") << text;
    }
    docx::Request r = request("replace 'submissions' with 'views'", anchored);
    EXPECT_EQ(r.target, "submissions");
    EXPECT_EQ(r.replacement, "views");
    EXPECT_EQ(request("Parties' views: delete", anchored).target, "")
        << "an apostrophe opens no quote";
    EXPECT_EQ(request("don’t delete 'by 2025'", anchored).kind, RequestKind::position);
}

}  // namespace
}  // namespace accord

namespace accord {
namespace {

TEST(CommentAnalysis, HugeAndStrangeCommentsAreReadWithoutBlowingUp) {
    std::string strange;
    for (int i = 0; i < 20000; ++i) strange += "(US: x, Canadaa; “not ";
    const docx::SpeakerMatcher matcher;
    const std::vector<docx::Segment> segments = docx::split_speakers(strange, matcher);
    ASSERT_FALSE(segments.empty());
    std::size_t kept = 0;
    for (const docx::Segment& segment : segments) kept += segment.text.size();
    EXPECT_GE(kept, strange.size() - docx::kMaxAnalysed) << "the unread rest is kept";
    EXPECT_EQ(docx::read_request(strange, {"x", false, false, false}).kind,
              docx::RequestKind::position);
    std::string requests;
    for (int i = 0; i < 20000; ++i) requests += "delete 'not ";
    EXPECT_EQ(docx::read_request(requests, {"x", false, false, false}).kind,
              docx::RequestKind::position);
    std::string commas(1'000'000, ',');
    EXPECT_EQ(docx::split_speakers(commas, matcher).size(), 1u);
}

}  // namespace
}  // namespace accord
