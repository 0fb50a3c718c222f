#include "merge/compile/compilation.hpp"

#include <cstdint>

#include "core/util/errors.hpp"
#include "core/util/string_table.hpp"
#include "merge/blame/blame_many.hpp"
#include "merge/diff/token_diff.hpp"

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
    // A text to blame lets go of its parse until its blame brings the same
    // one (the same blob at the same revision): the walk holds every text's
    // latest version already, and a compilation every text. Its size and
    // hash tell that it is the same.
    struct Parsed {
        std::size_t size = 0;
        std::uint64_t hash = 0;
    };
    std::vector<Parsed> parsed;
    for (Recommendation& text : all) {
        if (text.is_outline() && !out.outline) {
            out.outline = std::move(text);
            continue;
        }
        CompiledText compiled{std::move(text), std::nullopt, "", {}};
        const std::size_t size = compiled.text.document.source.size();
        if (options.oversized != OversizedText::kept &&
            !comparable_word_by_word(compiled.text.document.source)) {
            const std::string why = beyond_word_by_word("'" + compiled.text.path + "'", size);
            if (options.oversized == OversizedText::refused)
                throw usage_error(why +
                                  ": it cannot be compiled into a Word document (the "
                                  "Markdown compilation, --format md, prints it)");
            compiled.unattributed = why +
                                    ": not shown here (the Markdown compilation, "
                                    "--format md, prints it)";
            compiled.text.document = Document{};
        } else if (options.attribute && size > options.max_attributed_bytes) {
            compiled.unattributed = "too long to attribute word by word here (" +
                                    std::to_string(size >> 20) + " MiB); 'accord blame " +
                                    compiled.text.path + "' attributes it";
        } else if (options.attribute) {
            attributed.push_back(compiled.text.path);
            attributed_at.push_back(out.texts.size());
            const std::string& source = compiled.text.document.source;
            parsed.push_back({source.size(), hash_bytes(source)});
            compiled.text.document = Document{};
        }
        out.texts.push_back(std::move(compiled));
    }
    if (!attributed.empty()) {
        BlameManyOptions blame;
        blame.across_texts = options.across_texts;
        blame.version_texts = options.version_texts;
        blame_files(workspace, attributed, out.revision, blame, [&](std::size_t k, FileBlame&& b) {
            CompiledText& compiled = out.texts[attributed_at[k]];
            const std::string& source = b.result.document.source;
            // (Only a tree naming the text twice, which git fsck reports,
            // gives the history's last version another text than the tree.)
            if (source.size() != parsed[k].size || hash_bytes(source) != parsed[k].hash)
                throw failure("the history of '" + compiled.text.path + "' at " + out.revision +
                              " ends in another text than the tree there holds: the tree "
                              "names it twice? ('git fsck' reports such trees); the Markdown "
                              "compilation (--format md) attributes nothing and still reads");
            compiled.text.document = std::move(b.result.document);
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
