#include "scale_generator.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace accord::bench {

namespace {

// splitmix64: tiny, fast, and the same numbers everywhere.
class Random {
  public:
    explicit Random(std::uint64_t seed)
        : state_(seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // 0 <= result < n (n > 0); the modulo bias is far below what matters here.
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
    std::size_t between(std::size_t lo, std::size_t hi) { return lo + below(hi - lo + 1); }
    bool percent(unsigned p) { return below(100) < p; }
    bool permille(unsigned p) { return below(1000) < p; }
    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[below(items.size())];
    }
    template <typename T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[below(N)];
    }

  private:
    std::uint64_t state_;
};

// ---------------------------------------------------------------- vocabulary

constexpr std::string_view kOperativeOpeners[] = {
    "Decides",
    "Requests the secretariat to",
    "Encourages Parties to",
    "Invites",
    "Urges",
    "Calls upon",
    "Recognizes",
    "Notes with appreciation",
    "Welcomes",
    "Reaffirms",
    "Emphasizes",
    "Acknowledges",
    "Further requests",
    "Agrees to",
    "Underlines",
    "Stresses",
    "Also decides that",
    "Requests the Subsidiary Body to",
    "Invites Member States and all stakeholders to",
    "Recommends that",
    "Encourages all stakeholders to",
    "Notes",
    "Takes note of",
    "Resolves to",
};

constexpr std::string_view kPreambularOpeners[] = {
    "Recalling",   "Bearing in mind",       "Noting",         "Acknowledging",
    "Recognizing", "Emphasizing",           "Taking note of", "Mindful of",
    "Reaffirming", "Deeply concerned that", "Welcoming",      "Underlining",
};

constexpr std::string_view kWords[] = {
    "stakeholders",
    "governance",
    "capacity",
    "building",
    "developing",
    "countries",
    "mitigation",
    "adaptation",
    "finance",
    "technology",
    "transfer",
    "support",
    "implementation",
    "framework",
    "mechanism",
    "cooperation",
    "international",
    "national",
    "regional",
    "sustainable",
    "development",
    "access",
    "resources",
    "participation",
    "enhanced",
    "effective",
    "transparency",
    "accountability",
    "reporting",
    "review",
    "emissions",
    "reductions",
    "targets",
    "contributions",
    "nationally",
    "determined",
    "ambition",
    "equity",
    "responsibilities",
    "capabilities",
    "common",
    "differentiated",
    "circumstances",
    "vulnerable",
    "communities",
    "indigenous",
    "peoples",
    "gender",
    "equality",
    "human",
    "rights",
    "private",
    "sector",
    "public",
    "institutions",
    "policies",
    "measures",
    "programmes",
    "information",
    "knowledge",
    "innovation",
    "research",
    "data",
    "security",
    "infrastructure",
    "Internet",
    "multistakeholder",
    "processes",
    "dialogue",
    "consultations",
    "workshop",
    "report",
    "session",
    "subsidiary",
    "body",
    "Conference",
    "Parties",
    "secretariat",
    "guidance",
    "modalities",
    "procedures",
    "guidelines",
    "arrangements",
    "provisions",
    "obligations",
    "commitments",
    "voluntary",
    "binding",
    "long-term",
    "goal",
    "global",
    "stocktake",
    "progress",
    "assessment",
    "science",
    "best",
    "available",
    "loss",
    "damage",
    "resilience",
    "risk",
    "early",
    "warning",
    "systems",
    "food",
    "water",
    "health",
    "education",
    "employment",
    "poverty",
    "eradication",
    "least",
    "small",
    "island",
    "States",
    "economies",
    "transition",
    "just",
    "workforce",
    "decent",
    "work",
    "quality",
    "trade",
    "markets",
    "carbon",
    "pricing",
    "flows",
    "investment",
    "grants",
    "loans",
    "concessional",
    "predictable",
    "adequate",
    "scaled-up",
    "new",
    "additional",
    "existing",
    "relevant",
    "appropriate",
    "timely",
    "comprehensive",
    "balanced",
    "inclusive",
    "open",
    "coherent",
    "coordinated",
    "consistent",
    "meaningful",
    "full",
    "continuing",
    "enhancing",
    "strengthening",
    "promoting",
    "facilitating",
    "ensuring",
    "supporting",
    "encouraging",
    "mobilizing",
    "providing",
    "implementing",
    "monitoring",
    "considering",
    "including",
    "particular",
    "inter alia",
    "accordance",
    "respect",
    "basis",
    "and/or",
    "Member",
    "regime",
};

constexpr std::string_view kFunctionWords[] = {
    "the", "of",    "and", "to",    "in",   "for",   "on",    "with",   "by",      "as",
    "its", "their", "all", "other", "such", "these", "under", "within", "through", "at",
};

constexpr std::string_view kNumbers[] = {
    "2020",        "2025", "2030", "2050",  "1.5 °C", "2 °C", "100 billion",
    "50 per cent", "five", "two",  "three", "10",     "2015", "12",
};

constexpr std::string_view kSections[] = {
    "Mitigation",
    "Adaptation",
    "Finance",
    "Technology transfer",
    "Capacity-building",
    "Transparency",
    "Loss and damage",
    "Global stocktake",
    "Response measures",
    "Cooperative approaches",
    "Agriculture",
    "Oceans",
    "Gender",
    "Education and public awareness",
    "Research and systematic observation",
    "Internet governance",
    "Enhanced cooperation",
    "Human rights",
    "Budget and administration",
    "Institutional arrangements",
};

struct DelegationSpec {
    std::string_view name;
    std::string_view alias;   // "" for none
    std::string_view offset;  // the author's time zone, as git writes it
};

constexpr DelegationSpec kDelegations[] = {
    {"Japan", "JP", "+0900"},
    {"Russian Federation", "RF", "+0300"},
    {"United States of America", "US", "-0500"},
    {"Brazil", "", "-0300"},
    {"European Union", "EU", "+0100"},
    {"G77 and China", "G77", "-0500"},
    {"Saudi Arabia", "SA", "+0300"},
    {"Switzerland", "", "+0100"},
    {"Norway", "", "+0100"},
    {"Mexico", "", "-0600"},
    {"India", "", "+0530"},
    {"China", "", "+0800"},
    {"South Africa", "", "+0200"},
    {"Egypt", "", "+0200"},
    {"Australia", "", "+1000"},
    {"Canada", "", "-0500"},
    {"New Zealand", "NZ", "+1200"},
    {"Republic of Korea", "ROK", "+0900"},
    {"Indonesia", "", "+0700"},
    {"Nigeria", "", "+0100"},
    {"Kenya", "", "+0300"},
    {"Argentina", "", "-0300"},
    {"Chile", "", "-0400"},
    {"Côte d'Ivoire", "", "+0000"},
    {"Philippines", "", "+0800"},
    {"Iran", "", "+0330"},
    {"Türkiye", "", "+0300"},
    {"United Kingdom", "UK", "+0000"},
    {"Maldives", "", "+0500"},
    {"Chair", "", "+0100"},
};
constexpr std::size_t kChair = 29;

constexpr std::string_view kGroups[] = {
    "G77 and China", "African Group",  "AOSIS",
    "LDCs",          "Umbrella Group", "Environmental Integrity Group",
};

constexpr std::string_view kExplanations[] = {
    "Reflects the discussion in the contact group.",
    "As read out in plenary.",
    "Submitted in writing after the informal consultations.",
    "Supersedes the earlier submission on this text.",
    "Consolidates the proposals made in the drafting group.",
    "To align the wording with the agreed language of the previous session.",
    "Pending consultations with capitals.",
    "The proponents are open to further discussion of the bracketed wording.",
    "Technical corrections only; no change of substance intended.",
    "Without prejudice to the position of other Parties.",
};

// ---------------------------------------------------------------- the text model

using Words = std::vector<std::string>;

struct Segment {
    enum class Kind { plain, bracket, strike };
    Kind kind = Kind::plain;
    std::vector<Words> options;  // plain and strike: exactly one
    bool slash = false;          // a bracket's options written "[a / b]" instead of "[a][b]"
};

struct Paragraph {
    std::string prefix;  // "3.", "(b)", or ""
    std::string label;   // "Alt:", "Option 2:", "**Option 1:**", or ""
    std::vector<Segment> segments;
    std::string end = ".";    // closing punctuation
    std::string tag;          // "agreed", "revisit", ... or ""
    bool heading = false;     // "## ..." (segments hold its words)
    bool option_run = false;  // labelled "Option N:" (one of a run)
};

struct Text {
    std::string path, id, section, group, title, status;
    std::vector<Paragraph> paragraphs;
    std::size_t target_words = 400;
    bool bold_labels = false, bold_tags = false;
    bool alive = false;
    bool numbered = true;  // operative paragraphs numbered "1."
    std::string written;   // as the last commit recorded it
};

std::size_t count_words(const Paragraph& p) {
    std::size_t n = 0;
    for (const Segment& s : p.segments)
        for (const Words& o : s.options) n += o.size();
    return n;
}

std::size_t count_words(const Text& t) {
    std::size_t n = 0;
    for (const Paragraph& p : t.paragraphs) n += count_words(p);
    return n;
}

void append_words(std::string& out, const Words& words) {
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (k > 0) out += ' ';
        out += words[k];
    }
}

std::string render_paragraph(const Paragraph& p, const Text& text) {
    std::string out;
    if (p.heading) {
        out = "## ";
        append_words(out, p.segments.front().options.front());
        return out;
    }
    if (!p.prefix.empty()) out += p.prefix + " ";
    if (!p.label.empty()) {
        out += text.bold_labels ? "**" + p.label + "**" : p.label;
        out += ' ';
    }
    bool first = true;
    for (const Segment& s : p.segments) {
        if (!first) out += ' ';
        first = false;
        switch (s.kind) {
            case Segment::Kind::plain:
                append_words(out, s.options.front());
                break;
            case Segment::Kind::strike:
                out += "~~";
                append_words(out, s.options.front());
                out += "~~";
                break;
            case Segment::Kind::bracket:
                if (s.slash) {
                    out += '[';
                    for (std::size_t k = 0; k < s.options.size(); ++k) {
                        if (k > 0) out += " / ";
                        append_words(out, s.options[k]);
                    }
                    out += ']';
                } else {
                    for (const Words& o : s.options) {
                        out += '[';
                        append_words(out, o);
                        out += ']';
                    }
                }
                break;
        }
    }
    out += p.end;
    if (!p.tag.empty()) out += text.bold_tags ? " **(" + p.tag + ")**" : " (" + p.tag + ")";
    return out;
}

std::string quoted(const std::string& value) {
    return "\"" + value + "\"";
}

std::string render_text(const Text& t) {
    std::string out = "---\nid: " + t.id + "\nkind: recommendation\nsection: " + quoted(t.section) +
                      "\ngroup: " + t.group + "\ntitle: " + quoted(t.title) + "\n";
    if (!t.status.empty()) out += "status: " + t.status + "\n";
    out += "---\n";
    for (std::size_t k = 0; k < t.paragraphs.size(); ++k) {
        if (k > 0) out += "\n";
        out += render_paragraph(t.paragraphs[k], t) + "\n";
    }
    return out;
}

// ---------------------------------------------------------------- the negotiation

struct Commit {
    std::string author, email, offset;
    std::int64_t time = 0;
    std::string message;
    std::vector<std::pair<std::string, std::string>> writes;  // path, contents
    std::vector<std::string> deletes;
};

std::string email_of(std::string_view name) {
    std::string out;
    bool dash = false;
    for (char c : name) {
        const unsigned char u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')) {
            if (dash && !out.empty()) out += '-';
            out += c;
            dash = false;
        } else if (u >= 'A' && u <= 'Z') {
            if (dash && !out.empty()) out += '-';
            out += static_cast<char>(u - 'A' + 'a');
            dash = false;
        } else {
            dash = true;
        }
    }
    return out + "@delegations.accord";
}

std::string slug(const std::string& title, std::size_t most_words) {
    std::string out;
    std::size_t words = 0;
    bool dash = false;
    for (char c : title) {
        const unsigned char u = static_cast<unsigned char>(c);
        const bool alnum =
            (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
        if (!alnum) {
            dash = true;
            continue;
        }
        if (dash && !out.empty()) {
            if (++words >= most_words) break;
            out += '-';
        }
        dash = false;
        out += static_cast<char>(u >= 'A' && u <= 'Z' ? u - 'A' + 'a' : u);
    }
    return out;
}

std::string two_digits(std::size_t n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

std::string group_name(std::size_t k) {
    std::string name;
    name += static_cast<char>('A' + k % 26);
    if (k >= 26) name += std::to_string(k / 26);
    return name;
}

// YYYY-MM-DD of a day counted from 1970-01-01 (civil_from_days).
std::string iso_day(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    auto digits = [](std::int64_t value, std::size_t width) {
        std::string text = std::to_string(value);
        return std::string(width > text.size() ? width - text.size() : 0, '0') + text;
    };
    return digits(y, 4) + "-" + digits(m, 2) + "-" + digits(d, 2);
}

constexpr std::int64_t kStart = 1370246400;  // 2013-06-03T08:00:00Z
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kMeetingEvery = 60, kMeetingDays = 10;  // days

class Negotiation {
  public:
    Negotiation(const ScaleOptions& options, std::ostream& out)
        : options_(options), out_(out), random_(options.seed) {}

    void run() {
        plan_times();
        lay_out_texts();
        record_setup();
        const std::uint64_t creation_end = std::max<std::uint64_t>(2, options_.proposals / 3);
        std::size_t next_text = first_batch_;
        for (std::uint64_t k = 1; k < options_.proposals; ++k) {
            // Texts tabled in this proposal: spread evenly over the first third.
            std::vector<std::size_t> tabled;
            while (next_text < texts_.size() &&
                   (k >= creation_end - 1 || (next_text - first_batch_) * (creation_end - 1) <
                                                 k * (texts_.size() - first_batch_))) {
                tabled.push_back(next_text++);
            }
            record_proposal(k, tabled);
        }
        out_ << "done\n";
    }

  private:
    // ---- set-up

    void plan_times() {
        times_.resize(options_.proposals);
        std::int64_t t = kStart;
        for (std::uint64_t k = 0; k < options_.proposals; ++k) {
            times_[k] = t;
            const std::int64_t day = (t - kStart) / kDay;
            const bool meeting = day % kMeetingEvery < kMeetingDays;
            t += meeting ? static_cast<std::int64_t>(random_.between(120, 2400))
                         : static_cast<std::int64_t>(random_.between(3600, 2 * kDay));
        }
    }

    std::string meeting_at(std::int64_t time) const {
        const std::int64_t day = (time - kStart) / kDay;
        if (day % kMeetingEvery >= kMeetingDays) return "";
        return "WG-" + std::to_string(day / kMeetingEvery + 1);
    }

    void lay_out_texts() {
        const std::size_t n = static_cast<std::size_t>(options_.texts);
        texts_.resize(n);
        const std::size_t per_group = 18, groups_per_section = 14;
        for (std::size_t k = 0; k < n; ++k) {
            Text& t = texts_[k];
            const std::size_t group = k / per_group, section = group / groups_per_section;
            t.section = std::string(kSections[section % std::size(kSections)]);
            if (section >= std::size(kSections))
                t.section += " (" + std::to_string(section / std::size(kSections) + 1) + ")";
            t.group = group_name(group % groups_per_section);
            t.title = title_words();
            const std::string folder = slug(t.section, 3) + "/" + t.group;
            t.path = folder + "/" + two_digits(k % per_group + 1) + "-" + slug(t.title, 4) + ".md";
            t.id = slug(t.section, 1).substr(0, 3) + "-" + t.group + "-" +
                   std::to_string(k % per_group + 1);
            for (char& c : t.id) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
            if (section >= std::size(kSections)) t.id += "." + std::to_string(section);
            // Sizes as the texts of a real body vary: most a few hundred
            // words, some long, one in a hundred very long. A repository of
            // one text holds a whole agreement.
            const std::size_t roll = random_.below(100);
            t.target_words = n == 1      ? 4000
                             : roll < 60 ? random_.between(120, 500)
                             : roll < 95 ? random_.between(500, 1500)
                             : roll < 99 ? random_.between(1500, 3000)
                                         : random_.between(4000, 8000);
            t.bold_labels = random_.percent(40);
            t.bold_tags = random_.percent(50);
            t.numbered = random_.percent(70);
        }
        first_batch_ = std::min<std::size_t>(n, std::max<std::size_t>(1, n / 10));
    }

    std::string title_words() {
        std::string title;
        const std::size_t words = random_.between(3, 7);
        for (std::size_t k = 0; k < words; ++k) {
            std::string w(k % 2 == 1 && random_.percent(40) ? random_.pick(kFunctionWords)
                                                            : random_.pick(kWords));
            if (k == 0 && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
            title += (k ? " " : "") + w;
        }
        return title;
    }

    std::string config_text() const {
        std::string out = "negotiation: Generated negotiation (" + std::to_string(options_.texts) +
                          " texts, " + std::to_string(options_.proposals) + " proposals)\n";
        out += "delegations:\n";
        for (const DelegationSpec& d : kDelegations) {
            out += "  - name: " + quoted(std::string(d.name)) + "\n";
            if (!d.alias.empty()) out += "    aliases: [" + std::string(d.alias) + "]\n";
            if (d.name == "G77 and China" || d.name == "European Union") out += "    kind: group\n";
            if (d.name == "Chair") out += "    kind: chair\n";
        }
        out += "  - name: Secretariat\n    kind: secretariat\n";
        out += "meetings:\n";
        const std::int64_t last_day = (times_.back() - kStart) / kDay;
        for (std::int64_t m = 0; m * kMeetingEvery <= last_day; ++m) {
            const std::int64_t from = (kStart / kDay) + m * kMeetingEvery;
            out += "  - name: WG-" + std::to_string(m + 1) + "\n    from: " + iso_day(from) +
                   "\n    to: " + iso_day(from + kMeetingDays - 1) + "\n";
        }
        return out;
    }

    std::string outline_text() const {
        std::string out =
            "---\nid: outline\nkind: outline\ntitle: \"Compilation of draft recommendations\"\n"
            "---\n# Compilation of draft recommendations\n";
        std::string last;
        for (const Text& t : texts_) {
            if (t.section == last) continue;
            last = t.section;
            out += "\n## " + t.section + "\n";
        }
        return out;
    }

    void record_setup() {
        Commit c;
        c.author = "Secretariat";
        c.email = email_of(c.author);
        c.offset = "+0100";
        c.time = times_[0];
        c.message =
            "Compilation of the draft recommendations received before the first "
            "session\n\nProposed-by: Secretariat\nSource: WG/1/INF.1\n";
        c.writes.emplace_back("accord.yaml", config_text());
        c.writes.emplace_back(".gitattributes",
                              "*.md merge=accord diff=accord\n"
                              "*.txt merge=accord diff=accord\n");
        c.writes.emplace_back("outline.md", outline_text());
        for (std::size_t k = 0; k < first_batch_; ++k) {
            draft(texts_[k]);
            texts_[k].written = render_text(texts_[k]);
            c.writes.emplace_back(texts_[k].path, texts_[k].written);
        }
        write_commit(c);
    }

    // ---- wording

    std::string word() {
        const std::size_t roll = random_.below(100);
        if (roll < 30) return std::string(random_.pick(kFunctionWords));
        if (roll < 33) return std::string(random_.pick(kNumbers));
        std::string w(random_.pick(kWords));
        if (random_.percent(4)) w += ',';
        return w;
    }

    Words new_words(std::size_t lo, std::size_t hi) {
        Words out;
        const std::size_t n = random_.between(lo, hi);
        for (std::size_t k = 0; k < n; ++k) out.push_back(word());
        if (!out.empty() && out.back().back() == ',') out.back().pop_back();
        return out;
    }

    Paragraph new_paragraph(const Text& text, bool preamble, std::size_t number) {
        Paragraph p;
        Words words;
        std::string_view opener =
            preamble ? random_.pick(kPreambularOpeners) : random_.pick(kOperativeOpeners);
        std::size_t start = 0;
        while (start < opener.size()) {
            const std::size_t space = opener.find(' ', start);
            const std::size_t end = space == std::string_view::npos ? opener.size() : space;
            words.emplace_back(opener.substr(start, end - start));
            start = end + 1;
        }
        if (preamble && random_.percent(30)) words.front() = "*" + words.front() + "*";
        for (std::string& w : new_words(8, 45)) words.push_back(std::move(w));
        p.end = preamble ? "," : (random_.percent(70) ? "." : ";");
        if (!preamble && text.numbered) p.prefix = std::to_string(number) + ".";
        if (!preamble && !text.numbered && random_.percent(20))
            p.prefix = "(" + std::string(1, static_cast<char>('a' + number % 26)) + ")";
        // Mostly plain wording; often a bracketed part, sometimes options.
        Segment plain;
        plain.options.push_back(std::move(words));
        p.segments.push_back(std::move(plain));
        if (random_.percent(35)) insert_bracket(p, false);
        if (random_.percent(10)) insert_bracket(p, true);
        return p;
    }

    void draft(Text& text) {
        text.alive = true;
        text.paragraphs.clear();
        std::size_t number = 1;
        if (random_.percent(30)) {
            Paragraph h;
            h.heading = true;
            Segment s;
            s.options.push_back({"Draft", "recommendation", "on"});
            for (std::string& w : new_words(2, 4)) s.options.front().push_back(std::move(w));
            h.segments.push_back(std::move(s));
            text.paragraphs.push_back(std::move(h));
        }
        const std::size_t preambles = random_.below(4);
        for (std::size_t k = 0; k < preambles; ++k)
            text.paragraphs.push_back(new_paragraph(text, true, 0));
        // Drafts start at about 60% of the size the text will settle at.
        while (count_words(text) * 10 < text.target_words * 6)
            text.paragraphs.push_back(new_paragraph(text, false, number++));
    }

    // ---- operations on a paragraph's segments

    // Indices of segments of `kind` in `p` (plain ones with at least `min_words`).
    std::vector<std::size_t> segments_of(const Paragraph& p, Segment::Kind kind,
                                         std::size_t min_words = 1) const {
        std::vector<std::size_t> out;
        for (std::size_t k = 0; k < p.segments.size(); ++k) {
            const Segment& s = p.segments[k];
            if (s.kind != kind) continue;
            if (kind == Segment::Kind::plain && s.options.front().size() < min_words) continue;
            if (kind == Segment::Kind::bracket && min_words > 1 && s.options.size() < min_words)
                continue;
            out.push_back(k);
        }
        return out;
    }

    // Splits plain segment `k` of `p` around words [from, to) and replaces
    // that run with `middle`; returns false if there is no such segment.
    static void splice(Paragraph& p, std::size_t k, std::size_t from, std::size_t to,
                       std::vector<Segment> middle) {
        const Words words = p.segments[k].options.front();
        std::vector<Segment> replacement;
        if (from > 0) {
            Segment before;
            before.options.push_back(Words(words.begin(), words.begin() + static_cast<long>(from)));
            replacement.push_back(std::move(before));
        }
        for (Segment& s : middle) replacement.push_back(std::move(s));
        if (to < words.size()) {
            Segment after;
            after.options.push_back(Words(words.begin() + static_cast<long>(to), words.end()));
            replacement.push_back(std::move(after));
        }
        p.segments.erase(p.segments.begin() + static_cast<long>(k));
        p.segments.insert(p.segments.begin() + static_cast<long>(k), replacement.begin(),
                          replacement.end());
        merge_plain(p);
    }

    // Neighbouring plain segments become one; an empty paragraph keeps one word.
    static void merge_plain(Paragraph& p) {
        std::vector<Segment> out;
        for (Segment& s : p.segments) {
            if (s.kind == Segment::Kind::plain && s.options.front().empty()) continue;
            if (s.kind == Segment::Kind::plain && !out.empty() &&
                out.back().kind == Segment::Kind::plain) {
                Words& into = out.back().options.front();
                into.insert(into.end(), s.options.front().begin(), s.options.front().end());
                continue;
            }
            out.push_back(std::move(s));
        }
        p.segments = std::move(out);
    }

    // The first plain segment must start with words, not a mark, so that a
    // label or prefix never runs into a bracket and the paragraph keeps its
    // opening (the first word is never bracketed, struck or replaced).
    bool insert_bracket(Paragraph& p, bool options) {
        const std::vector<std::size_t> plains = segments_of(p, Segment::Kind::plain, 2);
        if (plains.empty()) return false;
        const std::size_t k = random_.pick(plains);
        const std::size_t size = p.segments[k].options.front().size();
        const std::size_t at = random_.between(k == 0 ? 1 : 0, size);
        Segment b;
        b.kind = Segment::Kind::bracket;
        b.options.push_back(new_words(1, 7));
        if (options) {
            b.options.push_back(new_words(1, 5));
            b.slash = random_.percent(25);
        }
        splice(p, k, at, at, {b});
        return true;
    }

    bool wrap_run(Paragraph& p, Segment::Kind kind) {
        const std::vector<std::size_t> plains = segments_of(p, Segment::Kind::plain, 3);
        if (plains.empty()) return false;
        const std::size_t k = random_.pick(plains);
        const std::size_t size = p.segments[k].options.front().size();
        const std::size_t from = random_.between(k == 0 ? 1 : 0, size - 1);
        const std::size_t to = std::min(size, from + random_.between(1, 6));
        Segment s;
        s.kind = kind;
        const Words& words = p.segments[k].options.front();
        s.options.push_back(
            Words(words.begin() + static_cast<long>(from), words.begin() + static_cast<long>(to)));
        splice(p, k, from, to, {s});
        return true;
    }

    bool replace_words(Paragraph& p) {
        const std::vector<std::size_t> plains = segments_of(p, Segment::Kind::plain, 3);
        if (plains.empty()) return false;
        const std::size_t k = random_.pick(plains);
        const std::size_t size = p.segments[k].options.front().size();
        const std::size_t from = random_.between(k == 0 ? 1 : 0, size - 1);
        const std::size_t to = std::min(size, from + random_.between(0, 3));
        Segment s;
        s.options.push_back(new_words(1, 4));
        splice(p, k, from, to, {s});
        return true;
    }

    bool add_option(Paragraph& p) {
        const std::vector<std::size_t> brackets = segments_of(p, Segment::Kind::bracket);
        if (brackets.empty()) return false;
        Segment& s = p.segments[random_.pick(brackets)];
        if (s.options.size() >= 5) return false;
        s.options.push_back(new_words(1, 6));
        return true;
    }

    // The Chair: a bracket lifted (one option) or an option chosen.
    bool resolve_bracket(Paragraph& p, bool keep_brackets) {
        const std::vector<std::size_t> brackets = segments_of(p, Segment::Kind::bracket);
        if (brackets.empty()) return false;
        Segment& s = p.segments[random_.pick(brackets)];
        const Words chosen = s.options[random_.below(s.options.size())];
        s.options = {chosen};
        if (!keep_brackets) s.kind = Segment::Kind::plain;
        s.slash = false;
        merge_plain(p);
        return true;
    }

    bool drop_segment(Paragraph& p, Segment::Kind kind) {
        const std::vector<std::size_t> found = segments_of(p, kind);
        if (found.empty()) return false;
        p.segments.erase(p.segments.begin() + static_cast<long>(random_.pick(found)));
        if (p.segments.empty()) p.segments.push_back(Segment{{}, {new_words(3, 8)}, false});
        merge_plain(p);
        return true;
    }

    bool unstrike(Paragraph& p) {
        const std::vector<std::size_t> found = segments_of(p, Segment::Kind::strike);
        if (found.empty()) return false;
        p.segments[random_.pick(found)].kind = Segment::Kind::plain;
        merge_plain(p);
        return true;
    }

    static bool open(const Paragraph& p) {
        for (const Segment& s : p.segments)
            if (s.kind != Segment::Kind::plain) return true;
        return false;
    }

    // ---- operations on a text

    std::size_t pick_paragraph(const Text& t) {
        std::vector<std::size_t> body;
        for (std::size_t k = 0; k < t.paragraphs.size(); ++k)
            if (!t.paragraphs[k].heading) body.push_back(k);
        return body.empty() ? 0 : random_.pick(body);
    }

    bool add_paragraph(Text& t) {
        const std::size_t at = random_.between(0, t.paragraphs.size());
        Paragraph p = new_paragraph(t, false, at + 1);
        if (random_.percent(25)) {  // the whole new paragraph proposed in brackets
            Words all;
            for (const Segment& s : p.segments)
                for (const Words& o : s.options) all.insert(all.end(), o.begin(), o.end());
            p.segments = {Segment{}};
            p.segments.front().options = {Words(all.begin(), all.begin() + 1)};
            Segment b;
            b.kind = Segment::Kind::bracket;
            b.options.push_back(Words(all.begin() + 1, all.end()));
            if (b.options.front().empty()) b.options.front().push_back("further");
            p.segments.push_back(std::move(b));
        }
        t.paragraphs.insert(t.paragraphs.begin() + static_cast<long>(at), std::move(p));
        return true;
    }

    // An "Alt:" paragraph after a main one, or a run of "Option N:" paragraphs.
    bool add_alternative_paragraph(Text& t) {
        const std::size_t k = pick_paragraph(t);
        if (t.paragraphs.empty() || t.paragraphs[k].heading) return false;
        Paragraph p = new_paragraph(t, false, 0);
        p.prefix.clear();
        if (t.paragraphs[k].option_run || random_.percent(40)) {
            // Extend the run k belongs to, or start one after k.
            std::size_t end = k + 1, number = 1;
            if (t.paragraphs[k].option_run) {
                while (end < t.paragraphs.size() && t.paragraphs[end].option_run) ++end;
                std::size_t begin = k;
                while (begin > 0 && t.paragraphs[begin - 1].option_run) --begin;
                number = end - begin + 1;
            } else {
                Paragraph first = new_paragraph(t, false, 0);
                first.prefix.clear();
                first.label = "Option 1:";
                first.option_run = true;
                t.paragraphs.insert(t.paragraphs.begin() + static_cast<long>(end++),
                                    std::move(first));
                number = 2;
            }
            p.label = "Option " + std::to_string(number) + ":";
            p.option_run = true;
            t.paragraphs.insert(t.paragraphs.begin() + static_cast<long>(end), std::move(p));
            return true;
        }
        if (!t.paragraphs[k].label.empty()) return false;
        p.label =
            random_.percent(50) ? "Alt:" : "Alt" + std::to_string(random_.between(1, 3)) + ":";
        t.paragraphs.insert(t.paragraphs.begin() + static_cast<long>(k + 1), std::move(p));
        return true;
    }

    // The Chair keeps one option of a run; it loses its label.
    bool choose_option_paragraph(Text& t) {
        std::vector<std::size_t> starts;
        for (std::size_t k = 0; k < t.paragraphs.size(); ++k)
            if (t.paragraphs[k].option_run && (k == 0 || !t.paragraphs[k - 1].option_run))
                starts.push_back(k);
        if (starts.empty()) return false;
        const std::size_t begin = random_.pick(starts);
        std::size_t end = begin;
        while (end < t.paragraphs.size() && t.paragraphs[end].option_run) ++end;
        Paragraph kept = t.paragraphs[begin + random_.below(end - begin)];
        kept.label.clear();
        kept.option_run = false;
        t.paragraphs.erase(t.paragraphs.begin() + static_cast<long>(begin),
                           t.paragraphs.begin() + static_cast<long>(end));
        t.paragraphs.insert(t.paragraphs.begin() + static_cast<long>(begin), std::move(kept));
        return true;
    }

    bool drop_alt(Text& t) {
        for (std::size_t k = 0; k < t.paragraphs.size(); ++k) {
            if (t.paragraphs[k].label.rfind("Alt", 0) == 0) {
                t.paragraphs.erase(t.paragraphs.begin() + static_cast<long>(k));
                return true;
            }
        }
        return false;
    }

    bool delete_paragraph(Text& t) {
        if (t.paragraphs.size() < 3) return false;
        const std::size_t k = pick_paragraph(t);
        if (t.paragraphs[k].option_run) return false;  // runs end by choice
        t.paragraphs.erase(t.paragraphs.begin() + static_cast<long>(k));
        return true;
    }

    bool tag_paragraph(Text& t, bool chair) {
        const std::size_t k = pick_paragraph(t);
        Paragraph& p = t.paragraphs[k];
        if (p.heading || p.option_run || !p.label.empty()) return false;
        if (chair) {
            if (open(p) || p.tag == "agreed") return false;
            p.tag = random_.percent(85) ? "agreed" : "agreed ad ref";
        } else {
            if (!p.tag.empty()) return false;
            p.tag = random_.percent(70) ? "revisit" : "no consensus";
        }
        return true;
    }

    bool set_status(Text& t) {
        bool clean = true;
        for (const Paragraph& p : t.paragraphs) clean = clean && !open(p) && !p.option_run;
        const std::string status = clean ? "agreed" : (random_.percent(50) ? "revisit" : "");
        if (status == t.status) return false;
        t.status = status;
        return true;
    }

    // One change by a delegation (chair false) or the Chair; returns a word
    // for the message ("bracketed", "options", ...).
    std::string edit(Text& t, bool chair) {
        const std::size_t words = count_words(t);
        const bool grow = words * 10 < t.target_words * 8;
        const bool shrink = words * 10 > t.target_words * 12;
        for (int attempt = 0; attempt < 20; ++attempt) {
            const std::size_t k = pick_paragraph(t);
            Paragraph& p = t.paragraphs[k];
            if (p.heading) continue;
            const std::size_t roll = random_.below(100);
            if (chair) {
                if (roll < 30 && resolve_bracket(p, false)) return "brackets lifted";
                if (roll < 45 && resolve_bracket(p, random_.percent(30))) return "option chosen";
                if (roll < 55 && drop_segment(p, Segment::Kind::bracket)) return "bracket deleted";
                if (roll < 63 && drop_segment(p, Segment::Kind::strike)) return "deletion accepted";
                if (roll < 67 && unstrike(p)) return "deletion withdrawn";
                if (roll < 75 && choose_option_paragraph(t)) return "option chosen";
                if (roll < 78 && drop_alt(t)) return "alternative dropped";
                if (roll < 90 && tag_paragraph(t, true)) return "agreed";
                if (roll < 96 && set_status(t)) return "status";
                if (roll >= 96 && replace_words(p)) return "compromise wording";
                continue;
            }
            if (shrink) {
                if (roll < 40 && wrap_run(p, Segment::Kind::strike)) return "deletion proposed";
                if (roll < 60 && delete_paragraph(t)) return "paragraph deleted";
                if (drop_segment(p, Segment::Kind::bracket)) return "bracket deleted";
                continue;
            }
            if (grow && roll < 25 && add_paragraph(t)) return "new paragraph";
            if (roll < 22 && insert_bracket(p, false)) return "bracketed wording";
            if (roll < 34 && add_option(p)) return "option added";
            if (roll < 44 && wrap_run(p, Segment::Kind::bracket)) return "brackets";
            if (roll < 54 && wrap_run(p, Segment::Kind::strike)) return "deletion proposed";
            if (roll < 66 && replace_words(p)) return "amendment";
            if (roll < 71 && insert_bracket(p, true)) return "alternatives";
            if (roll < 78 && add_alternative_paragraph(t)) return "alternative paragraph";
            if (roll < 84 && add_paragraph(t)) return "new paragraph";
            if (roll < 88 && tag_paragraph(t, false)) return "reservation";
            if (roll < 91 && delete_paragraph(t)) return "paragraph deleted";
            if (roll < 94 && unstrike(p)) return "deletion withdrawn";
            if (roll >= 94 && drop_segment(p, Segment::Kind::bracket)) return "bracket deleted";
        }
        // Nothing applied: new bracketed wording always can.
        for (Paragraph& p : t.paragraphs)
            if (!p.heading && insert_bracket(p, false)) return "bracketed wording";
        add_paragraph(t);
        return "new paragraph";
    }

    // ---- proposals

    std::size_t pick_text() {
        // Delegations work a group at a time: most edits stay near the last one.
        if (!recent_.empty() && random_.percent(55)) {
            const std::size_t near = random_.pick(recent_);
            const std::size_t base = near / 18 * 18;
            const std::size_t k = base + random_.below(18);
            if (k < texts_.size() && texts_[k].alive) return k;
            if (texts_[near].alive) return near;
        }
        return alive_[random_.below(alive_.size())];
    }

    void refresh_alive() {
        alive_.clear();
        for (std::size_t k = 0; k < texts_.size(); ++k)
            if (texts_[k].alive) alive_.push_back(k);
    }

    void record_proposal(std::uint64_t index, const std::vector<std::size_t>& tabled) {
        Commit c;
        c.time = times_[index];
        const std::size_t roll = random_.below(100);
        const bool chair = roll < 9 && tabled.empty();
        const bool secretariat = !chair && roll < 11 && tabled.empty();
        std::vector<std::string> proposers, written;
        std::size_t first = kChair;
        if (secretariat) {
            proposers.push_back("Secretariat");
        } else if (chair) {
            proposers.push_back("Chair");
        } else {
            // The more active delegations come first in the list.
            first = std::min(random_.below(kChair), random_.below(kChair));
            proposers.push_back(std::string(kDelegations[first].name));
            const std::size_t cosponsors = random_.percent(15) ? random_.between(1, 3) : 0;
            for (std::size_t k = 0; k < cosponsors; ++k) {
                const std::string other(kDelegations[random_.below(kChair)].name);
                if (std::find(proposers.begin(), proposers.end(), other) == proposers.end())
                    proposers.push_back(other);
            }
        }
        c.author = proposers.front();
        c.email = email_of(c.author);
        c.offset = secretariat ? "+0100" : std::string(kDelegations[first].offset);

        if (alive_.empty()) refresh_alive();
        std::vector<std::size_t> edited;
        std::string what;
        // Rare events: a text withdrawn (and tabled again later), or an agreed one moved.
        if (tabled.empty() && !chair && !secretariat && alive_.size() > 2 &&
            index * 10 < options_.proposals * 9 && random_.permille(2)) {
            const std::size_t k = pick_text();
            texts_[k].alive = false;
            withdrawn_.push_back({k, index + 5 + random_.below(40)});
            c.deletes.push_back(texts_[k].path);
            refresh_alive();
            c.message = texts_[k].id + " withdrawn by its proponents";
        } else if (chair && random_.permille(15)) {
            const std::size_t k = pick_text();
            Text& t = texts_[k];
            if (t.path.rfind("agreed/", 0) != 0) {
                c.deletes.push_back(t.path);
                t.path = "agreed/" + t.path;
                t.status = "agreed";
                for (Paragraph& p : t.paragraphs) {
                    for (std::size_t guard = 0; open(p) && guard < 50; ++guard)
                        if (!resolve_bracket(p, false) && !drop_segment(p, Segment::Kind::strike))
                            break;
                }
                while (choose_option_paragraph(t)) {
                }
                edited.push_back(k);
                c.message = "Chair: " + t.id + " agreed and moved to the agreed texts";
            }
        }
        // Texts tabled again after a withdrawal.
        std::vector<std::size_t> retabled;
        for (auto it = withdrawn_.begin(); it != withdrawn_.end();) {
            if (it->second <= index) {
                retabled.push_back(it->first);
                it = withdrawn_.erase(it);
            } else {
                ++it;
            }
        }
        for (std::size_t k : tabled) {
            draft(texts_[k]);
            edited.push_back(k);
        }
        for (std::size_t k : retabled) {
            texts_[k].alive = true;
            edited.push_back(k);
        }
        if (!tabled.empty() || !retabled.empty()) refresh_alive();
        if (c.message.empty() && edited.empty()) {
            const std::size_t roll_texts = random_.below(100);
            const std::size_t count = roll_texts < 60 ? 1 : roll_texts < 88 ? 2 : 3;
            for (std::size_t n = 0; n < count && !alive_.empty(); ++n) {
                const std::size_t k = pick_text();
                if (std::find(edited.begin(), edited.end(), k) != edited.end()) continue;
                const std::size_t ops = random_.percent(60) ? 1 : random_.between(2, 4);
                for (std::size_t o = 0; o < ops; ++o) what = edit(texts_[k], chair || secretariat);
                // Every proposal changes its texts: an edit that gave the same
                // bytes (an option chosen in a bracket of one) is followed by another.
                for (int guard = 0; guard < 10 && render_text(texts_[k]) == texts_[k].written;
                     ++guard)
                    what = edit(texts_[k], false);
                edited.push_back(k);
            }
        }
        for (std::size_t k : edited) {
            recent_.push_back(k);
            if (recent_.size() > 6) recent_.erase(recent_.begin());
            texts_[k].written = render_text(texts_[k]);
            c.writes.emplace_back(texts_[k].path, texts_[k].written);
        }
        if (c.message.empty()) c.message = subject(proposers, edited, tabled, retabled, what);
        if (random_.percent(25)) c.message += "\n\n" + std::string(random_.pick(kExplanations));
        c.message += "\n\n";
        for (const std::string& name : proposers) {
            std::string written_name = name;
            for (const DelegationSpec& d : kDelegations)
                if (d.name == name && !d.alias.empty() && random_.percent(20))
                    written_name = std::string(d.alias);
            c.message += "Proposed-by: " + written_name + "\n";
        }
        if (!chair && !secretariat && random_.percent(5))
            c.message += "On-behalf-of: " + std::string(random_.pick(kGroups)) + "\n";
        const std::string meeting = meeting_at(c.time);
        if (!meeting.empty() && random_.percent(85)) c.message += "Meeting: " + meeting + "\n";
        if (random_.percent(8))
            c.message += "Source: WG/" +
                         std::to_string((c.time - kStart) / kDay / kMeetingEvery + 1) + "/CRP." +
                         std::to_string(random_.between(1, 40)) + "\n";
        write_commit(c);
    }

    std::string subject(const std::vector<std::string>& proposers,
                        const std::vector<std::size_t>& edited,
                        const std::vector<std::size_t>& tabled,
                        const std::vector<std::size_t>& retabled, const std::string& what) {
        const std::string who = proposers.size() == 1   ? proposers.front()
                                : proposers.size() == 2 ? proposers[0] + " and " + proposers[1]
                                                        : proposers[0] + " and others";
        const std::string id =
            edited.empty() ? std::string("the texts") : texts_[edited.front()].id;
        if (!tabled.empty())
            return tabled.size() == 1
                       ? "New recommendation submitted by " + who
                       : std::to_string(tabled.size()) + " new recommendations submitted by " + who;
        if (!retabled.empty()) return "Recommendation " + id + " re-submitted by " + who;
        if (proposers.front() == "Chair") {
            switch (random_.below(5)) {
                case 0:
                    return "Chair: " + what + " in " + id;
                case 1:
                    return "Chair's proposal for " + id;
                case 2:
                    return "As agreed in informal consultations (" + id + ")";
                case 3:
                    return "Clean text of " + id + " as agreed ad referendum";
                default:
                    return "Chair: " + what;
            }
        }
        if (proposers.front() == "Secretariat")
            return random_.percent(50) ? "Editorial corrections to " + id
                                       : "Secretariat: technical revisions";
        switch (random_.below(8)) {
            case 0:
                return who + ": amendments to " + id;
            case 1:
                return "Proposal by " + who + " on " + id;
            case 2:
                return who + " proposes changes to paragraph " +
                       std::to_string(random_.between(1, 12)) + " of " + id;
            case 3:
                return what + " (" + who + ")";
            case 4:
                return "Text as proposed by " + who + " in the drafting group";
            case 5:
                if (edited.empty()) return "Amendments from " + who;
                return edited.size() > 1
                           ? who + ": amendments to " + std::to_string(edited.size()) + " texts"
                           : "Revisions to \"" + texts_[edited.front()].title + "\"";
            case 6:
                return who + " (" + what + ")";
            default:
                return "Amendments from " + who;
        }
    }

    void write_data(const std::string& bytes) {
        out_ << "data " << bytes.size() << "\n" << bytes << "\n";
    }

    void write_commit(const Commit& c) {
        out_ << "commit refs/heads/main\n";
        out_ << "author " << c.author << " <" << c.email << "> " << c.time << " " << c.offset
             << "\n";
        out_ << "committer Secretariat <secretariat@delegations.accord> " << c.time << " +0100\n";
        write_data(c.message);
        for (const std::string& path : c.deletes) out_ << "D " << path << "\n";
        for (const auto& [path, bytes] : c.writes) {
            out_ << "M 100644 inline " << path << "\n";
            write_data(bytes);
        }
        out_ << "\n";
    }

    ScaleOptions options_;
    std::ostream& out_;
    Random random_;
    std::vector<std::int64_t> times_;
    std::vector<Text> texts_;
    std::size_t first_batch_ = 0;
    std::vector<std::size_t> alive_, recent_;
    std::vector<std::pair<std::size_t, std::uint64_t>> withdrawn_;  // text, when it returns
};

}  // namespace

void write_scale_repository(const ScaleOptions& options, std::ostream& out) {
    Negotiation(options, out).run();
}

}  // namespace accord::bench
