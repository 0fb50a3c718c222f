#pragma once
// The model behind the negotiation generator (negotiation_generator.cpp):
// paragraphs of nodes; a node is a word, a strike (of words) or a group of
// brackets (one bracket alone, or alternatives side by side), and a bracket
// holds one or more options, each a sequence of nodes. Every word and every
// mark carries its origin (the index of the proposal that wrote it). The
// renderer turns the model into text and records where each item landed:
// the ground truth that blame is measured against.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "support/negotiation_generator.hpp"

namespace accord::test::model {

struct Word {
    std::string text;
    std::size_t origin = 0;
    std::optional<std::size_t> restored_by;
    std::uint64_t id = 0;    // this occurrence, so that restored wording finds its neighbours
    bool travelled = false;  // moved, or tabled again in another text, at some point
};

struct Node;
using Seq = std::vector<Node>;

struct Strike {
    std::size_t open_origin = 0;
    std::size_t close_origin = 0;
    std::vector<Word> words;  // never empty
};

struct Bracket {
    std::size_t open_origin = 0;
    std::size_t close_origin = 0;
    std::vector<Seq> options;             // one or more, none empty
    std::vector<std::size_t> separators;  // origins of the '/' between options
};

// Brackets written side by side: one alone is an ordinary bracket.
struct Group {
    std::vector<Bracket> brackets;  // never empty
};

struct Node {
    std::variant<Word, Strike, Group> value;
};

struct Para {
    bool alternative = false;  // "Alt:" paragraph
    std::size_t origin = 0;    // who added it: owns its label and full stop
    Seq content;               // never empty
    std::string status;        // "" for none
    std::size_t status_origin = 0;
    // Openers (GeneratorOptions::opener_share) swap_opener took out, last
    // last, each with the id of the word that followed it then.
    std::vector<std::pair<Word, std::uint64_t>> replaced_openers;
};

// Wording taken out of the text, for restore.
struct DeletedRun {
    std::vector<Word> words;
    std::uint64_t before = 0;    // id of the word just before it, 0 for none
    std::uint64_t after = 0;     // id of the word just after it
    std::size_t deleted_by = 0;  // the proposal that took it out
    bool whole = false;          // all of a bracket, an option or a strike
};

// One text of the negotiation: its paragraphs and what was deleted from it.
struct TextModel {
    std::vector<Para> paragraphs;
    std::vector<DeletedRun> deleted;
};

// A node's place: the sequence it is in, how many brackets enclose that
// sequence, and its index there.
struct Slot {
    Seq* seq;
    std::size_t depth;
    std::size_t index;
};

// The generator's vocabulary: short function words, content words, and stock
// phrases that recur as new wording from different proposers.
const std::vector<std::string_view>& function_words();
const std::vector<std::string_view>& content_words();
const std::vector<std::vector<std::string_view>>& stock_phrases();

// Marks every word of a node as travelled (Word::travelled).
void mark_travelled(Node& node);

// Brackets nested inside a node or sequence (a node's own bracket included).
std::size_t max_depth(const Node& node);
std::size_t max_depth(const Seq& seq);

// The words of a node or sequence in text order, struck and bracketed ones included.
void flatten(const Node& node, std::vector<Word>& out);
void flatten(const Seq& seq, std::vector<Word>& out);

// Renders the model as text and records where each word and mark landed.
class Renderer {
  public:
    Renderer(std::size_t wrap_column, bool compact_slashes, std::vector<TruthItem>* truth)
        : wrap_(wrap_column), compact_(compact_slashes), truth_(truth) {}

    std::string document(const std::string& id, const std::vector<Para>& paragraphs) {
        if (!id.empty()) out_ += "---\nid: " + id + "\n---\n\n";
        for (std::size_t p = 0; p < paragraphs.size(); ++p) {
            if (p > 0) out_ += "\n\n";
            line_start_ = out_.size();
            paragraph(paragraphs[p]);
        }
        out_ += '\n';
        return std::move(out_);
    }

  private:
    void paragraph(const Para& para) {
        if (para.alternative) {
            item("Alt:", "text", TruthRole::label, para.origin);
            out_ += ' ';
        }
        seq(para.content);
        item(".", "text", TruthRole::punctuation, para.origin);
        if (!para.status.empty()) {
            out_ += ' ';
            item("(" + para.status + ")", "text", TruthRole::status_tag, para.status_origin);
        }
    }

    void seq(const Seq& nodes) {
        for (std::size_t k = 0; k < nodes.size(); ++k) {
            if (k > 0) space();
            node(nodes[k]);
        }
    }

    void node(const Node& n) {
        if (const auto* plain = std::get_if<Word>(&n.value)) {
            word(*plain);
        } else if (const auto* strike = std::get_if<Strike>(&n.value)) {
            item("~~", "strike", TruthRole::mark, strike->open_origin);
            for (std::size_t k = 0; k < strike->words.size(); ++k) {
                if (k > 0) space();
                word(strike->words[k]);
            }
            item("~~", "strike", TruthRole::mark, strike->close_origin);
        } else {
            for (const Bracket& bracket : std::get<Group>(n.value).brackets) {
                item("[", "bracket", TruthRole::mark, bracket.open_origin);
                for (std::size_t k = 0; k < bracket.options.size(); ++k) {
                    if (k > 0) {
                        if (!compact_) out_ += ' ';
                        item("/", "separator", TruthRole::mark, bracket.separators[k - 1]);
                        if (!compact_) out_ += ' ';
                    }
                    seq(bracket.options[k]);
                }
                item("]", "bracket", TruthRole::mark, bracket.close_origin);
            }
        }
    }

    void word(const Word& w) {
        if (truth_ != nullptr) {
            truth_->push_back({{out_.size(), out_.size() + w.text.size()},
                               "text",
                               TruthRole::word,
                               w.origin,
                               w.restored_by,
                               w.travelled});
        }
        out_ += w.text;
    }

    void item(const std::string& text, const char* kind, TruthRole role, std::size_t origin) {
        if (truth_ != nullptr)
            truth_->push_back(
                {{out_.size(), out_.size() + text.size()}, kind, role, origin, {}, false});
        out_ += text;
    }

    // Between two nodes or two struck words: a space, or a line break once
    // the line is long enough.
    void space() {
        if (wrap_ > 0 && out_.size() - line_start_ >= wrap_) {
            out_ += '\n';
            line_start_ = out_.size();
        } else {
            out_ += ' ';
        }
    }

    std::string out_;
    std::size_t line_start_ = 0;
    std::size_t wrap_;
    bool compact_;
    std::vector<TruthItem>* truth_;
};

}  // namespace accord::test::model
