#pragma once
// What encoding a file's bytes are in, as far as accord cares: texts are
// recorded in UTF-8, so a file saved as UTF-16 (Word's and Notepad's
// "Unicode") is converted when its byte-order mark says so, and anything
// else that is not text is named for what it is.
#include <optional>
#include <string>
#include <string_view>

namespace accord {

enum class ByteOrderMark {
    none,
    utf8,      // EF BB BF
    utf16_le,  // FF FE
    utf16_be,  // FE FF
    utf32_le,  // FF FE 00 00
    utf32_be,  // 00 00 FE FF
};

ByteOrderMark byte_order_mark(std::string_view bytes);

// "UTF-16 (little-endian)", ...: for messages.
std::string_view encoding_name(ByteOrderMark mark);

// `bytes` in UTF-16 with a byte-order mark, as UTF-8 without one; nullopt
// when they are not well-formed UTF-16 (an odd length, an unpaired surrogate)
// or have no UTF-16 byte-order mark.
std::optional<std::string> utf16_to_utf8(std::string_view bytes);

// `bytes` in Windows-1252 (which documents declaring ISO-8859-1 mean too,
// as browsers read them), as UTF-8: nullopt when they hold one of the five
// bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), whose
// `at` is then set to the first.
std::optional<std::string> windows1252_to_utf8(std::string_view bytes, std::size_t* at = nullptr);

// A text as accord records it, when that differs from the file's bytes:
// UTF-16 with a byte-order mark becomes UTF-8, and lines ended by a
// carriage return alone (classic Mac OS, some exports) are ended by a line
// feed, so that a line is a line for every command, not the whole file one
// paragraph. For the notice the commands give, `from` says what the file
// was ("in UTF-16 (little-endian)", "with carriage-return line endings") and `as`
// how it is read ("as UTF-8", "with line feeds").
struct ConvertedText {
    std::string text;
    std::string from, as;
};
// nullopt when the bytes are recorded as they are, or cannot be converted
// (malformed UTF-16: utf16_to_utf8 says so).
std::optional<ConvertedText> convert_to_recorded(std::string_view bytes);

// A text to merge: as recorded (convert_to_recorded), and its CRLF line
// ends as line feeds, so that three sides written with different line ends
// merge line for line; `crlf` says most of its line ends were CRLF, for
// the result to be written back with them.
struct MergeInput {
    std::string text;
    bool crlf = false;
};
MergeInput as_merge_input(std::string bytes);
// The same without conversion of the encoding: CRLF line ends as line
// feeds (a text already recorded, read from a commit).
MergeInput with_line_feeds(std::string text);
// Whether the merge of three inputs is written with CRLF line ends: as the
// side that changed the base's line ends wrote them (a change one side
// made is taken, as any other), as ours when both did.
bool merge_writes_crlf(const MergeInput& base, const MergeInput& ours, const MergeInput& theirs);
// Every line feed not already after a carriage return, as CRLF.
std::string with_crlf_line_ends(std::string_view text);

}  // namespace accord
