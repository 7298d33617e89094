import Foundation

/// Runs the tests' `rlct` as `ranks` MPI ranks: `mpirun --allow-run-as-root
/// --oversubscribe -n ranks rlct arguments…` (root is the rule in containers;
/// tests use more ranks than a small machine has cores).
/// `environment` is added to this process's (mpirun hands it to the ranks it starts here).
public func runUnderMPI(mpirun: String, ranks: Int, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    process.executableURL = URL(fileURLWithPath: mpirun)
    process.arguments = ["--allow-run-as-root", "--oversubscribe", "-n", "\(ranks)", rlctExecutableURL().path] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let errData = ReadAll(handle: err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData.wait(), as: UTF8.self))
}
