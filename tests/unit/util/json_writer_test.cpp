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

TEST(JsonWriter, PrettyOutputIndents) {
    JsonWriter json(true);
    json.begin_object().field("a", 1).key("b").begin_array().value("x").end_array().end_object();
    EXPECT_EQ(json.str(), "{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ]\n}");
}

}  // namespace
}  // namespace accord
