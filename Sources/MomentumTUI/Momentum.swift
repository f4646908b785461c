import ArgumentParser

/// `momentum`: join a live workshop from the terminal, run the server behind it, or try a
/// demo room. The root command only dispatches; `--help` is the first thing a newcomer reads,
/// so it shows an example of each subcommand.
@main
struct Momentum: AsyncParsableCommand {
    static let version = "0.1.0"

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "momentum",
            abstract: CommandLineLanguage.pick(
                fr: "Des ateliers en direct et à distance depuis le terminal : discussion, programme et mains levées avec un·e expert·e du métier.",
                en: "Live, remote workshops from the terminal: chat, agenda and raised hands with a working expert."),
            discussion: CommandLineLanguage.pick(fr: """
            Une salle vivante tout de suite, avec des participant·e·s simulé·e·s (--as expert pour l'animer) :
              momentum demo
            Lancer un atelier ; le serveur affiche son code et sa clé de modération :
              momentum serve --workshop examples/les-metiers-du-web.json
            Participer, ou animer en tant qu'expert·e :
              momentum join http://127.0.0.1:8080 --code K7M2QX --name Karim
              momentum join URL --code K7M2QX --name Sarah --moderator-key CLÉ

            join et demo acceptent aussi --lang fr|en, --plain (lecteurs d'écran, plages braille, tubes), --no-color, --ascii et --log-file CHEMIN ; voir « momentum join --help ».

            Les valeurs par défaut de join (serveur, prénom, langue, thème, ascii, bip, plain) viennent de $XDG_CONFIG_HOME/momentum/config.json, ou ~/.config/momentum/config.json, un objet JSON comme {"server": "http://127.0.0.1:8080", "name": "Karim", "language": "fr", "bell": false}. Le code de l'atelier n'est jamais enregistré.

            « momentum help SOUS-COMMANDE » donne les options de chaque sous-commande.
            """, en: """
            A live room at once, with simulated participants (--as expert to lead it):
              momentum demo
            Run a workshop; the server prints its join code and moderator key:
              momentum serve --workshop examples/les-metiers-du-web.json
            Take part as a learner, or lead as the expert:
              momentum join http://127.0.0.1:8080 --code K7M2QX --name Karim
              momentum join URL --code K7M2QX --name Sarah --moderator-key KEY

            join and demo also take --lang fr|en, --plain (screen readers, braille displays, pipes), --no-color, --ascii and --log-file PATH; see 'momentum join --help'.

            Defaults for join (server, name, language, theme, ascii, bell, plain) come from $XDG_CONFIG_HOME/momentum/config.json, or ~/.config/momentum/config.json, a JSON object such as {"server": "http://127.0.0.1:8080", "name": "Karim", "language": "fr", "bell": false}. The join code is never stored.

            Run 'momentum help SUBCOMMAND' for the options of each subcommand.
            """),
            version: version,
            subcommands: [Join.self, Serve.self, Demo.self, Migrate.self, Gallery.self, AttendanceCommand.self, ExportCommand.self]
        )
    }
}
