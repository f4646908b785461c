package import ArgumentParser

/// The help of the `momentum` command and of its subcommands that run in `momentum-server`
/// (serve, demo, migrate): declared once, read by both executables, so that `momentum --help`
/// lists every subcommand although the client does not hold the server.
package enum CommandHelp {
    package static let version = "0.1.0"

    /// The root command: the client's subcommands (join, gallery, attendance, export) around
    /// `server`, the executable's own serve, demo and migrate, in the order `--help` lists them.
    package static func root(server: [any ParsableCommand.Type]) -> CommandConfiguration {
        root(subcommands: [Join.self] + server + [Gallery.self, AttendanceCommand.self, ExportCommand.self])
    }

    private static func root(subcommands: [any ParsableCommand.Type]) -> CommandConfiguration {
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
            subcommands: subcommands
        )
    }

    package static var serve: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve",
            abstract: CommandLineLanguage.pick(fr: "Lancer le serveur des ateliers.", en: "Run the session server."),
            discussion: CommandLineLanguage.pick(
                fr: "Les salles, les événements et les accès sont gardés dans un fichier SQLite par défaut, ou dans PostgreSQL (--db postgres://utilisateur:motdepasse@hôte:5432/base, ou MOMENTUM_DB_URL), que plusieurs serveurs peuvent partager derrière un répartiteur de charge (voir docs/DEPLOY.md). Crée une salle au démarrage avec --workshop FICHIER (voir examples/), ou par HTTP avec POST /v1/rooms et le jeton d'administration. Le code et la clé de modération d'une nouvelle salle sont affichés une seule fois.",
                en: "Rooms, events and credentials are kept in one SQLite file by default, or in PostgreSQL (--db postgres://user:password@host:5432/database, or MOMENTUM_DB_URL), which several servers can share behind a load balancer (see docs/DEPLOY.md). Create a room at start with --workshop FILE (see examples/), or over HTTP with POST /v1/rooms and the admin token. The join code and moderator key of a new room are printed once."))
    }

    package static var demo: CommandConfiguration {
        CommandConfiguration(
            commandName: "demo",
            abstract: CommandLineLanguage.pick(fr: "Lancer un atelier d'exemple sur cette machine, avec des participant·e·s simulé·e·s, et le rejoindre.", en: "Start a sample workshop on this machine, with simulated participants, and join it."),
            discussion: CommandLineLanguage.pick(fr: """
            La démo lance un serveur de session sur 127.0.0.1 (ses données dans un dossier temporaire, effacé à la fin), ouvre l'atelier « Les métiers du Web » et remplit la salle de participant·e·s simulé·e·s qui arrivent, discutent du point en cours, lèvent la main et répondent quand on leur donne la parole.

            En apprenant·e (par défaut), une experte simulée, Sarah, anime : elle lance le programme, donne de temps en temps la parole à la première main levée et passe au point suivant toutes les quelques minutes. Lève la main avec /main. Avec --as expert, c'est toi qui animes : donner la parole, avancer le programme, mettre en sourdine, retirer, verrouiller.

            Un second terminal peut rejoindre la même salle : la démo affiche la commande, qui ressemble à
              momentum join http://127.0.0.1:PORT --code CODE --name NAME

            Exemples :
              momentum demo
              momentum demo --as expert --participants 12
              momentum demo --plain --lang en
            """, en: """
            The demo runs a session server on 127.0.0.1 (its data in a temporary folder, removed when the demo ends), opens the workshop "Les métiers du Web", and fills the room with simulated participants who arrive, chat about the current agenda item, raise their hands and answer when given the floor.

            As a learner (the default), a simulated expert, Sarah, leads: she starts the agenda, gives the floor to the first raised hand now and then, and moves on every few minutes. Raise your hand with /main. With --as expert, you lead: give the floor, move the agenda, mute, remove, lock.

            A second terminal can join the same room: the demo prints the command, which looks like
              momentum join http://127.0.0.1:PORT --code CODE --name NAME

            Examples:
              momentum demo
              momentum demo --as expert --participants 12
              momentum demo --plain --lang en
            """))
    }

    package static var migrate: CommandConfiguration {
        CommandConfiguration(
            commandName: "migrate",
            abstract: CommandLineLanguage.pick(
                fr: "Copier toutes les salles d'une base SQLite dans PostgreSQL.",
                en: "Copy every room of a SQLite database into PostgreSQL."),
            discussion: CommandLineLanguage.pick(fr: """
                Arrête d'abord le serveur, puis copie ; relance ensuite les serveurs sur l'URL PostgreSQL. Les salles, les événements, les messages, les jetons (chacun garde sa place) et les réponses gardées pour les renvois sont copiés, chaque salle en une transaction, puis relus pour vérification. Une salle déjà présente dans la cible est refusée, et rien n'est copié après elle. Voir docs/DEPLOY.md.
                  momentum migrate --from ~/.local/share/momentum/momentum.sqlite --to postgres://momentum@db.example:5432/momentum
                """, en: """
                Stop the server first, then copy; start the servers on the PostgreSQL URL afterwards. Rooms, events, messages, tokens (so people keep their seats) and the answers kept for retries are copied, each room in one transaction, and read back to check them. A room already in the target is refused, and nothing after it is copied. See docs/DEPLOY.md.
                  momentum migrate --from ~/.local/share/momentum/momentum.sqlite --to postgres://momentum@db.example:5432/momentum
                """))
    }
}
