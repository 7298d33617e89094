import Foundation
import Testing
import TestSupport

/// File flags: checked before any work, results printed before files are
/// written, devices never replaced, and a write error never hides a failed check.
@Suite struct OutputPathCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized

    /// A missing directory is reported while parsing: exit 2, the flag, the
    /// path and the reason, and nothing sampled (no estimate was computed to lose).
    @Test func missingDirectoryExitsTwoBeforeAnyWork() throws {
        let r = try runRLCT(["llc", "--polynomial", "w^4", "--trace", "/nonexistent-dir/x", "--quiet"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--trace") && r.stderr.contains("/nonexistent-dir/x") && r.stderr.contains("does not exist"), "\(r.stderr)")
        #expect(r.stdout.isEmpty, "nothing ran")
    }

    /// `dir/` names a directory: refused, and no file named `dir` appears.
    @Test func trailingSlashIsRefusedAndCreatesNothing() throws {
        let dir = try temporaryDirectory()
        let r = try runRLCT(["llc", "--polynomial", "w^4", "--trace", "out/", "--quiet"], in: dir)
        #expect(r.status == 2 && r.stderr.contains("ends in '/'"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// A write that fails after the work (a full device) still shows the estimate first.
    @Test func estimateIsPrintedBeforeAFailingWrite() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let r = try runRLCT(["llc", "--polynomial", "w^4", "--trace", "/dev/full", "--quiet"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("λ̂ = "), "the estimate is not lost")
        #expect(r.stderr.contains("--trace /dev/full") && r.stderr.contains("No space"), "\(r.stderr)")
    }

    /// --json /dev/null writes the device (it stays the character device), a
    /// symbolic link's target is written and the link kept.
    @Test func devicesAndLinksAreWrittenNotReplaced() throws {
        var before = stat()
        #expect(stat("/dev/null", &before) == 0)
        let dir = try temporaryDirectory()
        let link = dir.appendingPathComponent("junit.xml").path, real = dir.appendingPathComponent("real.xml").path
        #expect(symlink("real.xml", link) == 0)
        let r = try runRLCT(["regress", Self.fixtures.appendingPathComponent("potential/potential-w-4.json").path, "--quick",
                             "--methods", "llc", "--json-file", "/dev/null", "--junit", link, "--quiet"])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        var after = stat()
        #expect(lstat("/dev/null", &after) == 0)
        #expect(after.st_mode & S_IFMT == S_IFCHR && after.st_rdev == before.st_rdev && after.st_ino == before.st_ino)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "real.xml")
        #expect(try String(contentsOfFile: real, encoding: .utf8).contains("<testsuites"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["junit.xml", "real.xml"], "no temporary left")
    }

    /// A failing check with a --json that cannot be written (a full device):
    /// exit 1, not 2, the error on stderr, and the JUnit file still written.
    @Test func writeErrorDoesNotHideAFailedCheck() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let dir = try temporaryDirectory()
        var text = try String(contentsOf: Self.fixtures.appendingPathComponent("potential/potential-w-4.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"lambda\": \"1/4\"", with: "\"lambda\": \"1/3\"")
        let file = dir.appendingPathComponent("wrong.json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let junit = dir.appendingPathComponent("r.xml").path
        let r = try runRLCT(["regress", file.path, "--quick", "--methods", "llc", "--json-file", "/dev/full", "--junit", junit, "--quiet"])
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stderr.contains("--json-file /dev/full"), "\(r.stderr)")
        let (ok, elements) = XMLElements.parse(try String(contentsOfFile: junit, encoding: .utf8))
        #expect(ok && XMLElements.named("failure", in: elements).count == 2, "analytic and llc fail")
    }

    /// An unwritable --json is caught before the fixtures run: exit 2, nothing written.
    @Test func regressChecksEveryFileFlagFirst() throws {
        let dir = try temporaryDirectory()
        let junit = dir.appendingPathComponent("r.xml").path
        let r = try runRLCT(["regress", Self.fixtures.appendingPathComponent("potential/potential-w-4.json").path, "--quick",
                             "--junit", junit, "--json-file", dir.path, "--quiet"])
        #expect(r.status == 2 && r.stderr.contains("--json-file") && r.stderr.contains("is a directory"), "\(r.stderr)")
        #expect(r.stdout.isEmpty && !FileManager.default.fileExists(atPath: junit))
    }
}
