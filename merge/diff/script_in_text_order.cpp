#include "merge/diff/script_in_text_order.hpp"

#include <algorithm>

namespace accord {

std::vector<Edit> script_in_text_order(const ParagraphDiff& diff) {
    std::vector<Edit> script;
    script.reserve(diff.script.size());
    // The blocks stand in the order of both texts, but for moved ones (in
    // the order of the new text alone): the old tokens a block skips are
    // those of paragraphs moved away from there.
    std::uint32_t old_next = 0;  // the first old token not yet in the script
    const auto remove_up_to = [&](std::uint32_t end) {
        for (; old_next < end; ++old_next) script.push_back({EditKind::removed, old_next, 0});
    };
    for (const DiffBlock& block : diff.blocks) {
        if (block.pairing.kind == PairingKind::moved) {
            for (std::uint32_t t = block.new_begin; t < block.new_end; ++t)
                script.push_back({EditKind::added, 0, t});
            continue;
        }
        remove_up_to(block.old_begin);
        script.insert(script.end(), diff.script.begin() + block.script_begin,
                      diff.script.begin() + block.script_end);
        old_next = std::max(old_next, block.old_end);
    }
    remove_up_to(static_cast<std::uint32_t>(diff.old_tokens.size()));
    order_hunks(script);
    return script;
}

}  // namespace accord
