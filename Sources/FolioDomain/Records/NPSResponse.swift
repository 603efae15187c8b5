/// One answer to "how likely are you to recommend us?" (0–10).
public struct NPSResponse: Hashable, Sendable, Codable {
    public var contactID: String
    public var date: Day
    public var score: Int
    public var comment: String?

    public init(contactID: String, date: Day, score: Int, comment: String? = nil) {
        self.contactID = contactID
        self.date = date
        self.score = score
        self.comment = comment
    }

    /// 0–6: a detractor; 9–10: a promoter.
    public var isDetractor: Bool { score <= 6 }
    public var isPromoter: Bool { score >= 9 }
}
