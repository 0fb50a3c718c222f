#include "core/notation/counts.hpp"

#include <algorithm>

namespace accord {

DocumentCounts& DocumentCounts::operator+=(const DocumentCounts& o) {
    paragraphs += o.paragraphs;
    brackets += o.brackets;
    spanning_brackets += o.spanning_brackets;
    max_depth = std::max(max_depth, o.max_depth);
    alternatives_groups += o.alternatives_groups;
    options += o.options;
    strikes += o.strikes;
    alternative_paragraphs += o.alternative_paragraphs;
    for (const auto& [status, n] : o.paragraphs_by_status) paragraphs_by_status[status] += n;
    errors += o.errors;
    warnings += o.warnings;
    notes += o.notes;
    return *this;
}

DocumentCounts count(const Document& doc) {
    DocumentCounts c;
    c.paragraphs = doc.paragraphs.size();
    c.brackets = doc.brackets.size();
    c.alternatives_groups = doc.groups.size();
    c.strikes = doc.strikes.size();
    for (const Bracket& b : doc.brackets) {
        c.spanning_brackets += b.spans_paragraphs();
        c.max_depth = std::max<std::size_t>(c.max_depth, b.depth + 1);
        // A member of an alternatives group offers its options; a lone
        // bracket only when it has separators (a lone "[a]" offers none).
        if (b.group != kNone || b.separators > 0) c.options += Document::options_in(b);
    }
    for (const Paragraph& p : doc.paragraphs) {
        c.alternative_paragraphs += p.is_alternative();
        if (!p.status.empty()) ++c.paragraphs_by_status[p.status];
    }
    c.errors = doc.diagnostic_totals[static_cast<int>(Severity::error)];
    c.warnings = doc.diagnostic_totals[static_cast<int>(Severity::warning)];
    c.notes = doc.diagnostic_totals[static_cast<int>(Severity::note)];
    return c;
}

}  // namespace accord
