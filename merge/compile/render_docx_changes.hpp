#pragma once
// What changed in each text of a compilation since an earlier revision, as
// a Word document shows it: the body as unchanged, inserted and deleted
// segments (paragraphs paired first, then words: render_docx_segments). An
// insertion is credited to the delegation that proposed its wording and
// dated by that proposal, as blame attributes it; a deletion to the
// proposal that took the wording out, found by following the text's
// versions since the revision, each step paired as the body is (a moved
// paragraph taken out where it stood by the proposal that moved it).
// Positions recorded since then come as comments as they were noted (by
// the note-taker, the meeting and topic lines above the speakers' words), each
// on the wording it speaks of as the body stands (found as a reader sees
// it, markup aside; of several places, the nearest to where the position
// was anchored, its anchor carried through the diff of the text then and
// now), or on the paragraph it was anchored in when that wording is gone:
// never more than it speaks of.
#include <string>

#include "core/store/workspace.hpp"
#include "merge/compile/compilation.hpp"
#include "merge/compile/render_docx.hpp"

namespace accord {

// `compilation` made with CompilationOptions::attribute (its texts blamed).
// `since`: a commit id. Fills options.changes and options.comments.
void changes_since(const Workspace& workspace, const Compilation& compilation,
                   const std::string& since, DocxRenderOptions& options);

}  // namespace accord
