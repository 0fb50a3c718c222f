#include "merge/diff/bounded_myers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace accord {

namespace {

class Myers {
  public:
    Myers(const std::vector<std::uint32_t>& a, std::uint32_t a_begin,
          const std::vector<std::uint32_t>& b, std::uint32_t b_begin, std::int64_t size_a,
          std::int64_t size_b, std::int64_t max_cost)
        : a_(a.data() + a_begin),
          b_(b.data() + b_begin),
          offset_(size_b + 1),
          forward_(static_cast<std::size_t>(size_a + size_b + 3)),
          backward_(forward_.size()),
          max_cost_(max_cost) {
        changes_.removed.assign(static_cast<std::size_t>(size_a), 0);
        changes_.added.assign(static_cast<std::size_t>(size_b), 0);
    }

    // Marks the changes between a[off_a, lim_a) and b[off_b, lim_b). The
    // recursion is on the second half only; the first is looped, so the depth
    // stays logarithmic in practice.
    void compare(std::int64_t off_a, std::int64_t lim_a, std::int64_t off_b, std::int64_t lim_b) {
        for (;;) {
            while (off_a < lim_a && off_b < lim_b && a_[off_a] == b_[off_b]) ++off_a, ++off_b;
            while (off_a < lim_a && off_b < lim_b && a_[lim_a - 1] == b_[lim_b - 1])
                --lim_a, --lim_b;
            if (off_a == lim_a || off_b == lim_b) {
                for (std::int64_t i = off_a; i < lim_a; ++i) changes_.removed[i] = 1;
                for (std::int64_t j = off_b; j < lim_b; ++j) changes_.added[j] = 1;
                return;
            }
            auto [split_a, split_b] = split(off_a, lim_a, off_b, lim_b);
            if ((split_a == off_a && split_b == off_b) || (split_a == lim_a && split_b == lim_b)) {
                // No progress possible (cannot happen with a found snake): all changed.
                for (std::int64_t i = off_a; i < lim_a; ++i) changes_.removed[i] = 1;
                for (std::int64_t j = off_b; j < lim_b; ++j) changes_.added[j] = 1;
                return;
            }
            compare(split_a, lim_a, split_b, lim_b);
            lim_a = split_a, lim_b = split_b;
        }
    }

    MyersChanges take() { return std::move(changes_); }

  private:
    std::int64_t& fwd(std::int64_t d) { return forward_[static_cast<std::size_t>(d + offset_)]; }
    std::int64_t& bwd(std::int64_t d) { return backward_[static_cast<std::size_t>(d + offset_)]; }

    // A point on an optimal path (the middle snake), or past `max_cost_`
    // steps the furthest point either search reached. Diagonal d is i - j.
    std::pair<std::int64_t, std::int64_t> split(std::int64_t off_a, std::int64_t lim_a,
                                                std::int64_t off_b, std::int64_t lim_b) {
        const std::int64_t dmin = off_a - lim_b, dmax = lim_a - off_b;
        const std::int64_t fmid = off_a - off_b, bmid = lim_a - lim_b;
        const bool odd = ((fmid - bmid) & 1) != 0;
        std::int64_t fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
        fwd(fmid) = off_a;
        bwd(bmid) = lim_a;
        constexpr std::int64_t kFar = std::numeric_limits<std::int64_t>::max();
        for (std::int64_t cost = 1;; ++cost) {
            if (fmin > dmin) {
                fwd(--fmin - 1) = -1;
            } else {
                ++fmin;
            }
            if (fmax < dmax) {
                fwd(++fmax + 1) = -1;
            } else {
                --fmax;
            }
            for (std::int64_t d = fmax; d >= fmin; d -= 2) {
                std::int64_t i = fwd(d - 1) >= fwd(d + 1) ? fwd(d - 1) + 1 : fwd(d + 1);
                std::int64_t j = i - d;
                while (i < lim_a && j < lim_b && a_[i] == b_[j]) ++i, ++j;
                fwd(d) = i;
                if (odd && bmin <= d && d <= bmax && bwd(d) <= i) return {i, j};
            }
            if (bmin > dmin) {
                bwd(--bmin - 1) = kFar;
            } else {
                ++bmin;
            }
            if (bmax < dmax) {
                bwd(++bmax + 1) = kFar;
            } else {
                --bmax;
            }
            for (std::int64_t d = bmax; d >= bmin; d -= 2) {
                std::int64_t i = bwd(d - 1) < bwd(d + 1) ? bwd(d - 1) : bwd(d + 1) - 1;
                std::int64_t j = i - d;
                while (i > off_a && j > off_b && a_[i - 1] == b_[j - 1]) --i, --j;
                bwd(d) = i;
                if (!odd && fmin <= d && d <= fmax && i <= fwd(d)) return {i, j};
            }
            if (cost < max_cost_) continue;
            // Too costly: the point furthest along either search.
            std::int64_t forward_best = -1, forward_a = off_a;
            for (std::int64_t d = fmax; d >= fmin; d -= 2) {
                std::int64_t i = std::min(fwd(d), lim_a), j = i - d;
                if (j > lim_b) i = lim_b + d, j = lim_b;
                if (i + j > forward_best) forward_best = i + j, forward_a = i;
            }
            std::int64_t backward_best = kFar, backward_a = lim_a;
            for (std::int64_t d = bmax; d >= bmin; d -= 2) {
                std::int64_t i = std::max(off_a, bwd(d)), j = i - d;
                if (j < off_b) i = off_b + d, j = off_b;
                if (i + j < backward_best) backward_best = i + j, backward_a = i;
            }
            if ((lim_a + lim_b) - backward_best < forward_best - (off_a + off_b))
                return {forward_a, forward_best - forward_a};
            return {backward_a, backward_best - backward_a};
        }
    }

    const std::uint32_t* a_;
    const std::uint32_t* b_;
    std::int64_t offset_;
    std::vector<std::int64_t> forward_, backward_;  // furthest i per diagonal
    std::int64_t max_cost_;
    MyersChanges changes_;
};

}  // namespace

MyersChanges bounded_myers(const std::vector<std::uint32_t>& a, std::uint32_t a_begin,
                           std::uint32_t a_end, const std::vector<std::uint32_t>& b,
                           std::uint32_t b_begin, std::uint32_t b_end, std::int64_t max_cost) {
    // An element the other side does not hold is changed whatever the
    // search finds: it is set aside first, as xdiff does, so that a long
    // stretch replaced by a short one is searched over what they share.
    std::unordered_set<std::uint32_t> in_a(a.begin() + a_begin, a.begin() + a_end),
        in_b(b.begin() + b_begin, b.begin() + b_end);
    std::vector<std::uint32_t> kept_a, kept_b, at_a, at_b;  // elements both hold, and where
    for (std::uint32_t i = a_begin; i < a_end; ++i)
        if (in_b.count(a[i])) kept_a.push_back(a[i]), at_a.push_back(i - a_begin);
    for (std::uint32_t j = b_begin; j < b_end; ++j)
        if (in_a.count(b[j])) kept_b.push_back(b[j]), at_b.push_back(j - b_begin);
    const std::int64_t size_a = std::int64_t(kept_a.size()), size_b = std::int64_t(kept_b.size());
    if (max_cost <= 0) {
        max_cost = static_cast<std::int64_t>(std::sqrt(double(size_a + size_b + 3)));
        max_cost = std::max<std::int64_t>(max_cost, 256);
        // The search costs about (size_a + size_b) * max_cost steps: past
        // kSearchBudget (stretches of some 450,000 tokens in all, that
        // patience anchors have not split: far past a real negotiated text,
        // where they split the texts first) the bound shrinks with the size, so
        // that two long texts sharing nothing but a few common words (a
        // hostile file) are compared in seconds, not minutes.
        constexpr std::int64_t kSearchBudget = 300'000'000;
        const std::int64_t within_budget =
            kSearchBudget / std::max<std::int64_t>(size_a + size_b, 1);
        max_cost = std::max<std::int64_t>(std::min(max_cost, within_budget), 64);
    }
    Myers myers(kept_a, 0, kept_b, 0, size_a, size_b, max_cost);
    myers.compare(0, size_a, 0, size_b);
    const MyersChanges kept = myers.take();
    MyersChanges out;
    out.removed.assign(a_end - a_begin, 1);
    out.added.assign(b_end - b_begin, 1);
    for (std::size_t k = 0; k < at_a.size(); ++k) out.removed[at_a[k]] = kept.removed[k];
    for (std::size_t k = 0; k < at_b.size(); ++k) out.added[at_b[k]] = kept.added[k];
    return out;
}

}  // namespace accord
