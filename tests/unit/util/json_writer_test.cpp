#include "core/util/json_writer.hpp"

#include <gtest/gtest.h>

namespace accord {
namespace {

TEST(JsonWriter, NestedContainersAndEscapes) {
    JsonWriter json;
    json.begin_object()
        .field("text", "a \"q\" \\ \n\t\x01")
        .key("list")
        .begin_array()
        .value(1)
        .value(true)
        .null();
    json.begin_object().end_object().end_array().end_object();
    EXPECT_EQ(json.str(), R"({"text":"a \"q\" \\ \n\t\u0001","list":[1,true,null,{}]})");
}

TEST(JsonWriter, InvalidUtf8BecomesReplacementCharacter) {
    EXPECT_EQ(JsonWriter::escape("a\xFF"
                                 "b é"),
              "\"a\xEF\xBF\xBD"
              "b é\"");
}

TEST(JsonWriter, EveryControlCharacterIsEscaped) {
    std::string controls;
    for (int c = 0; c < 0x20; ++c) controls += static_cast<char>(c);
    controls += "\x7F\xC2\x80\xC2\x9B\xC2\x9F";
    const std::string escaped = JsonWriter::escape(controls);
    for (const char c : escaped) {
        const unsigned char byte = static_cast<unsigned char>(c);
        EXPECT_TRUE(byte >= 0x20 && byte < 0x7F) << "raw byte " << int(byte) << " in " << escaped;
    }
    EXPECT_NE(escaped.find("\\u001b"), std::string::npos) << escaped;
    EXPECT_NE(escaped.find("\\u007f\\u0080\\u009b\\u009f\""), std::string::npos) << escaped;
    EXPECT_EQ(JsonWriter::escape("\xC2\xA0"), "\"\xC2\xA0\"");  // U+00A0 is no control
}

TEST(JsonWriter, SchemaEnvelopeOpensWithTheSchemaAndEndsTheLine) {
    JsonWriter json = JsonWriter::with_schema("accord.test/1");
    json.key("items").begin_array().value(1).end_array();
    EXPECT_EQ(json.finish(),
              "{\n  \"schema\": \"accord.test/1\",\n  \"items\": [\n    1\n  ]\n}\n");
}

TEST(JsonWriter, SchemaEnvelopeRefusesToFinishInsideAContainer) {
    JsonWriter json = JsonWriter::with_schema("accord.test/1");
    json.key("items").begin_array();
    EXPECT_THROW(json.finish(), std::logic_error);
}

TEST(JsonWriter, PrettyOutputIndents) {
    JsonWriter json(true);
    json.begin_object().field("a", 1).key("b").begin_array().value("x").end_array().end_object();
    EXPECT_EQ(json.str(), "{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ]\n}");
}

}  // namespace
}  // namespace accord
