import ArgumentParser
import Foundation

/// Where a secret (the moderator key, the admin token) comes from, so that it never has to
/// be typed on the command line, where `ps` shows it to everyone on the machine: the
/// option, else a file (first line), else an environment variable.
package enum SecretSource {
    package static func resolve(option: String?, file: String?, environment variable: String, in environment: [String: String]) throws -> String? {
        if let option, !option.isEmpty { return option }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError(CommandLineLanguage.pick(
                    fr: "Le fichier \(file) ne peut pas être lu : vérifie son chemin et ses droits.",
                    en: "The file \(file) cannot be read: check its path and permissions."))
            }
            let secret = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard !secret.isEmpty else {
                throw ValidationError(CommandLineLanguage.pick(fr: "Le fichier \(file) est vide.", en: "The file \(file) is empty."))
            }
            return secret
        }
        return environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }
}
