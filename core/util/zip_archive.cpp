#include "core/util/zip_archive.hpp"

#include <dlfcn.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

// The one file that includes libzip's header.

namespace accord::zip {

namespace {

// The libzip functions used here, called through a table that dlopen fills
// on first use: linking libzip would map it, libcrypto, libbz2 and zlib into
// every run of accord, including the merge driver git starts once per file.
#define ACCORD_ZIP_FUNCTIONS(X) \
    X(zip_close)                \
    X(zip_discard)              \
    X(zip_error_code_zip)       \
    X(zip_error_fini)           \
    X(zip_error_init)           \
    X(zip_error_init_with_code) \
    X(zip_error_strerror)       \
    X(zip_fclose)               \
    X(zip_file_add)             \
    X(zip_file_get_error)       \
    X(zip_file_set_dostime)     \
    X(zip_fopen_index)          \
    X(zip_fread)                \
    X(zip_get_error)            \
    X(zip_get_num_entries)      \
    X(zip_open)                 \
    X(zip_open_from_source)     \
    X(zip_set_file_compression) \
    X(zip_source_buffer)        \
    X(zip_source_buffer_create) \
    X(zip_source_close)         \
    X(zip_source_free)          \
    X(zip_source_keep)          \
    X(zip_source_open)          \
    X(zip_source_read)          \
    X(zip_source_stat)          \
    X(zip_stat_index)           \
    X(zip_stat_init)

struct Api {
#define ACCORD_ZIP_MEMBER(name) decltype(&::name) name = nullptr;
    ACCORD_ZIP_FUNCTIONS(ACCORD_ZIP_MEMBER)
#undef ACCORD_ZIP_MEMBER
    std::string error;  // why the library could not be loaded; empty when it was
};

constexpr const char* kLibrary = ACCORD_LIBZIP_SONAME;

Api load() {
    Api api;
    void* library = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* why = dlerror();
        api.error = std::string("cannot load ") + kLibrary + ", which accord needs to read " +
                    "and write zip archives (" + (why ? why : "unknown reason") +
                    "); install it: apt-get install libzip4";
        return api;
    }
    std::string missing;
#define ACCORD_ZIP_LOAD(name)                                               \
    api.name = reinterpret_cast<decltype(api.name)>(dlsym(library, #name)); \
    if (api.name == nullptr) missing += missing.empty() ? #name : ", " #name;
    ACCORD_ZIP_FUNCTIONS(ACCORD_ZIP_LOAD)
#undef ACCORD_ZIP_LOAD
    if (!missing.empty()) {
        api.error = std::string(kLibrary) + " lacks functions accord needs (" + missing +
                    "); install libzip " LIBZIP_VERSION " or a compatible release";
    }
    return api;  // the library stays loaded until the process ends
}

const Api& api() {
    static const Api table = load();
    return table;
}

std::string libzip_message(int code) {
    zip_error_t error;
    api().zip_error_init_with_code(&error, code);
    std::string message = api().zip_error_strerror(&error);
    api().zip_error_fini(&error);
    return message;
}

bool starts_like_zip(std::string_view lead) {
    return lead.size() >= 2 && lead[0] == 'P' && lead[1] == 'K';
}

// Why an archive did not open, from libzip's code and the first bytes.
Error open_error(const std::string& name, int code, std::string_view lead) {
    if (code == ZIP_ER_NOZIP && !starts_like_zip(lead)) {
        return {ErrorKind::not_a_zip, name + ": not a zip archive"};
    }
    if (code == ZIP_ER_NOZIP || code == ZIP_ER_EOF) {
        return {ErrorKind::truncated,
                name + ": the zip archive is truncated (its directory is missing or cut short); " +
                    "copy or download the file again"};
    }
    if (code == ZIP_ER_INCONS || code == ZIP_ER_CRC || code == ZIP_ER_COMPRESSED_DATA) {
        return {ErrorKind::damaged, name + ": the zip archive is damaged (" + libzip_message(code) +
                                        "); copy or download it again"};
    }
    if (code == ZIP_ER_EXISTS) {
        return {ErrorKind::duplicate_entry,
                name + ": two entries have the same name; which one is meant is ambiguous"};
    }
    if (code == ZIP_ER_MULTIDISK) {
        return {ErrorKind::unsupported, name + ": a zip archive split over several files"};
    }
    return {ErrorKind::io, name + ": " + libzip_message(code)};
}

// The first name two entries of the central directory share, read from
// the archive's bytes (libzip refuses such an archive without naming the
// entry); empty when it cannot be told (no end record, a zip64 directory).
std::string first_duplicate_name(std::string_view zip) {
    const auto u16 = [&](std::size_t at) {
        return static_cast<std::size_t>(static_cast<unsigned char>(zip[at])) |
               static_cast<std::size_t>(static_cast<unsigned char>(zip[at + 1])) << 8;
    };
    const auto u32 = [&](std::size_t at) { return u16(at) | u16(at + 2) << 16; };
    constexpr std::size_t kEndRecord = 22, kMaxComment = 0xFFFF, kHeader = 46;
    if (zip.size() < kEndRecord) return {};
    const std::size_t lowest =
        zip.size() > kEndRecord + kMaxComment ? zip.size() - kEndRecord - kMaxComment : 0;
    std::size_t end = std::string_view::npos;
    for (std::size_t at = zip.size() - kEndRecord + 1; at-- > lowest;) {
        if (zip.compare(at, 4, "PK\x05\x06") == 0) {
            end = at;
            break;
        }
    }
    if (end == std::string_view::npos) return {};
    std::size_t at = u32(end + 16);
    const std::size_t count = u16(end + 10);
    std::unordered_set<std::string_view> names;
    for (std::size_t k = 0; k < count; ++k) {
        if (at > zip.size() || zip.size() - at < kHeader || zip.compare(at, 4, "PK\x01\x02") != 0)
            return {};
        const std::size_t name = u16(at + 28), extra = u16(at + 30), comment = u16(at + 32);
        if (zip.size() - at - kHeader < name) return {};
        const std::string_view entry = zip.substr(at + kHeader, name);
        if (!names.insert(entry).second) return std::string(entry);
        at += kHeader + name + extra + comment;
    }
    return {};
}

struct ArchiveCloser {
    void operator()(zip_t* archive) const {
        if (archive != nullptr) api().zip_discard(archive);
    }
};

}  // namespace

struct Archive::Impl {
    std::string name;
    ReadLimits limits;
    std::string bytes;  // the archive itself when opened from memory
    std::unique_ptr<zip_t, ArchiveCloser> archive;
    std::vector<EntryInfo> entries;
    std::unordered_map<std::string_view, std::size_t> by_name;  // views into `entries`
    std::uint64_t total_read = 0;

    Error index() {
        const zip_int64_t count = api().zip_get_num_entries(archive.get(), 0);
        if (count < 0) return {ErrorKind::damaged, name + ": cannot count the zip entries"};
        if (static_cast<std::uint64_t>(count) > limits.max_entries) {
            return {ErrorKind::too_many_entries, name + ": holds " + std::to_string(count) +
                                                     " entries, over the limit of " +
                                                     std::to_string(limits.max_entries)};
        }
        entries.reserve(static_cast<std::size_t>(count));
        for (zip_int64_t i = 0; i < count; ++i) {
            zip_stat_t stat;
            api().zip_stat_init(&stat);
            constexpr zip_uint64_t kNeeded = ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE;
            if (api().zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0 ||
                (stat.valid & kNeeded) != kNeeded) {
                return {ErrorKind::damaged,
                        name + ": entry " + std::to_string(i) + " has no readable header"};
            }
            EntryInfo info;
            info.name = stat.name;
            info.size = stat.size;
            info.compressed_size = stat.comp_size;
            info.encrypted = (stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 &&
                             stat.encryption_method != ZIP_EM_NONE;
            entries.push_back(std::move(info));
        }
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!by_name.emplace(entries[i].name, i).second) {
                return {ErrorKind::duplicate_entry, name + ": two entries are named " +
                                                        entries[i].name +
                                                        "; which one is meant is ambiguous"};
            }
        }
        return {};
    }

    Error refuse_before_reading(const EntryInfo& entry) const {
        const std::string where = name + ": " + entry.name;
        if (entry.encrypted) {
            return {ErrorKind::encrypted,
                    where + ": the entry is encrypted; save the document without a password"};
        }
        if (entry.size > limits.max_entry_size) {
            return {ErrorKind::entry_too_large, where + ": declares " + std::to_string(entry.size) +
                                                    " bytes uncompressed, over the limit of " +
                                                    std::to_string(limits.max_entry_size)};
        }
        if (total_read + entry.size > limits.max_total_size) {
            return {ErrorKind::total_too_large,
                    where + ": reading it would take the archive past " +
                        std::to_string(limits.max_total_size) + " bytes uncompressed"};
        }
        if (entry.size > limits.ratio_floor &&
            entry.size / std::max<std::uint64_t>(entry.compressed_size, 1) > limits.max_ratio) {
            return {ErrorKind::ratio_too_high,
                    where + ": " + std::to_string(entry.compressed_size) + " compressed bytes " +
                        "declare " + std::to_string(entry.size) + " uncompressed, more than " +
                        std::to_string(limits.max_ratio) + " times as many (a zip bomb?)"};
        }
        return {};
    }
};

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::~Archive() = default;

const std::vector<EntryInfo>& Archive::entries() const {
    return impl_->entries;
}

const EntryInfo* Archive::find(std::string_view name) const {
    const auto it = impl_->by_name.find(name);
    return it == impl_->by_name.end() ? nullptr : &impl_->entries[it->second];
}

std::uint64_t Archive::total_read() const {
    return impl_->total_read;
}

ReadResult Archive::read(std::string_view name) {
    Impl& impl = *impl_;
    const auto it = impl.by_name.find(name);
    if (it == impl.by_name.end()) {
        return {{}, {ErrorKind::missing_entry, impl.name + ": has no entry " + std::string(name)}};
    }
    const EntryInfo& entry = impl.entries[it->second];
    const std::string where = impl.name + ": " + entry.name;
    if (Error refused = impl.refuse_before_reading(entry)) return {{}, std::move(refused)};

    zip_file_t* file = api().zip_fopen_index(impl.archive.get(), it->second, 0);
    if (file == nullptr) {
        const int code = api().zip_error_code_zip(api().zip_get_error(impl.archive.get()));
        const ErrorKind kind = code == ZIP_ER_COMPNOTSUPP   ? ErrorKind::unsupported
                               : code == ZIP_ER_ENCRNOTSUPP ? ErrorKind::encrypted
                                                            : ErrorKind::damaged;
        return {{}, {kind, where + ": " + libzip_message(code)}};
    }
    struct FileCloser {
        zip_file_t* file;
        ~FileCloser() {
            if (file != nullptr) api().zip_fclose(file);
        }
    } closer{file};

    // The declared size bounds what is read: one byte more than declared is
    // asked for, so an entry that inflates further is caught, not read on.
    ReadResult result;
    result.bytes.reserve(static_cast<std::size_t>(entry.size));
    char chunk[64 * 1024];
    for (;;) {
        const std::uint64_t room = entry.size + 1 - result.bytes.size();
        const zip_int64_t got =
            api().zip_fread(file, chunk, std::min<std::uint64_t>(sizeof chunk, room));
        if (got < 0) {
            const int code = api().zip_error_code_zip(api().zip_file_get_error(file));
            return {{},
                    {ErrorKind::damaged,
                     where + ": " + libzip_message(code) +
                         " (the data does not match its declared size or checksum)"}};
        }
        if (got == 0) break;
        result.bytes.append(chunk, static_cast<std::size_t>(got));
        if (result.bytes.size() > entry.size) {
            return {{},
                    {ErrorKind::entry_too_large, where + ": inflates past its declared " +
                                                     std::to_string(entry.size) +
                                                     " bytes; refused (a zip bomb?)"}};
        }
    }
    if (result.bytes.size() != entry.size) {
        return {{},
                {ErrorKind::truncated, where + ": holds " + std::to_string(result.bytes.size()) +
                                           " of its declared " + std::to_string(entry.size) +
                                           " bytes"}};
    }
    impl.total_read += result.bytes.size();
    return result;
}

namespace {

OpenResult finish_open(std::unique_ptr<Archive::Impl> impl) {
    if (Error error = impl->index()) return {nullptr, std::move(error)};
    return {std::make_unique<Archive>(std::move(impl)), {}};
}

}  // namespace

OpenResult open_file(const std::string& path, const ReadLimits& limits) {
    if (!api().error.empty()) return {nullptr, {ErrorKind::library, api().error}};
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) return {nullptr, {ErrorKind::io, path + ": " + std::strerror(errno)}};
    char lead[4] = {};
    const std::size_t got = std::fread(lead, 1, sizeof lead, file);
    std::fclose(file);
    if (got == 0) return {nullptr, {ErrorKind::not_a_zip, path + ": empty, not a zip archive"}};

    int code = 0;
    zip_t* archive = api().zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (archive == nullptr) return {nullptr, open_error(path, code, std::string_view(lead, got))};
    auto impl = std::make_unique<Archive::Impl>();
    impl->name = path;
    impl->limits = limits;
    impl->archive.reset(archive);
    return finish_open(std::move(impl));
}

OpenResult open_memory(std::string bytes, std::string display_name, const ReadLimits& limits) {
    if (!api().error.empty()) return {nullptr, {ErrorKind::library, api().error}};
    if (bytes.empty()) {
        return {nullptr, {ErrorKind::not_a_zip, display_name + ": empty, not a zip archive"}};
    }
    auto impl = std::make_unique<Archive::Impl>();
    impl->name = std::move(display_name);
    impl->limits = limits;
    impl->bytes = std::move(bytes);

    zip_error_t error;
    api().zip_error_init(&error);
    zip_source_t* source =
        api().zip_source_buffer_create(impl->bytes.data(), impl->bytes.size(), 0, &error);
    if (source == nullptr) {
        const int code = api().zip_error_code_zip(&error);
        api().zip_error_fini(&error);
        return {nullptr, {ErrorKind::io, impl->name + ": " + libzip_message(code)}};
    }
    zip_t* archive = api().zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (archive == nullptr) {
        const int code = api().zip_error_code_zip(&error);
        api().zip_error_fini(&error);
        api().zip_source_free(source);
        Error why = open_error(impl->name, code, std::string_view(impl->bytes).substr(0, 4));
        if (why.kind == ErrorKind::duplicate_entry) {
            if (const std::string twice = first_duplicate_name(impl->bytes); !twice.empty())
                why.message = impl->name + ": two entries are named " + twice +
                              "; which one is meant is ambiguous";
        }
        return {nullptr, why};
    }
    api().zip_error_fini(&error);
    impl->archive.reset(archive);  // the archive owns the source now
    return finish_open(std::move(impl));
}

void Writer::add(std::string name, std::string bytes) {
    entries_.emplace_back(std::move(name), std::move(bytes));
}

Writer::Result Writer::finish() const {
    if (!api().error.empty()) return {{}, {ErrorKind::library, api().error}};
    auto fail = [](const std::string& what, zip_error_t* error) {
        return Result{{},
                      {ErrorKind::io,
                       "writing a zip archive: " + what + ": " + api().zip_error_strerror(error)}};
    };
    if (entries_.empty()) {
        // libzip writes nothing for an empty archive; the end record alone is one.
        return {std::string("PK\x05\x06", 4) + std::string(18, '\0'), {}};
    }
    zip_error_t error;
    api().zip_error_init(&error);
    zip_source_t* buffer = api().zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer == nullptr) return fail("buffer", &error);
    api().zip_source_keep(buffer);  // it outlives the archive, which writes into it
    struct SourceFree {
        zip_source_t* source;
        ~SourceFree() { api().zip_source_free(source); }
    } buffer_free{buffer};

    zip_t* archive = api().zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        api().zip_source_free(buffer);  // the reference the archive did not take
        return fail("open", &error);
    }
    for (const auto& [name, bytes] : entries_) {
        zip_source_t* source = api().zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
        const zip_int64_t index =
            source == nullptr ? -1
                              : api().zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            if (source != nullptr) api().zip_source_free(source);
            Result result = fail(name, api().zip_get_error(archive));
            api().zip_discard(archive);
            return result;
        }
        const auto at = static_cast<zip_uint64_t>(index);
        api().zip_set_file_compression(archive, at, ZIP_CM_DEFLATE, 0);
        api().zip_file_set_dostime(archive, at, 0, (0 << 9) | (1 << 5) | 1, 0);  // 1980-01-01
    }
    if (api().zip_close(archive) != 0) {
        Result result = fail("close", api().zip_get_error(archive));
        api().zip_discard(archive);
        return result;
    }

    zip_stat_t stat;
    api().zip_stat_init(&stat);
    if (api().zip_source_stat(buffer, &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0 ||
        api().zip_source_open(buffer) != 0) {
        return {{}, {ErrorKind::io, "writing a zip archive: cannot read back the buffer"}};
    }
    Result result;
    result.bytes.resize(static_cast<std::size_t>(stat.size));
    const zip_int64_t got = api().zip_source_read(buffer, result.bytes.data(), stat.size);
    api().zip_source_close(buffer);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) {
        return {{}, {ErrorKind::io, "writing a zip archive: short read of the buffer"}};
    }
    return result;
}

}  // namespace accord::zip
