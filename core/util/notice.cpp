#include "core/util/notice.hpp"

#include <unistd.h>

#include <mutex>
#include <set>

namespace accord {

namespace {

std::mutex& sink_mutex() {
    static std::mutex mutex;
    return mutex;
}

NoticeSink& current_sink() {
    static NoticeSink sink;
    return sink;
}

void to_standard_error(const std::string& text) {
    const std::string line = "accord: note: " + text + "\n";
    std::size_t written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(STDERR_FILENO, line.data() + written, line.size() - written);
        if (n <= 0) return;
        written += static_cast<std::size_t>(n);
    }
}

}  // namespace

NoticeSink set_notice_sink(NoticeSink sink) {
    const std::lock_guard<std::mutex> hold(sink_mutex());
    NoticeSink previous = std::move(current_sink());
    current_sink() = std::move(sink);
    return previous;
}

void notice(const std::string& text) {
    NoticeSink sink;
    {
        const std::lock_guard<std::mutex> hold(sink_mutex());
        sink = current_sink();
        // Said once: a command that meets the same thing twice (a date
        // resolved for each side of a diff) says it once.
        static std::set<std::string> said;
        if (!sink && !said.insert(text).second) return;
    }
    if (sink) {
        sink(text);
    } else {
        to_standard_error(text);
    }
}

NoticeCollector::NoticeCollector()
    : previous_(set_notice_sink([this](const std::string& text) { notices_.push_back(text); })) {}

NoticeCollector::~NoticeCollector() {
    set_notice_sink(std::move(previous_));
}

}  // namespace accord
