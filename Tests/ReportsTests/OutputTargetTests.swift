import Foundation
import Testing
import TestSupport
@testable import Reports

/// `OutputTarget` and `AtomicFile`: what is replaced, what is written in place,
/// what is refused, and that no temporary file survives.
@Suite struct OutputTargetTests {
    /// The names in `directory`, sorted.
    func listing(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        return info.st_mode & S_IFMT
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func regularFileIsReplacedAndNoTemporaryIsLeft() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("res.json").path
        try OutputTarget(path).write("first\n")
        try OutputTarget(path, flag: "--json").write("second\n")
        #expect(try read(path) == "second\n")
        #expect(try listing(dir) == ["res.json"])
    }

    @Test func replacingKeepsTheFilesPermissions() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("r.md").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(chmod(path, 0o640) == 0)
        try OutputTarget(path).write("new")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640)
    }

    @Test func symlinkTargetIsWrittenAndTheLinkKept() throws {
        let dir = try temporaryDirectory()
        let real = dir.appendingPathComponent("real.json").path, link = dir.appendingPathComponent("link.json").path
        try "old".write(toFile: real, atomically: false, encoding: .utf8)
        #expect(symlink("real.json", link) == 0)  // relative: resolved from the link's directory
        try OutputTarget(link).write("new")
        #expect(fileType(link) == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.json")
        #expect(try read(real) == "new")
        #expect(try listing(dir) == ["link.json", "real.json"])

        // A dangling link: its target is created, the link stays.
        let dangling = dir.appendingPathComponent("later.json").path
        #expect(symlink(dir.appendingPathComponent("sub-absent.json").path, dangling) == 0)
        try OutputTarget(dangling).write("made")
        #expect(fileType(dangling) == S_IFLNK)
        #expect(try read(dir.appendingPathComponent("sub-absent.json").path) == "made")
    }

    @Test func linkLoopIsRefused() throws {
        let dir = try temporaryDirectory()
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        #expect(symlink(b, a) == 0 && symlink(a, b) == 0)
        #expect(throws: OutputFileError.self) { try OutputTarget(a) }
    }

    @Test func fifoIsWrittenInPlaceNotReplaced() throws {
        let dir = try temporaryDirectory()
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader first (non-blocking open), so the writer's open does not wait.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try OutputTarget(fifo, flag: "--json").write("through the pipe\n")
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = Foundation.read(reader, &buffer, buffer.count)
        #expect(count > 0 && String(decoding: buffer[..<max(count, 0)], as: UTF8.self) == "through the pipe\n")
        #expect(fileType(fifo) == S_IFIFO)
        #expect(try listing(dir) == ["pipe"])
    }

    @Test func devNullStaysTheDeviceThroughALinkOrDirectly() throws {
        var before = stat()
        #expect(stat("/dev/null", &before) == 0)
        let dir = try temporaryDirectory()
        let link = dir.appendingPathComponent("null.json").path
        #expect(symlink("/dev/null", link) == 0)
        try OutputTarget("/dev/null", flag: "--json").write("discarded\n")
        try OutputTarget(link).write("discarded\n")
        var after = stat()
        #expect(lstat("/dev/null", &after) == 0)
        #expect(after.st_mode & S_IFMT == S_IFCHR)
        #expect(after.st_ino == before.st_ino && after.st_rdev == before.st_rdev)
        #expect(fileType(link) == S_IFLNK)
        #expect(try listing(dir) == ["null.json"])
    }

    @Test func writeErrorOnADeviceNamesFlagAndPath() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        #expect {
            try OutputTarget("/dev/full", flag: "--json").write("x")
        } throws: { error in
            let e = error as? OutputFileError
            return e?.flag == "--json" && e?.path == "/dev/full" && e?.description.contains("No space") == true
        }
    }

    /// The old scheme's name `.NAME.PID.tmp`, planted as a link to a victim, is not followed.
    @Test func plantedLinkAtThePredictableOldNameIsNotFollowed() throws {
        let dir = try temporaryDirectory()
        let victim = dir.appendingPathComponent("victim").path
        try "precious".write(toFile: victim, atomically: false, encoding: .utf8)
        let planted = dir.appendingPathComponent(".res.json.\(getpid()).tmp").path
        #expect(symlink(victim, planted) == 0)
        try OutputTarget(dir.appendingPathComponent("res.json").path).write("result")
        #expect(try read(victim) == "precious")
        #expect(fileType(planted) == S_IFLNK)
        #expect(try read(dir.appendingPathComponent("res.json").path) == "result")
        #expect(try listing(dir) == [".res.json.\(getpid()).tmp", "res.json", "victim"])
    }

    /// Even at the very name the writer draws, a planted link is not opened:
    /// the exclusive create fails and another name is drawn.
    @Test func plantedLinkAtTheDrawnNameIsNotFollowed() throws {
        let dir = try temporaryDirectory()
        let victim = dir.appendingPathComponent("victim").path
        try "precious".write(toFile: victim, atomically: false, encoding: .utf8)
        let target = dir.appendingPathComponent("res.json").path
        #expect(symlink(victim, dir.appendingPathComponent(".planted.tmp").path) == 0)
        #expect(symlink("absent", dir.appendingPathComponent(".dangling.tmp").path) == 0)
        var names = [".planted.tmp", ".dangling.tmp", ".fresh.tmp"].makeIterator()
        try AtomicFile.replace(target, with: Data("result".utf8), mode: nil, temporaryName: { _ in names.next()! })
        #expect(try read(victim) == "precious")
        #expect(try read(target) == "result")
        #expect(try listing(dir) == [".dangling.tmp", ".planted.tmp", "res.json", "victim"], "the links stay, .fresh.tmp was renamed")

        // Only planted names: the write fails, touching neither the victim nor the target.
        #expect(throws: SystemError.self) {
            try AtomicFile.replace(target, with: Data("other".utf8), mode: nil, temporaryName: { _ in ".planted.tmp" })
        }
        #expect(try read(victim) == "precious")
        #expect(try read(target) == "result")
    }

    @Test func temporaryNamesAreUnpredictable() {
        let names = (0..<1000).map { _ in AtomicFile.temporaryName(for: "res.json") }
        #expect(Set(names).count == names.count)
        for name in names.prefix(10) {
            #expect(name.hasPrefix(".res.json.") && name.hasSuffix(".tmp") && name.count == ".res.json.".count + 16 + 4)
        }
        let long = AtomicFile.temporaryName(for: String(repeating: "é", count: 200))
        #expect(long.utf8.count <= 100 + 22, "stays under NAME_MAX")
    }

    @Test func failedReplaceLeavesNoTemporary() throws {
        let dir = try temporaryDirectory()
        // rename(file, non-empty directory) fails after the temporary was written.
        let blocker = dir.appendingPathComponent("blocker")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
        try "x".write(to: blocker.appendingPathComponent("inside"), atomically: false, encoding: .utf8)
        #expect(throws: SystemError.self) {
            try AtomicFile.replace(blocker.path, with: Data("result".utf8), mode: nil)
        }
        #expect(try listing(dir) == ["blocker"])
        #expect(try listing(blocker) == ["inside"])
    }

    @Test(arguments: [
        ("DIR", "is a directory"),
        ("DIR/", "ends in '/'"),
        ("DIR/missing/x.json", "the directory DIR/missing does not exist"),
        ("DIR/file/x.json", "DIR/file is not a directory"),
        ("", "empty path"),
    ])
    func unwritablePathsAreRefusedWithTheReason(_ pattern: String, _ reason: String) throws {
        let dir = try temporaryDirectory()
        try "x".write(to: dir.appendingPathComponent("file"), atomically: false, encoding: .utf8)
        let path = pattern.replacingOccurrences(of: "DIR", with: dir.path)
        #expect {
            try OutputTarget(path, flag: "--plot")
        } throws: { error in
            guard let e = error as? OutputFileError else { return false }
            return e.flag == "--plot" && e.path == path && e.reason.contains(reason.replacingOccurrences(of: "DIR", with: dir.path))
        }
        #expect(try listing(dir) == ["file"], "nothing created")
    }

    @Test func linkToADirectoryIsRefused() throws {
        let dir = try temporaryDirectory()
        let link = dir.appendingPathComponent("l").path
        #expect(symlink(dir.path, link) == 0)
        #expect(throws: OutputFileError.self) { try OutputTarget(link) }
    }

    @Test func pathChangedAfterTheCheckIsCheckedAgain() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("x.svg").path
        let target = try OutputTarget(path, flag: "--plot")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: OutputFileError.self) { try target.write("svg") }
        #expect(try listing(dir) == ["x.svg"])
    }

    @Test func companionsAndStandardOutput() throws {
        let dir = try temporaryDirectory()
        let fig = try OutputTarget(dir.appendingPathComponent("fig.svg").path, flag: "--plot")
        #expect(try fig.companion("hist").path == dir.appendingPathComponent("fig-hist.svg").path)
        #expect(try fig.companion("hist").flag == "--plot")
        let dash = try OutputTarget("-", flag: "--json")
        #expect(dash.isStandardOutput)
        #expect(try dash.destination() == .standardOutput)
        #expect(throws: OutputFileError.self) { try dash.companion("hist") }
    }

    #if !os(Windows)
    /// SIGTERM while a temporary is registered deletes it, and the process
    /// still dies of SIGTERM (the conventional status). Run in a child process.
    @Test func signalDeletesRegisteredTemporaries() async throws {
        let dir = try temporaryDirectory()
        let registered = dir.appendingPathComponent(".r.json.abc.tmp").path
        let released = dir.appendingPathComponent(".s.json.abc.tmp").path
        await #expect(processExitsWith: .signal(SIGTERM)) { [registered = registered as String, released = released as String] in
            for path in [registered, released] { close(open(path, O_CREAT | O_WRONLY, 0o600)) }
            TemporaryFiles.installHandlers()
            _ = TemporaryFiles.register(registered)
            TemporaryFiles.unregister(TemporaryFiles.register(released))
            kill(getpid(), SIGTERM)  // to the process, as `kill` sends it (raise() targets this thread, which may block it)
            _ = pause()  // not reached: the handler re-raises with the default action
        }
        #expect(try listing(dir) == [".s.json.abc.tmp"])
    }
    #endif
}
