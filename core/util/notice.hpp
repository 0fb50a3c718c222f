#pragma once
// Notes a lower layer owes the user while a command goes on: a stale lock
// taken over, an interrupted command finished or rolled back. They go to
// standard error as "accord: note: ...", unless a caller (a test, a
// command that prints them its own way) collects them instead.
#include <functional>
#include <string>
#include <vector>

namespace accord {

using NoticeSink = std::function<void(const std::string&)>;

// Where notices go from now on; returns where they went before. An empty
// sink sends them to standard error again.
NoticeSink set_notice_sink(NoticeSink sink);

// Says `text` (one or more sentences, no trailing newline); on standard
// error, a text said before in this process is not said again.
void notice(const std::string& text);

// Collects the notices said while it lives, then restores the sink before it.
class NoticeCollector {
  public:
    NoticeCollector();
    ~NoticeCollector();
    NoticeCollector(const NoticeCollector&) = delete;
    NoticeCollector& operator=(const NoticeCollector&) = delete;
    const std::vector<std::string>& notices() const { return notices_; }

  private:
    std::vector<std::string> notices_;
    NoticeSink previous_;
};

}  // namespace accord
