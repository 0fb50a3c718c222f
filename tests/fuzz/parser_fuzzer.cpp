// libFuzzer target: any byte string parses, prints back identically, and its
// tokens tile it, in both slash modes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/notation/parse.hpp"
#include "core/notation/print.hpp"
#include "core/notation/tokens.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    for (accord::SlashOptions slash : {accord::SlashOptions::spaced, accord::SlashOptions::any}) {
        accord::ParseOptions options;
        options.notation.slash_options = slash;
        const accord::Document document = accord::parse(input, options);
        if (accord::print(document) != input) std::abort();
        std::size_t at = 0;
        for (const accord::Token& token : accord::tokenize(document)) {
            if (token.range.begin != at || token.range.end <= at) std::abort();
            at = token.range.end;
        }
        if (at != input.size()) std::abort();
    }
    return 0;
}
