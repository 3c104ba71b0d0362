import HeraldRelay
import PropertyBased
import Testing

@Suite struct MessageSplitterTests {
    @Test func shortTextIsOneMessage() {
        #expect(MessageSplitter.split("Rank up! You are now #3.", limit: 2_000) == ["Rank up! You are now #3."])
        #expect(MessageSplitter.split("", limit: 10).isEmpty)
    }

    @Test func cutsAtLineBoundaries() {
        let text = "line one\nline two\nline three"
        #expect(MessageSplitter.split(text, limit: 18) == ["line one\nline two", "line three"])
    }

    @Test func anOverlongLineIsCutAtASpace() {
        #expect(MessageSplitter.split("alpha beta gamma delta", limit: 11) == ["alpha beta", "gamma delta"])
    }

    @Test func aSingleHugeWordIsCutHard() {
        #expect(MessageSplitter.split(String(repeating: "x", count: 25), limit: 10) == [
            String(repeating: "x", count: 10), String(repeating: "x", count: 10), String(repeating: "x", count: 5),
        ])
    }

    @Test func telegramCountsUTF16CodeUnits() {
        // Each emoji is two UTF-16 code units: 3 emoji are 6 units.
        let parts = MessageSplitter.split("😀😀😀", limit: 4, length: MessageSplitter.utf16Length)
        #expect(parts == ["😀😀", "😀"])
    }

    @Test func everyPartFitsAndNothingIsLost() async {
        let words = ["a", "rank", "leaderboard", "🏆", "credits", "\n", "approved", String(repeating: "z", count: 40)]
        await propertyCheck(input: Gen.int(in: 5...60), Gen.int(in: 0...400)) { limit, count in
            var text = ""
            var state = UInt64(truncatingIfNeeded: limit &* 7919 &+ count)
            for _ in 0..<count {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += words[Int(state >> 33) % words.count] + (state & 1 == 0 ? " " : "")
            }
            let parts = MessageSplitter.split(text, limit: limit, length: MessageSplitter.utf16Length)
            #expect(parts.allSatisfy { $0.utf16.count <= limit && !$0.isEmpty })
            let kept = parts.joined().filter { $0 != " " && $0 != "\n" }
            #expect(kept == text.filter { $0 != " " && $0 != "\n" })
        }
    }
}
