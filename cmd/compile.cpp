// accord compile [--format md|html|docx] [--at REV] [-o FILE] [--across-texts]
//                [--changes-since REV]
#include <iostream>

#include "cmd/command.hpp"
#include "core/util/errors.hpp"
#include "core/util/file.hpp"
#include "core/util/terminal.hpp"
#include "merge/compile/compilation.hpp"
#include "merge/compile/render_docx.hpp"
#include "merge/compile/render_docx_changes.hpp"
#include "merge/compile/render_html.hpp"
#include "merge/compile/render_markdown.hpp"

namespace accord::cmd {

namespace {

enum class CompileFormat { markdown, html, docx };

struct CompileOptions {
    CompileFormat format = CompileFormat::markdown;
    std::string at = "HEAD";
    std::string output;         // empty: standard output
    std::string changes_since;  // docx: every change since then as a tracked change
    bool across_texts = false;
};

// --format docx: a Word document, written to -o.
ExitCode run_compile_docx(const CompileOptions& options) {
    if (options.output.empty() || options.output == "-")
        throw usage_error(
            "a Word document is a file: name it with -o, e.g. "
            "accord compile --format docx -o compilation.docx");
    const Workspace ws = Workspace::open(".");
    CompilationOptions compile;
    compile.at = options.at;
    compile.oversized = OversizedText::refused;
    compile.attribute = !options.changes_since.empty();
    compile.version_texts = compile.attribute;  // the tracked changes diff the versions
    compile.across_texts = options.across_texts;
    const Compilation compilation = compile_negotiation(ws, compile);
    if (!ws.repo().is_empty_branch()) note_skipped_links(ws.skipped_links(ws.resolve(options.at)));
    DocxRenderOptions render;
    if (compilation.proposal) render.created = compilation.proposal->date;
    if (!options.changes_since.empty() && !compilation.revision.empty()) {
        changes_since(ws, compilation, ws.resolve(options.changes_since), render);
        for (const CompiledText& compiled : compilation.texts) {
            if (compiled.unattributed.empty()) continue;
            std::cerr << "accord: warning: " << escape_controls(compiled.text.path) << ": "
                      << escape_controls(compiled.unattributed)
                      << "; its tracked changes are credited to the last proposal\n";
        }
    }
    const DocxRendering document = render_compilation_docx(compilation, render);
    for (const std::string& warning : document.warnings)
        std::cerr << "accord: warning: " << escape_controls(warning) << "\n";
    const std::string error =
        write_output(options.output, document.bytes, OutputOptions{ws.repo().workdir()});
    if (!error.empty())
        throw failure("cannot write the compilation to '" + options.output + "': " + error +
                      " (does its directory exist? Choose a writable path with -o)");
    return kExitOk;
}

ExitCode run_compile(const CompileOptions& options, const Context& context) {
    if (options.format == CompileFormat::docx) return run_compile_docx(options);
    if (!options.changes_since.empty())
        throw usage_error("--changes-since is for Word documents: add --format docx");
    const Workspace ws = Workspace::open(".");
    CompilationOptions compile;
    compile.at = options.at;
    compile.attribute = options.format == CompileFormat::html;
    if (compile.attribute) compile.oversized = OversizedText::noted;
    compile.across_texts = options.across_texts;
    const Compilation compilation = compile_negotiation(ws, compile);
    if (!ws.repo().is_empty_branch()) note_skipped_links(ws.skipped_links(ws.resolve(options.at)));
    // The HTML page, the largest output, is written as it is made.
    const ContentProducer produce = [&](const PieceSink& write) {
        if (options.format == CompileFormat::html)
            render_compilation_html(compilation, write);
        else
            write(render_compilation_markdown(compilation));
    };
    if (options.output.empty()) {
        produce([&](std::string_view piece) { print_document(piece, context); });
        return kExitOk;
    }
    const std::string error =
        write_output(options.output, produce, OutputOptions{ws.repo().workdir()});
    if (!error.empty())
        throw failure("cannot write the compilation to '" + options.output + "': " + error +
                      " (does its directory exist? Choose a writable path with -o, or leave -o "
                      "out to print to standard output)");
    return kExitOk;
}

}  // namespace

void register_compile(CLI::App& app, Run& run) {
    auto options = std::make_shared<CompileOptions>();
    CLI::App* command = app.add_subcommand(
        "compile", "The whole negotiation as one document (Markdown, HTML or Word)");
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
        "  accord compile --at 2014-02-25                            as it stood that evening\n"
        "  accord compile --format docx -o compilation.docx         for Word\n"
        "  accord compile --format docx --changes-since WGEC-3 -o changes.docx\n\n"
        "A Word document (docx) has each text's lines as paragraphs, brackets and status tags as\n"
        "typed and strikes as strikethrough; importing it back (accord import FILE.docx) gives\n"
        "each text byte for byte. With --changes-since, each change since then is a Word tracked\n"
        "change by the delegation that proposed it, dated by its proposal.");
    command
        ->add_option("--format", options->format,
                     "md for the secretariat's compilation, html for a browser or a printer, docx "
                     "for Word")
        ->transform(one_of<CompileFormat>({{"md", CompileFormat::markdown},
                                           {"markdown", CompileFormat::markdown},
                                           {"html", CompileFormat::html},
                                           {"docx", CompileFormat::docx}}))
        ->option_text("md|html|docx (default: md)");
    command->add_option("--changes-since", options->changes_since,
                        "docx: every change since this revision, date or meeting as a Word "
                        "tracked change by the delegation that proposed it, and the positions "
                        "since then as comments");
    command->add_option("--at", options->at, "A git revision, a date (YYYY-MM-DD) or a meeting")
        ->default_str("HEAD");
    command->add_option("-o,--output", options->output,
                        "Write to this file instead of standard output (- for standard output)");
    command->add_flag("--across-texts", options->across_texts,
                      "HTML, and docx with --changes-since: attribute words as accord "
                      "blame --across-texts does");
    command->callback([options, &run] {
        run = [options](const Context& c) { return run_compile(*options, c); };
    });
}

}  // namespace accord::cmd
