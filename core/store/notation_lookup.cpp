#include "core/store/notation_lookup.hpp"

#include <filesystem>

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
    // The files of one directory are governed by the same accord.yaml: it is
    // looked for once per directory (a file's search starts at its directory;
    // a directory's at itself, so a directory named is looked up as itself).
    namespace fs = std::filesystem;
    std::error_code ec;
    std::string start = path;
    if (!fs::is_directory(path, ec)) {
        start = fs::path(path).parent_path().string();
        if (start.empty()) start = ".";
    }
    auto known = config_of_directory_.find(start);
    if (known == config_of_directory_.end())
        known = config_of_directory_.emplace(start, find_config(start)).first;
    NotationOptions notation;
    if (const std::optional<std::string>& config = known->second) {
        auto found = by_config_.find(*config);
        if (found == by_config_.end())
            found = by_config_.emplace(*config, load_config(*config).notation).first;
        notation = found->second;
    }
    if (slash_options_) notation.slash_options = *slash_options_;
    return notation;
}

}  // namespace accord
