#pragma once
// The first half of blame's work on each version, done ahead of attribution
// on threads of its own: read the text, parse it, intern its tokens.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#include "core/notation/document.hpp"
#include "core/notation/parse.hpp"
#include "core/util/errors.hpp"
#include "merge/diff/token_diff.hpp"

namespace accord {

// A version too large to attribute word by word (kMaxWordComparedBytes),
// which the blame of one text reports with its path.
struct TextTooLarge : Error {
    explicit TextTooLarge(std::size_t bytes)
        : Error(kExitUsage, too_large_to_compare("a version of the text", bytes)), size(bytes) {}
    std::size_t size;
};

// One version parsed, its tokens interned: what attribution reads of it.
struct PreparedVersion {
    Document document;
    InternedTokens interned;
};

// A bounded queue from one thread to another. The producer ends it with
// finish (optionally with the exception it stopped on); the consumer may
// leave early, after which push returns false. A full queue lets its
// producer go on only once it is down to half; an empty one wakes its
// consumer once a quarter of it is filled (or the producer finished): a
// waiting thread wakes once per few items, not once per item.
template <class T>
class Channel {
  public:
    explicit Channel(std::size_t capacity)
        : capacity_(capacity),
          resume_(capacity / 2),
          batch_(std::max<std::size_t>(capacity / 4, 1)) {}

    bool push(T value) {
        std::unique_lock lock(mutex_);
        if (items_.size() >= capacity_)
            changed_.wait(lock, [&] { return items_.size() <= resume_ || left_; });
        if (left_) return false;
        items_.push_back(std::move(value));
        if (items_.size() == batch_) changed_.notify_all();  // the consumer may wait
        return true;
    }
    void finish(std::exception_ptr error = nullptr) {
        const std::lock_guard lock(mutex_);
        finished_ = true;
        error_ = error;
        changed_.notify_all();
    }
    // The next item; nullopt once finished and drained, or once left;
    // rethrows the producer's error.
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        if (items_.empty())
            changed_.wait(lock, [&] { return items_.size() >= batch_ || finished_ || left_; });
        if (left_) return std::nullopt;
        if (items_.empty()) {
            if (error_) std::rethrow_exception(error_);
            return std::nullopt;
        }
        T out = std::move(items_.front());
        items_.pop_front();
        if (items_.size() == resume_) changed_.notify_all();  // the producer may wait on full
        return out;
    }
    void leave() {
        const std::lock_guard lock(mutex_);
        left_ = true;
        changed_.notify_all();
    }

  private:
    const std::size_t capacity_, resume_, batch_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<T> items_;
    bool finished_ = false, left_ = false;
    std::exception_ptr error_;
};

// Gives the text of a version (a copy the blame keeps only while it parses
// it: the texts of a long history are never all held at once); see
// blame_versions.
using ReadText = std::function<std::string(std::size_t version)>;

// Prepares versions in a given order (items 0, 1, ... of a walk over one
// text or several), a few items ahead of the caller: one thread reads, one
// parses, another interns, so that with attribution the work spreads over
// the cores there are (reading and parsing are each about as much work as
// interning or attributing). Interning stays on one thread and in item
// order, with one interner for every text, so ids are those of a
// single-threaded run and equal words of two texts have one id; each
// version is interned against the text's version before, whose text it
// mostly shares.
class VersionPreparer {
  public:
    // read_item(k) gives item k's text; text_of_item[k] says which text it is a version of.
    // With `interner`, interning goes on from that state (a checkpoint's);
    // with `digests`, interner_state() gives paragraphs by their digests
    // (TokenInterner::keep_unit_digests).
    VersionPreparer(ReadText read_item, std::vector<std::uint32_t> text_of_item,
                    const ParseOptions& options, const TokenInterner::State* interner = nullptr,
                    bool digests = false);
    ~VersionPreparer();  // stops both threads
    VersionPreparer(const VersionPreparer&) = delete;
    VersionPreparer& operator=(const VersionPreparer&) = delete;

    // The next version, oldest first; rethrows what a thread threw.
    std::shared_ptr<const PreparedVersion> next();
    // What the interner holds once every version was taken with next().
    TokenInterner::State interner_state();

  private:
    void read();
    void parse_texts();
    void intern();

    ReadText read_text_;
    const std::vector<std::uint32_t> text_of_item_;
    const ParseOptions options_;
    std::unique_ptr<TokenInterner>
        token_interner_;  // used by the interning thread alone until it ends
    Channel<std::string> read_;
    Channel<std::unique_ptr<PreparedVersion>> parsed_;
    Channel<std::shared_ptr<const PreparedVersion>> prepared_;
    std::thread reader_, parser_, interner_;  // last: start once everything above is made
};

}  // namespace accord
