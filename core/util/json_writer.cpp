#include "core/util/json_writer.hpp"

#include <cstdio>
#include <stdexcept>

#include "core/util/utf8.hpp"

namespace accord {

std::string JsonWriter::escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t length = utf8::sequence_length(text, i);
            if (length == 0) {
                out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
                ++i;
            } else if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
                char buffer[8];  // a C1 control, U+0080 to U+009F
                std::snprintf(buffer, sizeof buffer, "\\u%04x",
                              static_cast<unsigned char>(text[i + 1]));
                out += buffer;
                i += 2;
            } else {
                out.append(text.substr(i, length));
                i += length;
            }
            continue;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                    out += buffer;
                } else {
                    out += static_cast<char>(c);
                }
        }
        ++i;
    }
    out += '"';
    return out;
}

JsonWriter JsonWriter::with_schema(std::string_view schema) {
    JsonWriter json(true);
    json.begin_object().field("schema", schema);
    return json;
}

std::string JsonWriter::finish() {
    if (has_elements_.size() != 1 || after_key_)
        throw std::logic_error("JsonWriter::finish: a container is still open");
    end_object();
    return out_ + "\n";
}

void JsonWriter::newline() {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(has_elements_.size() * 2, ' ');
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!has_elements_.empty()) {
        if (has_elements_.back()) out_ += ',';
        has_elements_.back() = true;
        newline();
    }
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    out_ += '{';
    has_elements_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    const bool had = has_elements_.back();
    has_elements_.pop_back();
    if (had) newline();
    out_ += '}';
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    out_ += '[';
    has_elements_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    return end_object(), out_.back() = ']', *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    before_value();
    out_ += escape(name);
    out_ += pretty_ ? ": " : ":";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    before_value();
    out_ += escape(text);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    before_value();
    out_ += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
    before_value();
    out_ += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    before_value();
    out_ += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ += "null";
    return *this;
}

}  // namespace accord
