import Foundation

/// Lines for people, flushed at once so that pipes and tests see them.
package enum Console {
    package static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    package static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
