#pragma once
// Editing the headers of a zip archive in place, to build the damaged and
// lying archives that hostile-input tests need: an entry that claims another
// size, an encrypted flag, two entries with one name. Parses only what
// zip::Writer writes (no archive comment, no zip64).
#include <cstdint>
#include <string>
#include <string_view>

namespace accord::test {

// Sets the uncompressed size `entry` declares, in its local header and in the
// central directory.
void set_declared_size(std::string& zip, std::string_view entry, std::uint32_t size);

// Sets the "encrypted" bit of `entry`'s flags in both headers.
void set_encrypted_flag(std::string& zip, std::string_view entry);

// Renames `from` to `to` (of the same length) in both headers.
void rename_entry(std::string& zip, std::string_view from, std::string_view to);

}  // namespace accord::test
