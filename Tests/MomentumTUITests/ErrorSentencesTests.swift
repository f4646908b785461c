import Foundation
import Testing
@testable import MomentumTUI

/// Every error code the server can answer (docs/openapi.yaml) has a sentence for a beginner in
/// each catalogue; the server's English sentence is only a fallback for unknown codes.
@Suite("Error sentences")
struct ErrorSentencesTests {
    /// The error codes docs/openapi.yaml declares: the `Error` schema's list and every
    /// response's `enum`/`const` under `error:`.
    static func documentedCodes() throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let yaml = try String(contentsOf: root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var codes = Set<String>()
        for (index, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces) == "error:" {
            for next in lines[(index + 1)...].prefix(4) {
                let text = next.trimmingCharacters(in: .whitespaces)
                if text.hasPrefix("enum: [") {
                    codes.formUnion(text.dropFirst(7).dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                } else if text.hasPrefix("const: ") {
                    codes.insert(String(text.dropFirst(7)))
                } else if text == "enum:" {
                    let start = lines.firstIndex(of: next)! + 1
                    for item in lines[start...] {
                        let entry = item.trimmingCharacters(in: .whitespaces)
                        guard entry.hasPrefix("- ") else { break }
                        codes.insert(String(entry.dropFirst(2)))
                    }
                }
            }
        }
        return codes
    }

    /// Words that give English away in a French sentence.
    static func englishWords(in sentence: String) -> [String] {
        let english: Set<String> = ["the", "is", "you", "your", "this", "not", "please", "and", "with", "was", "refused", "contains", "character"]
        return sentence.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init).filter(english.contains)
    }

    @Test func everyDocumentedCodeHasASentenceInEachLanguage() throws {
        let codes = try Self.documentedCodes()
        #expect(codes.count >= 30, "the parser found \(codes.count) codes only: \(codes.sorted())")
        for code in codes.sorted() {
            for language in Language.allCases {
                #expect(ErrorSentences.sentence(for: code, in: language) != nil, "no \(language) sentence for \(code)")
            }
        }
        // No stale key either: the catalogues say the same codes, all documented.
        #expect(Set(ErrorSentences.french.keys) == Set(ErrorSentences.english.keys))
        #expect(Set(ErrorSentences.french.keys).subtracting(codes).isEmpty, "\(Set(ErrorSentences.french.keys).subtracting(codes))")
    }

    @Test func frenchSentencesAreFrenchAndForBeginners() {
        for (code, sentence) in ErrorSentences.french {
            #expect(Self.englishWords(in: sentence).isEmpty, "\(code): \(sentence)")
            #expect(sentence != ErrorSentences.english[code], "\(code) is the same in both languages")
        }
        for (code, sentence) in ErrorSentences.french.merging(ErrorSentences.english, uniquingKeysWith: { a, _ in a }) {
            #expect(!sentence.contains("U+") && !sentence.contains("_"), "\(code): no code point or code name for a beginner")
        }
    }

    @Test func theServersSentenceIsOnlyAFallback() {
        let fr = Language.fr.strings
        let refusal = fr.refused("invalid_text", "The text was refused: it contains the invisible control character U+202E.")
        #expect(!refusal.contains("U+202E") && Self.englishWords(in: refusal).isEmpty, "\(refusal)")
        #expect(fr.refused("brand_new_code", "Something new.") == "Something new.")
    }
}
