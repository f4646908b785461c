import Glibc
import Synchronization

/// A lock file held while a server uses a SQLite database, so that a second server on the
/// same file refuses to start instead of corrupting what both believe.
///
/// `fcntl` record locks belong to the process and are not inherited by children (unlike
/// `flock`, whose lock a forked child would keep). They are also released by any close
/// of the file in this process, so the descriptor stays open and is closed only here.
final class ServerLock: Sendable {
    private let descriptor: Mutex<Int32>
    let path: String

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.unavailable("cannot create the lock file \(path): \(String(cString: strerror(errno)))") }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        guard fcntl(fd, F_SETLK, &lock) == 0 else {
            close(fd)
            throw StoreError.unavailable("another momentum server is using this database (\(path) is locked): stop it first, or share a PostgreSQL database between servers")
        }
        descriptor = Mutex(fd)
    }

    func release() {
        descriptor.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    deinit { release() }
}
