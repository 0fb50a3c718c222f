#pragma once
// accord.yaml extended by the delegations a command adds (`propose
// --add-delegation`, a Word import with --add-delegations): the file as it
// stands, one line per delegation (core/store/config_append.hpp), so that
// its comments and layout stay and the recorded change is those lines.
#include <optional>
#include <string>
#include <vector>

#include "core/store/config.hpp"

namespace accord {

// `on_disk` (accord.yaml in the work tree; UTF-16 converted to UTF-8, as
// any recorded text is) with `added` appended to its delegations list;
// written afresh from `registry` only when there is no file. A list in a
// shape the edit does not handle is refused (usage error naming the line,
// saying to add them by hand) with `then` after it ("then propose again
// ..."), rather than the file rewritten without its comments.
std::string registry_with_added(const std::optional<std::string>& on_disk, const Config& registry,
                                const std::vector<Delegation>& added, const std::string& then);

}  // namespace accord
