// accord_scale_generate TEXTS PROPOSALS [SEED]: a negotiation repository as a
// `git fast-import` stream on standard output (see scale_generator.hpp).
//   git init -q -b main repo && accord_scale_generate 1000 10000 | git -C repo fast-import --quiet
#include <cstdlib>
#include <iostream>
#include <string>

#include "scale_generator.hpp"

namespace {

bool parse_count(const char* text, std::uint64_t& out) {
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text, &end, 10);
    if (end == text || *end != '\0' || value == 0) return false;
    out = value;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    accord::bench::ScaleOptions options;
    if ((argc != 3 && argc != 4) || !parse_count(argv[1], options.texts) ||
        !parse_count(argv[2], options.proposals) ||
        (argc == 4 && !parse_count(argv[3], options.seed))) {
        std::cerr << "usage: accord_scale_generate TEXTS PROPOSALS [SEED]   (positive integers)\n"
                     "writes a git fast-import stream of a generated negotiation to stdout\n";
        return 2;
    }
    static char buffer[1 << 20];
    std::cout.rdbuf()->pubsetbuf(buffer, sizeof buffer);
    std::ios::sync_with_stdio(false);
    accord::bench::write_scale_repository(options, std::cout);
    std::cout.flush();
    return std::cout ? 0 : 3;
}
