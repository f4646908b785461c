#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The process's open-file limit, raised to what the system allows, and how many HTTP
/// connections fit under it.
enum DescriptorLimit {
    /// Descriptors kept for the database, log files and the listening socket.
    static let reserve = 64

    /// Raises the soft limit to the hard one (systemd's and most shells' soft limit is
    /// 1,024, far below what a programme of workshops needs) and answers the result.
    static func raise() -> (descriptors: Int, connections: Int) {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 else { return (1024, 1024 - reserve) }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(RLIMIT_NOFILE_VALUE, &raised) == 0 { limit = raised }
        }
        let descriptors = Int(min(limit.rlim_cur, rlim_t(Int32.max)))
        return (descriptors, max(16, descriptors - reserve))
    }

    #if canImport(Glibc)
    private static let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let RLIMIT_NOFILE_VALUE = RLIMIT_NOFILE
    #endif
}
