#pragma once
// Which notation a text is read with. Every command that reads a text from
// the file system asks here, so that one file is never read two ways: the
// accord.yaml that governs the file, whatever the current directory.
#include <map>
#include <optional>
#include <string>

#include "core/notation/notation.hpp"

namespace accord {

// The notation of the accord.yaml that governs `path` (the nearest one
// walking up from it, within its git work tree: find_config), or the
// defaults when none does. `slash_options`, when given (--slash-options),
// replaces that one setting and keeps the rest of the registry's notation.
// A malformed accord.yaml is an error naming it.
NotationOptions notation_for(const std::string& path,
                             std::optional<SlashOptions> slash_options = std::nullopt);

// notation_for over many files (accord check of every text): each
// accord.yaml read once, however many files it governs.
class NotationLookup {
  public:
    explicit NotationLookup(std::optional<SlashOptions> slash_options = std::nullopt)
        : slash_options_(slash_options) {}
    NotationOptions of(const std::string& path);

  private:
    std::optional<SlashOptions> slash_options_;
    std::map<std::string, NotationOptions> by_config_;  // by the accord.yaml's path
    // The accord.yaml found from each directory looked in (none: nullopt).
    std::map<std::string, std::optional<std::string>> config_of_directory_;
};

}  // namespace accord
