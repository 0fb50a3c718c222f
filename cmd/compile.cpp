// accord compile [--format md|html] [--at REV] [-o FILE] [--across-texts]
#include <iostream>

#include "cmd/command.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "merge/compile/compilation.hpp"
#include "merge/compile/render_html.hpp"
#include "merge/compile/render_markdown.hpp"

namespace accord::cmd {

namespace {

enum class CompileFormat { markdown, html };

struct CompileOptions {
    CompileFormat format = CompileFormat::markdown;
    std::string at = "HEAD";
    std::string output;  // empty: standard output
    bool across_texts = false;
};

ExitCode run_compile(const CompileOptions& options, const Context& context) {
    const Workspace ws = Workspace::open(".");
    CompilationOptions compile;
    compile.at = options.at;
    compile.attribute = options.format == CompileFormat::html;
    compile.across_texts = options.across_texts;
    const Compilation compilation = compile_negotiation(ws, compile);
    if (!ws.repo().is_empty_branch()) note_skipped_links(ws.skipped_links(ws.resolve(options.at)));
    const std::string page = options.format == CompileFormat::html
                                 ? render_compilation_html(compilation)
                                 : render_compilation_markdown(compilation);
    if (options.output.empty()) {
        print_document(page, context);
        return kExitOk;
    }
    const std::string error =
        write_output(options.output, page, OutputOptions{ws.repo().workdir()});
    if (!error.empty())
        throw failure("cannot write the compilation to '" + options.output + "': " + error +
                      " (does its directory exist? Choose a writable path with -o, or leave -o "
                      "out to print to standard output)");
    return kExitOk;
}

}  // namespace

void register_compile(CLI::App& app, Run& run) {
    auto options = std::make_shared<CompileOptions>();
    CLI::App* command =
        app.add_subcommand("compile", "The whole negotiation as one document (Markdown or HTML)");
    command->footer(
        "The whole negotiation as one document, in the order of the secretariat's compilation:\n"
        "the outline's title and preamble, then each section and group heading and under it\n"
        "each text's heading and body (front matter left out). Every text appears once.\n\n"
        "Markdown (the default) reads like the compilation the secretariat circulates. HTML is\n"
        "one self-contained file (no scripts, fonts or other requests) for a browser or a\n"
        "printer: brackets, alternatives, options and strikes stand out, every word is\n"
        "underlined in the colour of the delegation that proposed it and shows who and when on\n"
        "hover, a legend lists the delegations, and each text ends with its proposals.\n\n"
        "  accord compile > compilation.md\n"
        "  accord compile --format html -o compilation.html\n"
        "  accord compile --at WGEC-3 --format html -o wgec-3.html   as it stood after a meeting\n"
        "  accord compile --at 2014-02-25                            as it stood that evening");
    command
        ->add_option("--format", options->format,
                     "md for the secretariat's compilation, html for a browser or a printer")
        ->transform(CLI::CheckedTransformer(
            std::map<std::string, CompileFormat>{{"md", CompileFormat::markdown},
                                                 {"markdown", CompileFormat::markdown},
                                                 {"html", CompileFormat::html}},
            CLI::ignore_case))
        ->option_text("md|html (default: md)");
    command->add_option("--at", options->at, "A git revision, a date (YYYY-MM-DD) or a meeting")
        ->default_str("HEAD");
    command->add_option("-o,--output", options->output,
                        "Write to this file instead of standard output (- for standard output)");
    command->add_flag("--across-texts", options->across_texts,
                      "HTML: attribute words as accord blame --across-texts does");
    command->callback([options, &run] {
        run = [options](const Context& c) { return run_compile(*options, c); };
    });
}

}  // namespace accord::cmd
