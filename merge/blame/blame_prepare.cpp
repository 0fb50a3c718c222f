#include "merge/blame/blame_prepare.hpp"

#include <stdexcept>

#include "core/notation/front_matter.hpp"

namespace accord {

namespace {

// Versions a stage may run ahead of the next: bounds the memory held.
constexpr std::size_t kAhead = 16;

}  // namespace

VersionPreparer::VersionPreparer(ReadText read_text, std::size_t last, const ParseOptions& options)
    : read_text_(std::move(read_text)),
      last_(last),
      options_(options),
      read_(kAhead),
      parsed_(kAhead),
      prepared_(kAhead),
      reader_([this] { read(); }),
      parser_([this] { parse_texts(); }),
      interner_([this] { intern(); }) {}

VersionPreparer::~VersionPreparer() {
    prepared_.leave();
    parsed_.leave();
    read_.leave();
    interner_.join();
    parser_.join();
    reader_.join();
}

std::shared_ptr<const PreparedVersion> VersionPreparer::next() {
    std::optional<std::shared_ptr<const PreparedVersion>> out = prepared_.pop();
    if (!out) throw std::logic_error("blame: asked for a version past the last");
    return std::move(*out);
}

void VersionPreparer::read() {
    try {
        for (std::size_t v = 0; v <= last_; ++v) {
            if (!read_.push(read_text_(v))) break;
        }
        read_.finish();
    } catch (...) {
        read_.finish(std::current_exception());
    }
}

void VersionPreparer::parse_texts() {
    try {
        FrontMatterMemo front_matter;  // versions mostly change the body alone
        while (std::optional<std::string_view> text = read_.pop()) {
            auto version = std::make_unique<PreparedVersion>();
            version->document = parse(*text, options_, front_matter);
            if (!parsed_.push(std::move(version))) break;
        }
        parsed_.finish();
    } catch (...) {
        parsed_.finish(std::current_exception());
    }
}

void VersionPreparer::intern() {
    try {
        TokenInterner interner;
        std::shared_ptr<const PreparedVersion> earlier;
        while (std::optional<std::unique_ptr<PreparedVersion>> parsed = parsed_.pop()) {
            PreparedVersion& version = **parsed;
            version.interned =
                earlier ? interner.intern(version.document, earlier->document, earlier->interned)
                        : interner.intern(version.document);
            std::shared_ptr<const PreparedVersion> ready = std::move(*parsed);
            if (!prepared_.push(ready)) break;
            earlier = std::move(ready);
        }
        prepared_.finish();
    } catch (...) {
        prepared_.finish(std::current_exception());
    }
}

}  // namespace accord
