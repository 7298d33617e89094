import ArgumentParser
import Experiments

/// `--prior`: `uniform:LO,HI`, `normal:SIGMA` or `flat` (`PriorSpec(commandLine:)`).
struct PriorArgument: ExpressibleByArgument, CustomStringConvertible, Sendable {
    var text: String
    var spec: PriorSpec

    init(parsing text: String) throws {
        do {
            spec = try PriorSpec(commandLine: text)
        } catch let error as SpecError {
            throw ValidationError(error.message)
        }
        self.text = text
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    static var defaultCompletionKind: CompletionKind { .list(["uniform:-1,1", "normal:1", "flat"]) }

    var description: String { text }
}
