import ArgumentParser
import TMKit

@main
struct TMKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tmkit",
        abstract: "Translation memories, sentence alignment and glossaries for English, Russian and Belarusian.",
        discussion: """
            Text commands read their text from arguments, from standard input with `-`, or from a file with --input, \
            and write to standard output or to a file with -o.
            """,
        version: "tmkit \(TMKitInfo.version) (ICU \(ICU.version))",
        subcommands: [
            Normalize.self,
            Segment.self,
            Inspect.self,
            Identify.self,
            Translit.self,
            Schemes.self,
            GlossaryCommand.self,
            Render.self,
            Check.self,
            Align.self,
            Eval.self,
            TM.self,
            Serve.self,
        ]
    )
}
