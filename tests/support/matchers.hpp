#pragma once
// gmock matchers the tests share, so that a failed check prints what was
// looked for and what was there:
//   EXPECT_THAT(r.err, HasSubstr("nothing to merge"));
//   EXPECT_THAT(r.out, Not(HasSubstr("<<<<<<<")));
//   EXPECT_THAT(result.disagreements, ElementsAre(IsDisagreement(DisagreementKind::alternatives,
//   3)));
#include <gmock/gmock.h>

#include <string>

namespace accord::test {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// A merge Disagreement of this kind on this line of the merged text.
MATCHER_P2(IsDisagreement, kind, line,
           std::string(negation ? "is not" : "is") + " a disagreement '" +
               std::string(to_string(kind)) + "' on line " + ::testing::PrintToString(line)) {
    *result_listener << "is '" << to_string(arg.kind) << "' on line " << arg.line << " (ours \""
                     << arg.ours << "\", theirs \"" << arg.theirs << "\")";
    return arg.kind == kind && arg.line == static_cast<std::size_t>(line);
}

}  // namespace accord::test
