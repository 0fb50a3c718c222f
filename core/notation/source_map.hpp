#pragma once
// Byte offsets to human positions: 1-based line and 1-based column counted in
// characters (not bytes), as compilers and editors show them.
#include <cstddef>
#include <string_view>
#include <vector>

namespace accord {

struct Position {
    std::size_t line = 0;    // 1-based
    std::size_t column = 0;  // 1-based, in characters
};

class SourceMap {
  public:
    explicit SourceMap(std::string_view text);

    Position locate(std::size_t offset) const;
    // The bytes of the line holding `offset`, without its line ending.
    std::string_view line_text(std::size_t offset) const;
    std::size_t line_start(std::size_t offset) const;
    std::size_t size() const { return text_.size(); }
    std::string_view text() const { return text_; }

  private:
    // Within long lines, every so many bytes: a byte where counting may
    // start (one that begins a character) and the characters before it on
    // its line, so that locating each of many changes in a text of one long
    // line (a resolution pasted as a single paragraph) does not count from
    // the line's start each time. Made with the map when a line is long.
    struct Stride {
        std::size_t at = 0, chars = 0;
    };
    static constexpr std::size_t kStride = 4096;
    void make_strides();

    std::string_view text_;
    std::vector<std::size_t> line_starts_;
    std::vector<Stride> strides_;
};

}  // namespace accord
