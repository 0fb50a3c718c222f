#include "core/store/notation_lookup.hpp"

#include "core/store/config.hpp"

namespace accord {

NotationOptions notation_for(const std::string& path, std::optional<SlashOptions> slash_options) {
    NotationOptions notation;
    if (const std::optional<std::string> config = find_config(path))
        notation = load_config(*config).notation;
    if (slash_options) notation.slash_options = *slash_options;
    return notation;
}

}  // namespace accord
