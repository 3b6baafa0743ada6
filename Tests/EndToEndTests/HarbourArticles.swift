import Foundation

/// Four short articles of one day (2025-03-01, UTC), for end-to-end tests that kill the service
/// at a chosen point and restart it: each is found at start-up, so it arrives at its
/// modification time (noon UTC plus its index in minutes) and the day and the order are the
/// same whatever the time zone and whenever the test runs.
enum HarbourArticles {
    /// Inbox name, title and body.
    static let all: [(name: String, title: String, body: String)] = [
        ("a-ferry.txt", "Ferry timetable", "The ferry will run every hour from Monday. Tickets cost four crowns. The harbour office has the details."),
        ("b-berths.txt", "Berth allocations", "Skippers must confirm their moorings by Friday. Late confirmations go to the waiting list. Fees rise in spring."),
        ("c-library.txt", "Library hours", "The library opens late on Friday. Staff training runs all morning. Returns can be left in the box."),
        ("d-crane.txt", "Crane delivery", "A new crane arrives at the quay on Tuesday. Traffic is diverted during the delivery. Work ends by noon."),
    ]
    /// The day they all arrive on.
    static let day = "2025-03-01"

    /// Writes article `index` into the inbox of `ws`, dated 2025-03-01 12:00 UTC + `index` minutes.
    static func write(_ ws: Workspace, _ index: Int) throws {
        let article = all[index]
        let path = ws.inbox + "/" + article.name
        try "\(article.title)\n\n\(article.body)\n".write(toFile: path, atomically: false, encoding: .utf8)
        let arrival = Date(timeIntervalSince1970: 1_740_830_400 + Double(index) * 60)
        try FileManager.default.setAttributes([.modificationDate: arrival], ofItemAtPath: path)
    }
}
