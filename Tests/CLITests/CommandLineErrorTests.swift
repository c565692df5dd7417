import Testing
import TestSupport

/// Every failure of every command is one line on standard error naming the command, with argument-parser's exit
/// statuses: 64 for usage errors, 1 for other errors; help stays intact.
@Suite struct CommandLineErrorTests {
    /// Runs tmkit and checks the one error line and the status.
    func expectOneLine(_ arguments: [String], status: Int32, line expected: String) throws {
        let result = try CLI.run(arguments, stdin: "")
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.stderr == expected + "\n", "\(arguments)")
        #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
    }

    @Test func unknownOptionIsOneLineWithTheSuggestion() throws {
        try expectOneLine(["translit", "--shceme", "bgn-pcgn", "Минск"], status: 64,
                          line: "tmkit translit: error: unknown option '--shceme'. Did you mean '--scheme'? (see 'tmkit translit --help')")
        try expectOneLine(["normalize", "--bogus"], status: 64,
                          line: "tmkit normalize: error: unknown option '--bogus' (see 'tmkit normalize --help')")
    }

    @Test func missingAndBadValuesAreOneLine() throws {
        try expectOneLine(["segment", "--lang"], status: 64,
                          line: "tmkit segment: error: missing value for '--lang <lang>' (see 'tmkit segment --help')")
        let badForm = try CLI.run(["normalize", "--form", "nfx", "x"])
        #expect(badForm.status == 64)
        #expect(badForm.stderr.hasPrefix("tmkit normalize: error: the value 'nfx' is invalid for '--form <form>'"), "\(badForm.stderr)")
        #expect(badForm.stderr.hasSuffix(" (see 'tmkit normalize --help')\n"))
        #expect(badForm.stderr.split(separator: "\n").count == 1)
    }

    @Test func validationRulesOfACommandAreUsageErrors() throws {
        try expectOneLine(["translit", "Минск"], status: 64,
                          line: "tmkit translit: error: missing --scheme NAME; `tmkit schemes` lists the schemes (see 'tmkit translit --help')")
    }

    @Test func nestedCommandsAreNamed() throws {
        let result = try CLI.run(["tm", "stats", "--nonsense"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("tmkit tm stats: error: unknown option '--nonsense'"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        let unknownCommand = try CLI.run(["translate", "x"])
        #expect(unknownCommand.status == 64)
        #expect(unknownCommand.stderr == "tmkit: error: 2 unexpected arguments: 'translate', 'x' (see 'tmkit --help')\n")
        #expect(unknownCommand.stderr.split(separator: "\n").count == 1)
    }

    @Test func runtimeErrorsAreOneLineWithStatusOne() throws {
        try expectOneLine(["translit", "--scheme", "nonesuch", "Минск"], status: 1,
                          line: "tmkit translit: error: unknown transliteration scheme 'nonesuch'; known schemes: "
                              + "bgn-pcgn, icao-9303, gost-7.79-b, wikipedia, national-2007, national-2023")
        try expectOneLine(["segment", "--input", "/nonexistent/file.txt"], status: 1,
                          line: "tmkit segment: error: /nonexistent/file.txt: cannot read the file (missing or not readable)")
    }

    @Test func findingsKeepTheirStatusAndHelpIsIntact() throws {
        let findings = try CLI.run(["inspect", "--lang", "ru", "-"], stdin: "Мoсква\n")
        #expect(findings.status == 1)
        #expect(!findings.stdout.isEmpty && findings.stderr.isEmpty)
        let help = try CLI.run(["translit", "--help"])
        #expect(help.status == 0 && help.stderr.isEmpty)
        #expect(help.stdout.contains("USAGE: tmkit translit"))
        #expect(help.stdout.contains("--scheme <scheme>"))
        let version = try CLI.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("tmkit "))
    }
}
