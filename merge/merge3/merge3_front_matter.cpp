// The front matter of a merge, key by key.
#include <algorithm>

#include "core/notation/front_matter.hpp"
#include "merge/merge3/merge3_rules.hpp"

namespace accord::token_merge {

void merge_front_matter(const Document& base, const Document& ours, const Document& theirs,
                        MergedText& out) {
    const FrontMatter &b = base.front_matter, &o = ours.front_matter, &t = theirs.front_matter;
    const std::string_view bt = base.text(b.range), ot = ours.text(o.range),
                           tt = theirs.text(t.range);
    if (ot == tt || tt == bt) return out.put_verbatim(ot);
    if (ot == bt) return out.put_verbatim(tt);
    std::vector<std::string> keys;  // ours' order, then theirs' new keys, then the base's
    for (const FrontMatter* fm : {&o, &t, &b}) {
        for (const FrontMatterField& f : fm->fields) {
            if (std::find(keys.begin(), keys.end(), f.key) == keys.end()) keys.push_back(f.key);
        }
    }
    auto same = [](const FrontMatterField* x, const FrontMatterField* y) {
        return (!x && !y) || (x && y && x->value == y->value && x->scalar == y->scalar);
    };
    std::vector<FrontMatterField> merged;
    for (const std::string& key : keys) {
        const FrontMatterField *bf = b.find(key), *of = o.find(key), *tf = t.find(key);
        const FrontMatterField* pick = nullptr;
        if (same(of, tf) || same(tf, bf)) {
            pick = of;
        } else if (same(of, bf)) {
            pick = tf;
        } else {
            pick = of ? of : tf;  // ours, and the disagreement is reported by name
            out.disagree(DisagreementKind::metadata, of ? of->value : "(removed)",
                         tf ? tf->value : "(removed)", key);
        }
        if (pick) merged.push_back(*pick);
    }
    out.put_verbatim(emit_front_matter(merged));
}

}  // namespace accord::token_merge
