import Foundation
public import SessionModel

/// A read over the room's history that the screen asks for.
public enum ReportRequest: Sendable, Equatable {
    /// Messages holding `query`, newest first, before the event `before`.
    case search(query: String, before: Int64?)
    /// The attendance register (experts), half-days in this computer's time zone.
    case attendance
    /// The transcript, written to the file at `path`.
    case transcript(format: Transcript.Format, lang: String, path: String)
}

/// What a report brought back.
public enum ReportAnswer: Sendable, Equatable {
    case search(query: String, SearchResponse)
    case attendance(AttendanceRegister)
    /// The transcript was written to `path`.
    case saved(path: String)
}

/// Why a report could not be had.
public enum ReportFailure: Sendable, Equatable, Error {
    case request(ReportRequest, ClientError)
    /// The transcript came, but the file could not be written.
    case file(path: String, reason: String)
}

extension RoomSession {
    /// Fetches a report; the answer comes as `.report` or `.reportFailed`. A read: nothing
    /// to retry or keep, like the history.
    public func fetchReport(_ request: ReportRequest) {
        guard let room = credentials else {
            deliver(.reportFailed(.request(request, .transport(.cannotConnect("not joined yet")))))
            return
        }
        Task { [api, deliver] in
            do throws(ReportFailure) {
                deliver(.report(try await Self.answer(request, room: room, api: api)))
            } catch {
                deliver(.reportFailed(error))
            }
        }
    }

    private static func answer(_ request: ReportRequest, room: RoomCredentials, api: SessionAPI) async throws(ReportFailure) -> ReportAnswer {
        let answer: ReportAnswer
        var transcript: (text: String, path: String)?
        do throws(ClientError) {
            switch request {
            case .search(let query, let before):
                answer = .search(query: query, try await api.search(room, query: query, before: before))
            case .attendance:
                answer = .attendance(try await api.attendance(room: room.roomId, token: room.token, timeZone: TimeZone.current.identifier))
            case .transcript(let format, let lang, let path):
                transcript = (try await api.export(room: room.roomId, token: room.token, format: format, lang: lang), path)
                answer = .saved(path: path)
            }
        } catch {
            throw .request(request, error)
        }
        if let transcript {
            do {
                try Data(transcript.text.utf8).write(to: URL(fileURLWithPath: transcript.path), options: .atomic)
            } catch {
                throw .file(path: transcript.path, reason: (error as NSError).localizedDescription)
            }
        }
        return answer
    }
}
