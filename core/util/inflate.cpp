#include "core/util/inflate.hpp"

#include <dlfcn.h>
#include <zlib.h>

namespace accord {

namespace {

// zlib's functions, from a table dlopen fills on first use. libgit2 loads
// zlib too, so this maps nothing new by the time a repository is read.
struct Api {
    decltype(&::inflateInit_) init = nullptr;
    decltype(&::inflate) inflate = nullptr;
    decltype(&::inflateReset) reset = nullptr;
    decltype(&::inflateEnd) end = nullptr;
    bool loaded() const { return init && inflate && reset && end; }
};

const Api& api() {
    static const Api table = [] {
        Api loaded;
        void* library = dlopen("libz.so.1", RTLD_NOW | RTLD_LOCAL);
        if (library == nullptr) return loaded;
        loaded.init = reinterpret_cast<decltype(loaded.init)>(dlsym(library, "inflateInit_"));
        loaded.inflate = reinterpret_cast<decltype(loaded.inflate)>(dlsym(library, "inflate"));
        loaded.reset = reinterpret_cast<decltype(loaded.reset)>(dlsym(library, "inflateReset"));
        loaded.end = reinterpret_cast<decltype(loaded.end)>(dlsym(library, "inflateEnd"));
        return loaded;
    }();
    return table;
}

}  // namespace

struct Inflater::State {
    z_stream stream{};
    bool initialised = false;
    std::string* out = nullptr;
    std::size_t size = 0;
    std::size_t stop_at = SIZE_MAX;  // done once this many bytes are out
};

Inflater::Inflater() : state_(std::make_unique<State>()) {
    const Api& zlib = api();
    if (!zlib.loaded()) return;
    state_->initialised =
        zlib.init(&state_->stream, ZLIB_VERSION, static_cast<int>(sizeof(z_stream))) == Z_OK;
}

Inflater::~Inflater() {
    if (state_->initialised) api().end(&state_->stream);
}

bool Inflater::usable() const {
    return state_->initialised;
}

void Inflater::start(std::string& out, std::size_t size) {
    out.clear();
    state_->out = nullptr;
    if (!state_->initialised || size >= SIZE_MAX / 2) return;
    state_->out = &out;
    state_->size = size;
    state_->stop_at = SIZE_MAX;
    api().reset(&state_->stream);
}

void Inflater::start_prefix(std::string& out, std::size_t size, std::size_t prefix) {
    start(out, size);
    state_->stop_at = std::min(prefix, size);
}

Inflater::Step Inflater::feed(std::string_view compressed) {
    if (state_->out == nullptr) return Step::failed;
    z_stream& stream = state_->stream;
    std::string& out = *state_->out;
    // One byte more than promised, so that a stream holding more than it
    // should is caught writing it, rather than stopping zlib short.
    // (A prefix needs no more room than itself.)
    const std::size_t room = state_->stop_at < state_->size ? state_->stop_at : state_->size + 1;
    const auto failed = [&] {
        state_->out = nullptr;
        return Step::failed;
    };
    if (state_->stop_at == 0) {  // an empty prefix is there already
        state_->out = nullptr;
        return Step::done;
    }
    while (!compressed.empty()) {
        // zlib counts in unsigned int: larger inputs go in slices.
        const std::size_t slice = std::min<std::size_t>(compressed.size(), 1u << 30);
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
        stream.avail_in = static_cast<uInt>(slice);
        for (;;) {
            const std::size_t written = stream.total_out;
            if (written == out.size()) {
                // The buffer grows as bytes come, not to the size promised
                // at once: a header may promise gigabytes for a few bytes.
                if (out.size() == room) return failed();
                out.resize(std::min(room, std::max<std::size_t>(2 * out.size(), 64 << 10)));
            }
            stream.next_out = reinterpret_cast<Bytef*>(out.data() + written);
            stream.avail_out =
                static_cast<uInt>(std::min<std::size_t>(out.size() - written, 1u << 30));
            const int status = api().inflate(&stream, Z_NO_FLUSH);
            if (status == Z_STREAM_END) {
                if (stream.total_out != state_->size) return failed();
                out.resize(state_->size);
                state_->out = nullptr;
                return Step::done;
            }
            if (status != Z_OK && status != Z_BUF_ERROR) return failed();
            if (stream.total_out > state_->size) return failed();
            if (stream.total_out >= state_->stop_at) {
                out.resize(state_->stop_at);
                state_->out = nullptr;
                return Step::done;
            }
            if (stream.avail_in == 0) break;  // all of this slice taken
            // Input left, and zlib stopped: for room (grown above), or, with
            // room left, because it could not go on.
            if (stream.avail_out != 0) return failed();
        }
        compressed.remove_prefix(slice);
    }
    return Step::more;
}

}  // namespace accord
