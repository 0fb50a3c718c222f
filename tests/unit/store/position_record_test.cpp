// A position written as a commit message and read back.
#include "core/store/position_record.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

TEST(PositionRecord, WrittenAndReadBack) {
    PositionRecord p;
    p.speakers = {"LMDC", "Pakistan"};
    p.path = "decision.md";
    p.said = "against; not in the mandate.\nWill not accept.";
    p.wording = "cooperative approaches";
    p.section = true;
    p.anchor = ByteRange{120, 145};
    p.noted_by = "Julieta Nikova";
    p.comment = "17";
    p.thread = "15";
    p.session = "16 November – IC";
    p.source = "party-inputs.docx";
    const std::string message = format_position_message(p);
    EXPECT_EQ(message.substr(0, message.find('\n')),
              "Position of LMDC and Pakistan on decision.md: against; not in the mandate. Will not "
              "accept.");
    const std::optional<PositionRecord> back = read_position_message(message);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->speakers, p.speakers);
    EXPECT_EQ(back->path, p.path);
    EXPECT_EQ(back->said, p.said);
    EXPECT_EQ(back->wording, p.wording);
    EXPECT_TRUE(back->section);
    ASSERT_TRUE(back->anchor);
    EXPECT_EQ(*back->anchor, (ByteRange{120, 145}));
    EXPECT_EQ(back->noted_by, p.noted_by);
    EXPECT_EQ(back->comment, "17");
    EXPECT_EQ(back->thread, "15");
    EXPECT_EQ(back->session, p.session);
    EXPECT_EQ(back->source, p.source);
}

TEST(PositionRecord, ShortWordsStayInTheSubjectAndANoteNamesWhoWroteIt) {
    PositionRecord p;
    p.path = "a.md";
    p.said = "Whole section lacks clarity";
    p.noted_by = "Staff";
    const std::string message = format_position_message(p);
    EXPECT_EQ(message.substr(0, message.find('\n')),
              "Noted by Staff on a.md: Whole section lacks clarity");
    const auto back = read_position_message(message);
    ASSERT_TRUE(back);
    EXPECT_TRUE(back->speakers.empty());
    EXPECT_EQ(back->said, "Whole section lacks clarity");
    EXPECT_FALSE(back->anchor);
}

TEST(PositionRecord, AProposalIsNoPosition) {
    EXPECT_FALSE(read_position_message("Proposal by Japan on a.md\n\nProposed-by: Japan\n"));
}

}  // namespace
}  // namespace accord
