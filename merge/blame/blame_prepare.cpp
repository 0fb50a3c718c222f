#include "merge/blame/blame_prepare.hpp"

#include <stdexcept>

#include "core/notation/front_matter.hpp"

namespace accord {

namespace {

// Versions a stage may run ahead of the next: bounds the memory held.
constexpr std::size_t kAhead = 16;

// One id for every space and line break within a paragraph, which no other
// token has: for blame, a paragraph wrapped again is the same wording, and
// the token diff must not match a space with a space where it could match
// the words around it ("means\nrecalls [" against "means recalls\n[").
constexpr std::uint32_t kWhiteSpaceId = kNone - 1;

void same_white_space(InternedTokens& interned) {
    for (std::size_t t = 0; t < interned.tokens.size(); ++t) {
        const TokenKind kind = interned.tokens[t].kind;
        if (kind == TokenKind::space || kind == TokenKind::line_break)
            interned.ids[t] = kWhiteSpaceId;
    }
}

}  // namespace

VersionPreparer::VersionPreparer(ReadText read_item, std::vector<std::uint32_t> text_of_item,
                                 const ParseOptions& options, const TokenInterner::State* interner,
                                 bool digests)
    : read_text_(std::move(read_item)),
      text_of_item_(std::move(text_of_item)),
      options_(options),
      token_interner_(interner ? std::make_unique<TokenInterner>(*interner)
                               : std::make_unique<TokenInterner>()),
      read_(kAhead),
      parsed_(kAhead),
      prepared_(kAhead),
      reader_([this] { read(); }),
      parser_([this] { parse_texts(); }),
      interner_([this, digests] {
          token_interner_->keep_break_bytes();
          // Paragraphs by their digest either way: a history of 100,000
          // proposals meets hundreds of thousands of paragraph versions.
          if (digests) {
              token_interner_->keep_unit_digests();
          } else {
              token_interner_->key_units_by_digest();
          }
          intern();
      }) {}

VersionPreparer::~VersionPreparer() {
    prepared_.leave();
    parsed_.leave();
    read_.leave();
    if (interner_.joinable()) interner_.join();  // interner_state() may have joined it
    parser_.join();
    reader_.join();
}

std::shared_ptr<const PreparedVersion> VersionPreparer::next() {
    std::optional<std::shared_ptr<const PreparedVersion>> out = prepared_.pop();
    if (!out) throw std::logic_error("blame: asked for a version past the last");
    return std::move(*out);
}

TokenInterner::State VersionPreparer::interner_state() {
    if (prepared_.pop())
        throw std::logic_error("blame: the interner asked for before the last version");
    interner_.join();  // it ends once the last version is handed on
    return token_interner_->state();
}

void VersionPreparer::read() {
    try {
        for (std::size_t k = 0; k < text_of_item_.size(); ++k) {
            if (!read_.push(read_text_(k))) break;
        }
        read_.finish();
    } catch (...) {
        read_.finish(std::current_exception());
    }
}

void VersionPreparer::parse_texts() {
    try {
        // One per text: a text's versions mostly change its body alone, and
        // the versions of several texts come interleaved.
        std::vector<FrontMatterMemo> front_matter;
        // Attribution reads the marks alone: only a text's last version, the
        // one its result shows, is parsed with its diagnostics.
        std::vector<std::size_t> last_item;  // per text
        for (std::size_t k = 0; k < text_of_item_.size(); ++k) {
            if (text_of_item_[k] >= last_item.size()) last_item.resize(text_of_item_[k] + 1);
            last_item[text_of_item_[k]] = k;
        }
        ParseOptions structure_only = options_;
        structure_only.diagnostics = false;
        structure_only.groups = false;  // attribution reads brackets, not their groups
        std::size_t item = 0;
        while (std::optional<std::string> text = read_.pop()) {
            if (!comparable_word_by_word(*text)) throw TextTooLarge(text->size());
            const std::uint32_t of_text = text_of_item_[item];
            const bool last = last_item[of_text] == item++;
            if (of_text >= front_matter.size()) front_matter.resize(of_text + 1);
            auto version = std::make_unique<PreparedVersion>();
            version->document =
                parse(std::move(*text), last ? options_ : structure_only, front_matter[of_text]);
            if (!parsed_.push(std::move(version))) break;
        }
        parsed_.finish();
    } catch (...) {
        parsed_.finish(std::current_exception());
    }
}

void VersionPreparer::intern() {
    try {
        TokenInterner& interner = *token_interner_;
        // Per text, its version before (none once its last has gone by: a
        // text whose blame is done is let go of).
        std::vector<std::shared_ptr<const PreparedVersion>> earlier;
        std::vector<std::size_t> last_item;  // per text
        for (std::size_t k = 0; k < text_of_item_.size(); ++k) {
            const std::uint32_t text = text_of_item_[k];
            if (text >= last_item.size()) last_item.resize(text + 1);
            last_item[text] = k;
        }
        std::size_t item = 0;
        while (std::optional<std::unique_ptr<PreparedVersion>> parsed = parsed_.pop()) {
            PreparedVersion& version = **parsed;
            const bool last_of_text = last_item[text_of_item_[item]] == item;
            const std::uint32_t text = text_of_item_[item++];
            if (text >= earlier.size()) earlier.resize(text + 1);
            const PreparedVersion* before = earlier[text].get();
            version.interned =
                before ? interner.intern(version.document, before->document, before->interned)
                       : interner.intern(version.document);
            same_white_space(version.interned);
            std::shared_ptr<const PreparedVersion> ready = std::move(*parsed);
            if (!prepared_.push(ready)) break;
            earlier[text] = last_of_text ? nullptr : std::move(ready);
        }
        prepared_.finish();
    } catch (...) {
        prepared_.finish(std::current_exception());
    }
}

}  // namespace accord
