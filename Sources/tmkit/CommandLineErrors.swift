import ArgumentParser
import Foundation

/// The one way every command reports a failure: one line on standard error, then a non-zero exit.
///
///     tmkit translit: error: unknown option '--shceme'. Did you mean '--scheme'? (see 'tmkit translit --help')
///     tmkit normalize: error: bad.txt (byte 1): not valid UTF-8
///
/// Exit statuses are argument-parser's: 64 for a usage error (unknown option, missing or bad value, a rule of
/// `validate()`), 1 for any other error, and the status a command throws as `ExitCode` (1 for findings) as it is.
/// Help and version requests print as argument-parser prints them.
extension TMKitCommand {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(reporting: error, arguments: arguments)
        }
    }

    /// Prints `error` as one line naming the command and exits with its status.
    static func exit(reporting error: Error, arguments: [String]) -> Never {
        let status = exitCode(for: error)
        let message = message(for: error)
        // Help, version, and a bare `ExitCode`: nothing to rephrase.
        if status == .success || message.isEmpty { exit(withError: error) }
        FileHandle.standardError.write(Data((errorLine(message, status: status, arguments: arguments) + "\n").utf8))
        Foundation.exit(status.rawValue)
    }

    /// `<command>: error: <message>`, on one line; a usage error points to the command's help.
    static func errorLine(_ message: String, status: ExitCode, arguments: [String]) -> String {
        let command = commandPath(arguments)
        var text = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        guard status == .validationFailure else { return "\(command): error: \(text)" }
        // argument-parser's messages are sentences ("Unknown option"); ours read as one clause after "error:".
        if let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase == true {
            text = first.lowercased() + text.dropFirst()
        }
        if text.hasSuffix(".") { text.removeLast() }
        return "\(command): error: \(text) (see '\(command) --help')"
    }

    /// The command the arguments name: `tmkit`, then each leading argument that is a subcommand of the one before.
    static func commandPath(_ arguments: [String]) -> String {
        var names = [_commandName]
        var current: ParsableCommand.Type = self
        for argument in arguments {
            guard let next = current.configuration.subcommands.first(where: {
                $0._commandName == argument || $0.configuration.aliases.contains(argument)
            }) else { break }
            names.append(next._commandName)
            current = next
        }
        return names.joined(separator: " ")
    }
}
