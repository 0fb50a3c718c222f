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

NotationOptions NotationLookup::of(const std::string& path) {
    NotationOptions notation;
    if (const std::optional<std::string> config = find_config(path)) {
        auto found = by_config_.find(*config);
        if (found == by_config_.end())
            found = by_config_.emplace(*config, load_config(*config).notation).first;
        notation = found->second;
    }
    if (slash_options_) notation.slash_options = *slash_options_;
    return notation;
}

}  // namespace accord
