#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The process's open-file limit, raised to what the system allows, and how many HTTP
/// connections fit under it.
public enum DescriptorLimit {
    /// Descriptors kept for the database, log files and the listening socket.
    static let reserve = 64

    /// Raises the soft limit to the hard one (systemd's and most shells' soft limit is
    /// 1,024, far below what a programme of workshops needs). Only `momentum serve` calls
    /// it, at start: a test process whose limit changed while another thread ran
    /// Foundation's `Process.run` crashed in it.
    public static func raise() {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(RLIMIT_NOFILE_VALUE, &limit)
    }

    /// How many connections fit under the current limit.
    static func connections() -> Int {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 else { return 1024 - reserve }
        return max(16, Int(min(limit.rlim_cur, rlim_t(Int32.max))) - reserve)
    }

    #if canImport(Glibc)
    private static let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let RLIMIT_NOFILE_VALUE = RLIMIT_NOFILE
    #endif
}
