import Foundation

/// Asks for a secret on the terminal without echoing it (like getpass(3), which is obsolete
/// and reads /dev/tty behind the caller's back): the moderator key typed by an expert shows
/// neither on the screen nor in `ps`.
enum SecretPrompt {
    /// The line typed after `prompt`; nil when standard input is not a terminal or nothing was typed.
    static func ask(_ prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        // Echo off for the key only; the newline the user types is echoed by hand below.
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        FileHandle.standardOutput.write(Data(prompt.utf8))
        let line = readLine(strippingNewline: true)
        FileHandle.standardOutput.write(Data("\n".utf8))
        guard let key = line?.trimmingCharacters(in: .whitespaces), !key.isEmpty else { return nil }
        return key
    }
}
