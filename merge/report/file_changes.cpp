#include "merge/report/file_changes.hpp"

namespace accord {

namespace {

std::unique_ptr<TokenInterner> fresh_interner() {
    auto interner = std::make_unique<TokenInterner>();
    interner->skip_unit_ids();  // the structural diff pairs paragraphs by their words
    return interner;
}

// How versions are parsed to be described: their structure alone (what the
// structural diff reads); their diagnostics are check's and status's.
ParseOptions describing(ParseOptions options) {
    options.diagnostics = false;
    return options;
}

// The pair of blob ids, 20 bytes each (zeros for an absent side).
std::string pair_key(const std::optional<std::string>& old_blob,
                     const std::optional<std::string>& new_blob) {
    const std::string none(20, '\0');
    return (old_blob ? CacheTable::id_key(*old_blob) : none) +
           (new_blob ? CacheTable::id_key(*new_blob) : none);
}

std::string encode(const FileChanges& file) {
    CacheWriter out;
    out.number(file.binary ? 1 : 0).number(file.too_large);
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
    file.binary = in.number() == 1;
    file.too_large = static_cast<std::size_t>(in.number());
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
    : ChangeDescriber(workspace, repository, Limits{}) {}

ChangeDescriber::ChangeDescriber(const Workspace& workspace, const Repository* repository,
                                 Limits limits)
    : repository_(repository ? *repository : workspace.repo()),
      limits_(limits),
      options_(describing(workspace.parse_options())),
      // The version names how changes are described (merge/diff): a
      // description remembered by an older accord is not read back.
      table_(workspace.repo().git_dir(), "changes",
             std::string("changes/7|") + reading_key(options_)),
      interner_(fresh_interner()) {
    absent_.document = parse("");
}

ChangeDescriber::~ChangeDescriber() {
    save();
}

void ChangeDescriber::save() {
    table_.save();
}

ChangeDescriber::Version& ChangeDescriber::version(const std::string& path,
                                                   const std::string& blob) {
    if (const auto found = by_id_.find(blob); found != by_id_.end()) {
        versions_.splice(versions_.begin(), versions_, found->second);
        return found->second->second;
    }
    std::string bytes;
    if (const auto kept = source_by_id_.find(blob); kept != source_by_id_.end()) {
        bytes = std::move(kept->second->second);
        source_bytes_ -= bytes.size();
        sources_.erase(kept->second);
        source_by_id_.erase(kept);
    } else {
        bytes = repository_.read_blob_unverified(blob, path);
    }
    versions_.emplace_front(blob, Version{});
    Version& made = versions_.front().second;
    made.document = parse(std::move(bytes), options_, front_matter_[path]);
    made.counted = made.document.source.size();
    by_id_[blob] = versions_.begin();
    version_bytes_ += made.counted;
    while (version_bytes_ > limits_.version_bytes && versions_.size() > 2) {
        auto& [oldest_blob, oldest] = versions_.back();
        version_bytes_ -= oldest.counted;
        by_id_.erase(oldest_blob);
        keep_source(oldest_blob, std::move(oldest.document.source));
        versions_.pop_back();
    }
    return made;
}

Document ChangeDescriber::document(const std::string& path,
                                   const std::optional<std::string>& blob) {
    return blob ? version(path, *blob).document : absent_.document;
}

std::size_t ChangeDescriber::size_if_too_large(const std::string& path, const std::string& blob) {
    // What is kept, parsed or not, was found comparable when it was read.
    if (by_id_.contains(blob) || source_by_id_.contains(blob)) return 0;
    std::string bytes = repository_.read_blob_unverified(blob, path);
    const std::size_t size = bytes.size();
    if (!comparable_word_by_word(bytes)) return size;
    keep_source(blob, std::move(bytes));  // for version()
    return 0;
}

void ChangeDescriber::keep_source(const std::string& blob, std::string&& bytes) {
    if (bytes.size() > limits_.source_bytes || source_by_id_.contains(blob)) return;
    sources_.emplace_front(blob, std::move(bytes));
    source_by_id_[blob] = sources_.begin();
    source_bytes_ += sources_.front().second.size();
    while (source_bytes_ > limits_.source_bytes) {
        source_bytes_ -= sources_.back().second.size();
        source_by_id_.erase(sources_.back().first);
        sources_.pop_back();
    }
}

void ChangeDescriber::start_afresh_if_full() {
    if (interner_->ids_given() <= limits_.interned_ids) return;
    // What the old interner numbered is interned again, by the new one.
    interner_ = fresh_interner();
    for (auto& [blob, kept] : versions_) {
        if (!kept.interned) continue;
        version_bytes_ -= kept.counted - kept.document.source.size();
        kept.counted = kept.document.source.size();
        kept.tokens = InternedTokens();
        kept.interned = false;
    }
}

void ChangeDescriber::intern(Version& version, const Version* other) {
    version.tokens = other && other->interned
                         ? interner_->intern(version.document, other->document, other->tokens)
                         : interner_->intern(version.document);
    version.interned = &version != &absent_;  // the absent side is interned each time
    if (&version == &absent_) return;
    const std::size_t bytes =
        version.document.source.size() +
        version.tokens.tokens.size() * (sizeof(Token) + sizeof(std::uint32_t));
    version_bytes_ += bytes - version.counted;
    version.counted = bytes;
}

void ChangeDescriber::forget(const std::string& blob) {
    const auto found = by_id_.find(blob);
    if (found == by_id_.end()) return;
    version_bytes_ -= found->second->second.counted;
    versions_.erase(found->second);
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
    // A side too large to compare word by word is not parsed at all (its
    // parse and diff would hold some forty to two hundred times its bytes).
    if (const std::size_t largest = std::max(old_blob ? size_if_too_large(path, *old_blob) : 0,
                                             new_blob ? size_if_too_large(path, *new_blob) : 0);
        largest > 0) {
        file.too_large = largest;
        table_.put(pair_key(old_blob, new_blob), encode(file));
        if (new_blob) forget(*new_blob);
        if (!old_blob) front_matter_.erase(path);
        return file;
    }
    // Both versions stay parsed while the diff reads them: the newer one is
    // taken first and held, so reading the older cannot push it out.
    start_afresh_if_full();
    Version& after = new_blob ? version(path, *new_blob) : absent_;
    Version& before = old_blob ? version(path, *old_blob) : absent_;
    if (looks_binary(after.document.source) || looks_binary(before.document.source)) {
        file.binary = true;
        table_.put(pair_key(old_blob, new_blob), encode(file));
        if (new_blob && new_blob != old_blob) forget(*new_blob);
        if (!old_blob) front_matter_.erase(path);
        return file;
    }
    // The newer version was mostly interned as the older side of the change
    // after this one; the older is interned through it.
    if (!after.interned) intern(after, nullptr);
    if (!before.interned) intern(before, &after);
    if (const auto* s = before.document.front_matter.find("status")) file.status_before = s->value;
    if (const auto* s = after.document.front_matter.find("status")) file.status_after = s->value;
    file.changes = structural_diff(before.document, after.document, before.tokens, after.tokens);
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
