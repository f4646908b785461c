import SessionModel

/// The workshop `momentum demo` opens; the same as examples/les-metiers-du-web.json (a test checks).
enum DemoWorkshop {
    static let request = CreateRoomRequest(
        title: "Les métiers du Web",
        agenda: [
            AgendaDraft(title: "Accueil et présentations", day: 1, start: "09:00", minutes: 45),
            AgendaDraft(title: "Le Web, comment ça marche ?", day: 1, start: "09:45", minutes: 60),
            AgendaDraft(title: "Pause", day: 1, start: "10:45", minutes: 15),
            AgendaDraft(title: "Les métiers du numérique : panorama", day: 1, start: "11:00", minutes: 60),
        ])
}
