#pragma once
// zlib streams inflated into a buffer of a size known in advance, as git
// stores objects: the one file that includes zlib's header is inflate.cpp,
// which loads zlib (libz.so.1) on first use instead of linking it, so that
// commands that inflate nothing start without it.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace accord {

// One zlib stream at a time, reused: a walk inflates hundreds of thousands
// of small objects, and setting zlib's state up again for each costs more
// than inflating them.
class Inflater {
  public:
    Inflater();
    ~Inflater();
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    // False when zlib cannot be loaded (the caller reads some other way).
    bool usable() const;

    // Starts a stream that must inflate to exactly `size` bytes, into `out`
    // (emptied; it grows as bytes come, never past `size` and one byte).
    // Without zlib, or for a size past half the address space, the first
    // feed fails.
    void start(std::string& out, std::size_t size);
    // The same, but done once the first `prefix` bytes (at most `size`)
    // are in `out`: the rest of the stream is not inflated, nor checked.
    void start_prefix(std::string& out, std::size_t size, std::size_t prefix);

    enum class Step { more, done, failed };
    // Feeds the stream's next compressed bytes. done: the stream ended with
    // exactly the bytes promised; more: it has not ended yet; failed: the
    // bytes are not zlib's, or would inflate to more or fewer bytes than
    // promised. After done or failed, start again.
    Step feed(std::string_view compressed);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace accord
