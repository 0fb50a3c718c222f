#include "support/xml_check.hpp"

#include <cctype>
#include <vector>

namespace accord::test {

namespace {

bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' ||
           c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

// Checks character data (or an attribute value) for bare '<' and '&'.
std::string check_text(std::string_view xml, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
        if (xml[i] == '<') return "raw '<' at byte " + std::to_string(i);
        if (xml[i] != '&') continue;
        const std::size_t semi = xml.find(';', i);
        if (semi == std::string_view::npos || semi > end || semi - i > 10)
            return "'&' without an entity at byte " + std::to_string(i);
        const std::string_view entity = xml.substr(i + 1, semi - i - 1);
        const bool known = entity == "amp" || entity == "lt" || entity == "gt" ||
                           entity == "quot" || entity == "apos" ||
                           (entity.size() > 1 && entity[0] == '#');
        if (!known)
            return "unknown entity &" + std::string(entity) + "; at byte " + std::to_string(i);
    }
    return "";
}

}  // namespace

std::string xml_problem(std::string_view xml) {
    std::vector<std::string> open;
    std::size_t roots = 0;
    std::size_t i = 0;
    while (i < xml.size()) {
        const std::size_t lt = xml.find('<', i);
        const std::size_t text_end = lt == std::string_view::npos ? xml.size() : lt;
        if (open.empty()) {
            for (std::size_t k = i; k < text_end; ++k)
                if (!std::isspace(static_cast<unsigned char>(xml[k])))
                    return "text outside the root element at byte " + std::to_string(k);
        } else if (std::string problem = check_text(xml, i, text_end); !problem.empty()) {
            return problem;
        }
        if (lt == std::string_view::npos) break;
        if (xml.substr(lt, 4) == "<!--") {
            const std::size_t end = xml.find("-->", lt);
            if (end == std::string_view::npos) return "unterminated comment";
            i = end + 3;
            continue;
        }
        if (xml.substr(lt, 2) == "<?") {
            const std::size_t end = xml.find("?>", lt);
            if (end == std::string_view::npos) return "unterminated processing instruction";
            i = end + 2;
            continue;
        }
        std::size_t k = lt + 1;
        const bool closing = k < xml.size() && xml[k] == '/';
        if (closing) ++k;
        const std::size_t name_start = k;
        while (k < xml.size() && name_char(xml[k])) ++k;
        const std::string name(xml.substr(name_start, k - name_start));
        if (name.empty()) return "a tag without a name at byte " + std::to_string(lt);
        // Attributes: name="value" or name='value'.
        bool self_closing = false;
        for (;;) {
            while (k < xml.size() && std::isspace(static_cast<unsigned char>(xml[k]))) ++k;
            if (k >= xml.size()) return "unterminated tag <" + name;
            if (xml[k] == '>') break;
            if (xml[k] == '/' && k + 1 < xml.size() && xml[k + 1] == '>' && !closing) {
                self_closing = true;
                ++k;
                break;
            }
            if (closing) return "attributes in closing tag </" + name;
            const std::size_t attr = k;
            while (k < xml.size() && name_char(xml[k])) ++k;
            if (k == attr || k + 1 >= xml.size() || xml[k] != '=' ||
                (xml[k + 1] != '"' && xml[k + 1] != '\''))
                return "malformed attribute in <" + name + " at byte " + std::to_string(attr);
            const char quote = xml[k + 1];
            const std::size_t value_end = xml.find(quote, k + 2);
            if (value_end == std::string_view::npos) return "unterminated attribute value";
            if (std::string problem = check_text(xml, k + 2, value_end); !problem.empty())
                return problem;
            k = value_end + 1;
        }
        i = k + 1;
        if (closing) {
            if (open.empty() || open.back() != name)
                return "</" + name + "> closes " +
                       (open.empty() ? "nothing" : "<" + open.back() + ">") + " at byte " +
                       std::to_string(lt);
            open.pop_back();
        } else {
            if (open.empty() && ++roots > 1) return "a second root element <" + name + ">";
            if (!self_closing) open.push_back(name);
        }
    }
    if (!open.empty()) return "<" + open.back() + "> is never closed";
    if (roots == 0) return "no root element";
    return "";
}

}  // namespace accord::test
