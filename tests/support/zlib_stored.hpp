#pragma once
// zlib streams written by hand, in stored (uncompressed) blocks: what a
// test needs to make pack entries and inflater inputs without a compressor.
#include <string>

namespace accord::test {

// `bytes` as a zlib stream: a header, stored blocks of at most 65,535
// bytes, and the Adler-32 of `bytes`.
std::string zlib_stored(const std::string& bytes);

}  // namespace accord::test
