import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading an input file (a spec, a CSV) that must be a regular file of
/// bounded size. The file is opened without blocking and checked with
/// `fstat` before any byte is read, so a FIFO, `/dev/null`, `/dev/zero` or
/// a directory is refused at once ("not a regular file") instead of blocking
/// forever or reading without end.
public enum RegularFile {
    /// Why a file cannot be read; `message` is a sentence fragment without the path.
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The size in bytes of the regular file at `path`.
    public static func size(atPath path: String) throws -> Int {
        try withDescriptor(path) { _, size in size }
    }

    /// The whole file; throws if it is not a regular file or is larger than `maximumBytes`.
    public static func read(atPath path: String, maximumBytes: Int) throws -> Data {
        try withDescriptor(path) { fd, size in
            guard size <= maximumBytes else {
                throw ReadError(message: "the file has \(ByteCount.format(size)), more than the \(ByteCount.format(maximumBytes)) allowed")
            }
            var data = Data(count: size)
            var done = 0
            while done < size {
                let got = data.withUnsafeMutableBytes { buffer in
                    Glibc_read(fd, buffer.baseAddress! + done, size - done)
                }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw ReadError(message: "cannot read the file (\(String(cString: strerror(errno))))")
                }
                if got == 0 { break }  // the file shrank while being read
                done += got
            }
            if done < size { data.removeSubrange(done..<size) }
            return data
        }
    }

    /// Opens `path` read-only without blocking, checks that it is a regular
    /// file and passes its descriptor and size to `body`.
    private static func withDescriptor<T>(_ path: String, _ body: (Int32, Int) throws -> T) throws -> T {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            switch code {
            case ENOENT: throw ReadError(message: "no such file")
            case EACCES: throw ReadError(message: "permission denied")
            default: throw ReadError(message: "cannot open the file (\(String(cString: strerror(code))))")
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ReadError(message: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            let kind: String
            switch type {
            case S_IFDIR: kind = "a directory"
            case S_IFIFO: kind = "a FIFO (named pipe)"
            case S_IFCHR: kind = "a character device"
            case S_IFBLK: kind = "a block device"
            case S_IFSOCK: kind = "a socket"
            default: kind = "a special file"
            }
            throw ReadError(message: "not a regular file (it is \(kind)); expected a regular file")
        }
        // Regular files never block, so reads can go back to blocking mode.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return try body(fd, Int(info.st_size))
    }
}

/// `read(2)`, named apart from `RegularFile.read`.
@inline(__always)
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}
