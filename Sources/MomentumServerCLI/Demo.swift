import ArgumentParser
import Foundation
import Logging
import MomentumTUI
import SessionClient
import SessionModel
import SessionServer

/// `momentum demo`: an embedded server, the sample workshop and simulated participants, so
/// that a newcomer sees a live room with one command.
struct Demo: AsyncParsableCommand {
    static var configuration: CommandConfiguration { CommandHelp.demo }

    /// Who the user is in the demo room.
    enum Role: String, ExpressibleByArgument, CaseIterable, Sendable {
        case learner, expert
    }

    static let participantRange = 1...15

    @Option(name: .customLong("as"), help: ArgumentHelp(CommandLineLanguage.pick(fr: "Participer en apprenant·e (learner), ou animer l'atelier en expert·e (expert).", en: "Take part as a learner, or lead the workshop as its expert."), valueName: "learner|expert"))
    var role: Role = .learner

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Combien d'apprenant·e·s simulé·e·s arrivent, de 1 à 15.", en: "How many simulated learners join, from 1 to 15.")))
    var participants = 6

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(
        fr: "Ton prénom dans la salle (par défaut : \"name\" dans le fichier de configuration, sinon Invité, ou Guest en anglais).",
        en: "Your name in the room (default: \"name\" in the config file, else Invité, or Guest in English).")))
    var name: String?

    @Option(help: ArgumentHelp(CommandLineLanguage.pick(fr: "Le port du serveur intégré (0 en choisit un libre).", en: "The port of the embedded server (0 picks a free one).")))
    var port = 0

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard Self.participantRange.contains(participants) else {
            let (low, high) = (Self.participantRange.lowerBound, Self.participantRange.upperBound)
            throw ValidationError(CommandLineLanguage.pick(
                fr: "--participants va de \(low) à \(high) (une salle accueille environ 15 apprenant·e·s), pas \(participants).",
                en: "--participants must be between \(low) and \(high) (a room holds about 15 learners), not \(participants)."))
        }
        guard (0...65535).contains(port) else {
            throw ValidationError(CommandLineLanguage.pick(fr: "--port va de 0 à 65535 (0 en choisit un libre).", en: "--port must be between 0 and 65535 (0 picks a free one)."))
        }
        if let name {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= Limits.nameMaxLength else {
                throw ValidationError(CommandLineLanguage.pick(fr: "--name fait de 1 à \(Limits.nameMaxLength) caractères.", en: "--name must be 1 to \(Limits.nameMaxLength) characters."))
            }
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = Settings.resolve(global, config: try MomentumConfig.load(environment: environment), environment: environment)
        let name = self.name ?? settings.name ?? (settings.language == .fr ? "Invité" : "Guest")
        let logger = try Self.serverLogger(settings)
        try await Self.withRoom(role: role, participants: participants, name: name, port: port, logger: logger) { room in
            Console.out(room.banner)
            let strings = settings.language.strings
            if settings.plain || isatty(STDOUT_FILENO) == 0 || isatty(STDIN_FILENO) == 0 {
                try await PlainRoom(url: room.url, code: room.code, name: room.name, moderatorKey: room.moderatorKey, strings: strings).run()
                return
            }
            let app = RoomApp(
                url: room.url, join: JoinRequest(code: room.code, name: room.name, moderatorKey: room.moderatorKey),
                strings: strings, colors: settings.theme == .color, ascii: settings.ascii, bell: settings.bell,
                welcome: strings.joinFromElsewhere(room.joinHint), logger: settings.logFile != nil ? logger : nil)
            _ = try await MainActor.run { try app.run() }
        }
    }

    /// Runs the embedded server with the demo workshop and the bots while `body` runs in the
    /// room; stops them when `body` returns, or ends `body` when the server stops (SIGINT,
    /// SIGTERM). The temporary folder goes in every case, even on `exit()`.
    static func withRoom(
        role: Role, participants: Int, name: String, port: Int = 0, pace: DemoPace = .live, seed: UInt64 = UInt64.random(in: 0...UInt64.max),
        logger: Logger = Logger(label: "momentum.demo-server") { _ in SwiftLogNoOpLogHandler() },
        _ body: @escaping @Sendable (DemoRoom) async throws -> Void
    ) async throws {
        let folder = try DemoFolder.create()
        defer { DemoFolder.remove(folder) }
        var config = ServerConfig(host: "127.0.0.1", port: port, databasePath: folder + "/demo.sqlite")
        // Every demo participant joins from this one address; the per-address join limit
        // is for guessed codes on a public server.
        config.joinBurst = 100
        let server = try SessionServer(config: config, logger: logger)
        let created = try await server.createRoom(DemoWorkshop.request)
        let engine = CurlEngine()
        defer { engine.shutdown() }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            let (ports, portFound) = AsyncStream.makeStream(of: Int.self)
            group.addTask {
                defer { portFound.finish() }
                try await server.run { port in portFound.yield(port) }
                return false
            }
            var iterator = ports.makeAsyncIterator()
            guard let bound = await iterator.next() else {
                // The server ended before listening: say why.
                do { _ = try await group.next() } catch { throw DemoError.serverDidNotStart(port: port, reason: error) }
                throw DemoError.serverDidNotStart(port: port, reason: nil)
            }
            let room = DemoRoom(
                url: "http://127.0.0.1:\(bound)", code: created.code, roomModeratorKey: created.moderatorKey,
                role: role, name: name, participants: participants)
            let bots = DemoBots(
                url: room.url, code: room.code, engine: engine,
                moderatorKey: role == .learner ? created.moderatorKey : nil,
                participants: participants, reservedNames: [name], pace: pace, seed: seed)
            // The room and the bots end together; the bots go first, so that the server then
            // stops gracefully with nobody polling it (a cancelled server logs an error).
            group.addTask {
                try await withThrowingTaskGroup(of: Void.self) { inRoom in
                    inRoom.addTask { await bots.run() }
                    inRoom.addTask { try await body(room) }
                    _ = try await inRoom.next()
                    inRoom.cancelAll()
                }
                return true
            }
            do {
                if try await group.next() == false { group.cancelAll() }
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }
    }

    /// Where the embedded server's warnings go: the `--log-file`, else standard error in
    /// plain mode, else nowhere (a full-screen room cannot let anything write under it).
    static func serverLogger(_ settings: Settings) throws -> Logger {
        if let path = settings.logFile {
            return try LogFile.Sink(path: path).logger(label: "momentum.demo-server", level: .info)
        }
        var logger = settings.plain
            ? Logger(label: "momentum.demo-server") { StreamLogHandler.standardError(label: $0) }
            : Logger(label: "momentum.demo-server") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .error
        return logger
    }
}

/// Why the demo could not start, in words a person can act on.
enum DemoError: Error, CustomStringConvertible {
    case serverDidNotStart(port: Int, reason: (any Error)?)

    var description: String {
        switch self {
        case .serverDidNotStart(let port, let reason):
            let why = reason.map { "\($0)" } ?? "it stopped at once"
            if port != 0, why.contains("Address already in use") {
                return "The demo server could not start: port \(port) is already in use. Try another --port, or 0 for a free one."
            }
            return "The demo server could not start on 127.0.0.1" + (port == 0 ? "" : " port \(port)") + ": \(why)."
        }
    }
}

/// A running demo room: what the room screen needs to join it, and what to tell the user.
/// The hook between `momentum demo` and whichever room interface shows it.
struct DemoRoom: Sendable, Equatable {
    var url: String
    var code: String
    /// The room's moderator key, whoever uses it (the user as expert, or the simulated expert).
    var roomModeratorKey: String
    var role: Demo.Role
    /// The user's name in the room.
    var name: String
    var participants: Int

    /// The key the user joins with: the room's key with `--as expert`, nil as a learner.
    var moderatorKey: String? { role == .expert ? roomModeratorKey : nil }

    /// How a second terminal joins the same room as a learner.
    var joinHint: String { "momentum join \(url) --code \(code) --name NAME" }

    /// How a second terminal joins as an expert.
    var expertJoinHint: String { joinHint + " --moderator-key \(roomModeratorKey)" }

    /// What plain mode prints before the room starts.
    var banner: String {
        let who = role == .expert
            ? "You lead it as the expert, as \(name)."
            : "You take part as a learner, as \(name); \(DemoScript.expertName) leads."
        return """
            Demo workshop "\(DemoWorkshop.request.title)" at \(url), with \(participants) simulated participants.
            \(who)
            Join it from a second terminal:
              \(joinHint)
            or as an expert:
              \(expertJoinHint)
            """
    }
}

/// The demo's temporary folders, `momentum-demo-PID-XXXXXXXX`: removed when the demo ends,
/// at `exit()` (which skips `defer`), and at the next start when their process is gone.
enum DemoFolder {
    private static let prefix = "momentum-demo-"

    static func create() throws -> String {
        _ = removedAtExit
        sweepStale()
        let path = FileManager.default.temporaryDirectory.path + "/\(prefix)\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    private static let removedAtExit: Void = {
        atexit {
            for folder in DemoFolder.folders() where folder.pid == getpid() { DemoFolder.remove(folder.path) }
        }
    }()

    /// Folders left by demos that were killed (SIGKILL, power cut).
    private static func sweepStale() {
        for folder in folders() where folder.pid != getpid() && kill(folder.pid, 0) != 0 && errno == ESRCH {
            remove(folder.path)
        }
    }

    private static func folders() -> [(path: String, pid: pid_t)] {
        let base = FileManager.default.temporaryDirectory.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return names.compactMap { name in
            guard name.hasPrefix(prefix), let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ pid_t($0) }) else { return nil }
            return (base + "/" + name, pid)
        }
    }
}
