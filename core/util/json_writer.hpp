#pragma once
// A small streaming JSON writer: correct escaping (invalid UTF-8 becomes
// U+FFFD so the output is always valid JSON; every control character, DEL
// and the C1 controls included, is written as \uXXXX so that printing the
// JSON on a terminal cannot act on it), no knowledge of accord.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accord {

class JsonWriter {
  public:
    explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}

    // The envelope of a whole JSON output: a pretty-printed object whose
    // first member, "schema", names the output's shape and version
    // ("accord.log/1"), so that a tool can tell what it reads. finish()
    // closes it.
    static JsonWriter with_schema(std::string_view schema);
    // Closes the envelope (every other container must be closed) and returns
    // the document with its final line end.
    std::string finish();

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(std::uint64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(unsigned number) { return value(static_cast<std::uint64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();

    template <typename T>
    JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

    const std::string& str() const { return out_; }
    // What was written since the last take(), handed over: a long document
    // can be printed as it is written instead of held whole.
    std::string take() { return std::exchange(out_, std::string()); }

    static std::string escape(std::string_view text);

  private:
    void before_value();
    void newline();

    std::string out_;
    bool pretty_;
    // One entry per open container: true once it holds an element.
    std::vector<bool> has_elements_;
    bool after_key_ = false;
};

}  // namespace accord
