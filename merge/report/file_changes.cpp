#include "merge/report/file_changes.hpp"

namespace accord {

namespace {

// Parsed versions kept for the next change, in bytes of source.
constexpr std::size_t kDocumentBudget = 64 << 20;

// The pair of blob ids, 20 bytes each (zeros for an absent side).
std::string pair_key(const std::optional<std::string>& old_blob,
                     const std::optional<std::string>& new_blob) {
    const std::string none(20, '\0');
    return (old_blob ? CacheTable::id_key(*old_blob) : none) +
           (new_blob ? CacheTable::id_key(*new_blob) : none);
}

std::string encode(const FileChanges& file) {
    CacheWriter out;
    out.text(file.status_before).text(file.status_after).number(file.changes.size());
    for (const Change& c : file.changes) {
        out.number(static_cast<std::uint64_t>(c.kind)).text(c.text);
        out.number(c.old_range.begin).number(c.old_range.end);
        out.number(c.new_range.begin).number(c.new_range.end);
        out.text(c.before).text(c.after);
    }
    return out.take();
}

std::optional<FileChanges> decode(std::string_view bytes) {
    CacheReader in(bytes);
    FileChanges file;
    file.status_before = in.text();
    file.status_after = in.text();
    const std::uint64_t count = in.number();
    for (std::uint64_t k = 0; k < count && in.ok(); ++k) {
        Change c{};
        const std::uint64_t kind = in.number();
        if (kind > 0xFF) return std::nullopt;
        c.kind = static_cast<ChangeKind>(kind);
        c.text = in.text();
        c.old_range.begin = static_cast<std::size_t>(in.number());
        c.old_range.end = static_cast<std::size_t>(in.number());
        c.new_range.begin = static_cast<std::size_t>(in.number());
        c.new_range.end = static_cast<std::size_t>(in.number());
        c.before = in.text();
        c.after = in.text();
        file.changes.push_back(std::move(c));
    }
    if (!in.complete()) return std::nullopt;
    return file;
}

}  // namespace

ChangeDescriber::ChangeDescriber(const Workspace& workspace, const Repository* repository)
    : repository_(repository ? *repository : workspace.repo()),
      options_(workspace.parse_options()),
      table_(workspace.repo().git_dir(), "changes",
             std::string("changes/1|") + reading_key(options_)) {}

ChangeDescriber::~ChangeDescriber() {
    save();
}

void ChangeDescriber::save() {
    table_.save();
}

const Document& ChangeDescriber::document(const std::string& path,
                                          const std::optional<std::string>& blob) {
    static const Document kEmpty = parse("");
    if (!blob) return kEmpty;
    if (const auto found = by_id_.find(*blob); found != by_id_.end()) {
        documents_.splice(documents_.begin(), documents_, found->second);
        return found->second->second;
    }
    documents_.emplace_front(
        *blob, parse(repository_.read_blob_unverified(*blob), options_, front_matter_[path]));
    by_id_[*blob] = documents_.begin();
    document_bytes_ += documents_.front().second.source.size();
    while (document_bytes_ > kDocumentBudget && documents_.size() > 2) {
        document_bytes_ -= documents_.back().second.source.size();
        by_id_.erase(documents_.back().first);
        documents_.pop_back();
    }
    return documents_.front().second;
}

void ChangeDescriber::forget(const std::string& blob) {
    const auto found = by_id_.find(blob);
    if (found == by_id_.end()) return;
    document_bytes_ -= found->second->second.source.size();
    documents_.erase(found->second);
    by_id_.erase(found);
}

std::optional<FileChanges> ChangeDescriber::remembered(
    const std::string& path, const std::optional<std::string>& old_blob,
    const std::optional<std::string>& new_blob) const {
    const std::optional<std::string> bytes = table_.find(pair_key(old_blob, new_blob));
    if (!bytes) return std::nullopt;
    std::optional<FileChanges> file = decode(*bytes);
    if (!file) return std::nullopt;
    file->path = path;
    file->added = !old_blob;
    file->deleted = !new_blob;
    return file;
}

FileChanges ChangeDescriber::describe(const std::string& path,
                                      const std::optional<std::string>& old_blob,
                                      const std::optional<std::string>& new_blob) {
    if (std::optional<FileChanges> known = remembered(path, old_blob, new_blob)) return *known;
    return compute(path, old_blob, new_blob);
}

FileChanges ChangeDescriber::compute(const std::string& path,
                                     const std::optional<std::string>& old_blob,
                                     const std::optional<std::string>& new_blob) {
    FileChanges file;
    file.path = path;
    file.added = !old_blob;
    file.deleted = !new_blob;
    // Both versions stay parsed while the diff reads them: the newer one is
    // taken first and held, so reading the older cannot push it out.
    const Document& after = document(path, new_blob);
    const Document& before = document(path, old_blob);
    if (const auto* s = before.front_matter.find("status")) file.status_before = s->value;
    if (const auto* s = after.front_matter.find("status")) file.status_after = s->value;
    file.changes = structural_diff(before, after);
    table_.put(pair_key(old_blob, new_blob), encode(file));
    // Walking from the newest proposal back, a file's newer version has now
    // served both its changes (as the older side of the change after it, as
    // the newer side of this one); only the older version is wanted next.
    // Letting go of it keeps about one parsed version per file, not every
    // version the budget can hold.
    if (new_blob && new_blob != old_blob) forget(*new_blob);
    if (!old_blob) front_matter_.erase(path);
    return file;
}

}  // namespace accord
