import Foundation

extension OutputTarget {
    /// What writing to the path will do, once symbolic links are followed.
    enum Destination: Equatable {
        /// `-`.
        case standardOutput
        /// A device or FIFO at `path` (the link's target): opened and written in place.
        case direct(path: String)
        /// A regular file (with `mode`) or nothing at `path`: replaced atomically.
        case replace(path: String, mode: mode_t?)
    }

    /// Symbolic links followed before giving up, as the kernel's own limit (Linux MAXSYMLINKS).
    static let maximumLinks = 40

    /// Resolves the path and checks it can be written; throws `OutputFileError` naming the reason.
    func destination() throws -> Destination {
        do {
            return try Self.destination(of: path)
        } catch {
            throw OutputFileError(flag: flag, path: path, reason: error.reason)
        }
    }

    static func destination(of path: String) throws(SystemError) -> Destination {
        if path == "-" { return .standardOutput }
        guard !path.isEmpty else { throw SystemError(reason: "empty path") }
        guard !path.hasSuffix("/") else {
            throw SystemError(reason: "ends in '/', which names a directory; give a file name")
        }
        var current = path
        for _ in 0...maximumLinks {
            var info = stat()
            if lstat(current, &info) != 0 {
                let code = errno
                switch code {
                case ENOENT:
                    try checkDirectory(parent(of: current), holding: current)
                    return .replace(path: current, mode: nil)
                case ENOTDIR:
                    throw SystemError(reason: "\(parent(of: current)) is not a directory")
                default:
                    throw SystemError.errno(current, code)
                }
            }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                current = try linkTarget(current)
            case S_IFDIR:
                throw SystemError(reason: current == path ? "is a directory, not a file" : "the link points to the directory \(current)")
            case S_IFREG:
                try checkDirectory(parent(of: current), holding: current)
                guard writable(current) else { throw SystemError(reason: "\(current) is not writable") }
                return .replace(path: current, mode: info.st_mode & 0o777)
            case S_IFCHR, S_IFBLK, S_IFIFO:
                guard writable(current) else { throw SystemError(reason: "\(current) is not writable") }
                return .direct(path: current)
            case S_IFSOCK:
                throw SystemError(reason: "\(current) is a socket, not a file")
            default:
                throw SystemError(reason: "\(current) is not a regular file, device or FIFO")
            }
        }
        throw SystemError(reason: "more than \(maximumLinks) symbolic links")
    }

    /// The directory that will hold the file (and its temporary sibling) must
    /// exist and be writable and searchable.
    static func checkDirectory(_ directory: String, holding file: String) throws(SystemError) {
        var info = stat()
        guard stat(directory, &info) == 0 else {
            let code = errno
            if code == ENOENT { throw SystemError(reason: "the directory \(directory) does not exist") }
            throw SystemError.errno(directory, code)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw SystemError(reason: "\(directory) is not a directory") }
        guard faccessat(AT_FDCWD, directory, W_OK | X_OK, AT_EACCESS) == 0 else {
            throw SystemError.errno("cannot create \(file) in \(directory)")
        }
    }

    /// Whether the effective user may write `path`.
    static func writable(_ path: String) -> Bool {
        faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0
    }

    /// The target of the symbolic link `link`, relative targets taken from the link's directory.
    static func linkTarget(_ link: String) throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count >= 0 else { throw SystemError.errno("reading the link \(link)") }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard !target.isEmpty else { throw SystemError(reason: "the link \(link) is empty") }
        if target.hasPrefix("/") { return target }
        let directory = parent(of: link)
        return directory == "/" ? "/" + target : directory + "/" + target
    }

    /// The directory part of `path`: `a/b` → `a`, `b` → `.`, `/b` → `/`.
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = path[..<slash]
        if directory.allSatisfy({ $0 == "/" }) { return "/" }
        return String(directory)
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
