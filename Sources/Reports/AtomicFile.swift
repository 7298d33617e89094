import CTemporaryFiles
import Foundation

/// File writes that never leave a half-written result and never clobber what
/// is not a regular file. `OutputTarget` decides which of these applies.
///
/// A regular file is replaced through a temporary sibling `.NAME.RANDOM.tmp`:
/// created exclusively (`O_CREAT | O_EXCL | O_NOFOLLOW`, so a planted file or
/// symbolic link at that name is never opened), under a name nobody can
/// predict (16 characters from the system's random source), written, synced,
/// then renamed over the destination (atomic on one file system). While it
/// exists it is registered with `TemporaryFiles`, which deletes it if SIGINT,
/// SIGTERM or SIGHUP arrives.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `path`: see `OutputTarget.write`.
    public static func write(_ text: String, toPath path: String) throws {
        try OutputTarget(path).write(text)
    }

    /// Writes `data` to the file at `url`: see `OutputTarget.write`.
    public static func write(_ data: Data, to url: URL) throws {
        try OutputTarget(url.path).write(data)
    }

    /// Replaces (or creates) the regular file at `path` with `data` through an
    /// exclusively created temporary file in the same directory. `mode` is the
    /// replaced file's permission bits, kept; nil gives 0666 less the umask.
    /// `temporaryName` makes the temporary name from the file name (tests plant files at its names).
    static func replace(_ path: String, with data: Data, mode: mode_t?,
                        temporaryName: (String) -> String = AtomicFile.temporaryName(for:)) throws(SystemError) {
        TemporaryFiles.installHandlers()
        let directory = OutputTarget.parent(of: path)
        let name = OutputTarget.name(of: path)
        for _ in 0..<16 {
            let temporary = (directory == "/" ? "/" : directory + "/") + temporaryName(name)
            let registration = TemporaryFiles.register(temporary)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd < 0 {
                let code = errno
                TemporaryFiles.unregister(registration)
                if code == EEXIST { continue }  // someone else's file (or link) at that name: draw another
                throw SystemError.errno("creating a temporary file in \(directory)", code)
            }
            do throws(SystemError) {
                if let mode { _ = fchmod(fd, mode) }
                try writeAll(data, to: fd)
                guard fsync(fd) == 0 || errno == EINVAL else { throw SystemError.errno("syncing \(temporary)") }
                let closed = close(fd)
                guard closed == 0 else { throw SystemError.errno("closing \(temporary)") }
                guard rename(temporary, path) == 0 else { throw SystemError.errno("renaming \(temporary) to \(path)") }
                TemporaryFiles.unregister(registration)
                return
            } catch {
                _ = close(fd)  // EBADF if already closed: harmless
                unlink(temporary)
                TemporaryFiles.unregister(registration)
                throw error
            }
        }
        throw SystemError(reason: "could not create a temporary file with a fresh name in \(directory)")
    }

    /// Opens the existing device or FIFO at `path` for writing (no create, no
    /// truncate, no rename) and writes `data`. Opening a FIFO waits for a reader.
    static func writeDirectly(_ data: Data, to path: String) throws(SystemError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw SystemError.errno("opening") }
        do throws(SystemError) {
            try writeAll(data, to: fd)
        } catch {
            _ = close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw SystemError.errno("closing") }
    }

    /// Writes all of `data` to `fd`, resuming after partial writes and EINTR.
    static func writeAll(_ data: Data, to fd: Int32) throws(SystemError) {
        let failure: Int32? = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int32? in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw SystemError.errno("writing", failure) }
    }

    /// `.NAME.RANDOM.tmp`: NAME cut to 100 bytes (so the whole stays under
    /// NAME_MAX), RANDOM 16 characters of [a-z0-9] from the system's random
    /// source (about 82 bits), so no one can plant a file at it in advance.
    static func temporaryName(for name: String) -> String {
        var stem = ""
        for character in name {
            if stem.utf8.count + character.utf8.count > 100 { break }
            stem.append(character)
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        let random = String((0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
        return ".\(stem).\(random).tmp"
    }
}
