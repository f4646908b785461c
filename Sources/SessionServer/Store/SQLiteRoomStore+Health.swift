import Foundation
import GRDB

extension SQLiteRoomStore {
    /// Free space under which the disk counts as full: a commit needs some room for its WAL.
    static let fullBelowBytes: UInt64 = 256 * 1024

    /// A read-only file or file system, or a disk with less than `fullBelowBytes` free.
    /// Three system calls, no write: `/healthz` needs no token and must cost nothing.
    func writeProblem() async -> String? {
        let path = pool.path
        let folder = (path as NSString).deletingLastPathComponent
        if access(path, W_OK) != 0 || access(folder.isEmpty ? "." : folder, W_OK) != 0 {
            return "the database file cannot be written (read-only file or file system)"
        }
        var info = statvfs()
        if statvfs(folder.isEmpty ? "." : folder, &info) == 0 {
            let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
            if free < Self.fullBelowBytes { return "the disk holding the database is full" }
        }
        return nil
    }
}
