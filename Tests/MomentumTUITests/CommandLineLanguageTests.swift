import Testing
@testable import MomentumServerCLI
@testable import MomentumTUI

/// `--help` and argument errors in French when the command line or the locale says so.
@Suite("Command line in French")
struct CommandLineLanguageTests {
    @Test func theLanguageComesFromLangThenTheLocale() {
        #expect(CommandLineLanguage.detect(arguments: ["momentum", "join", "--lang", "fr"], environment: [:]) == .fr)
        #expect(CommandLineLanguage.detect(arguments: ["momentum", "--lang=en"], environment: ["LANG": "fr_FR.UTF-8"]) == .en)
        #expect(CommandLineLanguage.detect(arguments: ["momentum", "--help"], environment: ["LANG": "fr_FR.UTF-8"]) == .fr)
        #expect(CommandLineLanguage.detect(arguments: ["momentum"], environment: ["LANG": "C.UTF-8"]) == .en)
    }

    @Test func theParsersHelpAndErrorsAreTranslated() {
        let help = CommandLineLanguage.french(Join.helpMessage(columns: 200))
        #expect(help.contains("UTILISATION :") && help.contains("OPTIONS :") && help.contains("Affiche cette aide."), "\(help)")
        #expect(!help.contains("USAGE:") && !help.contains("Show help information."))
        let demo = CommandLineLanguage.french(Demo.helpMessage(columns: 200))
        #expect(demo.contains("(valeurs : learner, expert ; par défaut : learner)"), "\(demo)")
        let error = CommandLineLanguage.french("Error: Missing value for '--code <code>'\nHelp:  --code <code>  The workshop's join code.\nUsage: momentum join [<url>]\n  See 'momentum join --help' for more information.")
        #expect(error.contains("Erreur : Il manque une valeur après '--code <code>'"))
        #expect(error.contains("Voir « momentum join --help » pour en savoir plus."))
    }
}
