#include "merge/compile/compilation.hpp"

#include <stdexcept>

#include "merge/blame/blame_many.hpp"

namespace accord {

Compilation compile_negotiation(const Workspace& workspace, const CompilationOptions& options) {
    Compilation out;
    out.negotiation = workspace.config().negotiation;
    for (const Delegation& delegation : workspace.config().delegations)
        out.registry.push_back(delegation.name);
    const bool unborn = workspace.repo().is_empty_branch();
    // On an unborn branch only the default revision means "nothing yet"; any
    // other spec is resolved so that a typo is still reported.
    if (!(unborn && options.at == "HEAD")) {
        out.revision = workspace.resolve(options.at);
        out.proposal = read_proposal(workspace.repo().commit(out.revision), workspace.config());
    }
    std::vector<Recommendation> all;
    if (!out.revision.empty()) all = read_recommendations(workspace, out.revision);
    std::vector<std::string> attributed;  // the texts to blame, all in one walk
    std::vector<std::size_t> attributed_at;
    for (Recommendation& text : all) {
        if (text.is_outline() && !out.outline) {
            out.outline = std::move(text);
            continue;
        }
        CompiledText compiled{std::move(text), std::nullopt, "", {}};
        const std::size_t size = compiled.text.document.source.size();
        if (options.attribute && size > options.max_attributed_bytes) {
            compiled.unattributed = "too long to attribute word by word here (" +
                                    std::to_string(size >> 20) + " MiB); 'accord blame " +
                                    compiled.text.path + "' attributes it";
        } else if (options.attribute) {
            attributed.push_back(compiled.text.path);
            attributed_at.push_back(out.texts.size());
        }
        out.texts.push_back(std::move(compiled));
    }
    if (!attributed.empty()) {
        BlameManyOptions blame;
        blame.across_texts = options.across_texts;
        blame.version_texts = options.version_texts;
        blame_files(workspace, attributed, out.revision, blame, [&](std::size_t k, FileBlame&& b) {
            CompiledText& compiled = out.texts[attributed_at[k]];
            // The same blob at the same revision: the blame's parse of it is
            // the text's own, kept once (a compilation holds every text).
            if (b.result.document.source != compiled.text.document.source)
                throw std::logic_error("compile: the blame of '" + compiled.text.path +
                                       "' read another text than the compilation");
            b.result.document = Document{};
            compiled.blame = std::move(b);
        });
    }
    if (options.attribute && !out.revision.empty()) {
        PositionsOptions positions;
        positions.at = out.revision;
        for (PositionEntry& entry : list_positions(workspace, positions)) {
            for (CompiledText& compiled : out.texts) {
                if (compiled.text.path == entry.position.path) compiled.positions.push_back(entry);
            }
        }
    }
    std::vector<const Recommendation*> texts;
    for (const CompiledText& compiled : out.texts) texts.push_back(&compiled.text);
    out.layout = lay_out_compilation(out.outline ? &*out.outline : nullptr, texts,
                                     out.negotiation.empty() ? "Compilation" : out.negotiation);
    return out;
}

}  // namespace accord
