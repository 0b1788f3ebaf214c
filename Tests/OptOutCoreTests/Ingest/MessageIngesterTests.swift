import Testing
import OptOutTestSupport
@testable import OptOutCore

/// A store and an ingester on a fresh database.
struct IngestFixture {
    let folder = TemporaryFolder()
    let store: OptOutStore
    let now = Timestamp(seconds: 1_800_000_000)

    init() throws {
        store = try OptOutStore(path: folder.file("optout.sqlite"))
    }

    func ingester(scope: String = "default") throws -> MessageIngester {
        try MessageIngester(store: store, scope: scope, actor: "tester", normalizer: PhoneNormalizer(), now: now)
    }

    func text(_ text: String, from: String = "+15551234567", id: String? = nil, at seconds: Int64? = nil) -> InboundItem {
        InboundItem(sender: from, messageID: id, at: seconds.map(Timestamp.init(seconds:)), content: .text(text), origin: "test")
    }

    func one(_ item: InboundItem) throws -> IngestResult {
        let results = try ingester().record([item])
        return try #require(results.first)
    }

    func eventCount() throws -> Int64 { try store.database.scalarInt("SELECT count(*) FROM events") ?? -1 }

    func status(_ number: String) throws -> Status {
        try store.entry(scope: "default", matchKey: PhoneNumber(e164: number)!.matchKey)?.status ?? .active
    }
}

@Suite struct MessageIngesterTests {
    let optOutReply = ReplyTexts.defaults.optOut
    let optInReply = ReplyTexts.defaults.optIn

    @Test func stopRepliesOnceAndRepeatedStopChangesNothing() throws {
        let fixture = try IngestFixture()
        let first = try fixture.one(fixture.text("STOP", id: "m1", at: 100))
        #expect(first.verdict == .optOut && first.keyword == "stop" && first.action == .optedOut)
        #expect(first.reply == optOutReply && first.statusAfter == .optedOut)
        let second = try fixture.one(fixture.text("stop please", id: "m2", at: 200))
        #expect(second.verdict == .optOut && second.action == IngestAction.none && second.reply == nil)
        #expect(second.statusAfter == .optedOut)
        #expect(try fixture.eventCount() == 1)
        let event = try #require(try fixture.store.events(scope: "default", matchKey: first.number!.matchKey).first)
        #expect(event.action == .optOut && event.source == .keyword && event.messageID == "m1")
        #expect(event.messageText == "STOP" && event.keyword == "stop" && event.at == Timestamp(seconds: 100))
        #expect(event.recordedAt == fixture.now && event.actor == "tester")
    }

    @Test func sameMessageDeliveredTwiceIsSkipped() throws {
        let fixture = try IngestFixture()
        let item = fixture.text("STOP", id: "wamid.X", at: 100)
        #expect(try fixture.one(item).action == .optedOut)
        let again = try fixture.one(item)
        #expect(again.action == .duplicate && again.reply == nil && again.statusAfter == .optedOut)
        #expect(try fixture.eventCount() == 1)
        // Within one body too.
        let other = try fixture.ingester().record([fixture.text("HELP", id: "h1"), fixture.text("HELP", id: "h1")])
        #expect(other.map(\.action) == [IngestAction.none, .duplicate])
        #expect(other.map(\.reply) == [ReplyTexts.defaults.help, nil])
        // Ids are per scope.
        let elsewhere = try fixture.ingester(scope: "brand-b").record([item])
        #expect(elsewhere.map(\.action) == [.optedOut])
    }

    @Test func stopAndStartInReverseTimeOrder() throws {
        let fixture = try IngestFixture()
        // START (sent later) arrives first: the number had not opted out, so nothing changes, but its time
        // is marked; the older STOP then arrives and is stale.
        let start = try fixture.one(fixture.text("START", id: "b", at: 200))
        #expect(start.verdict == .optIn && start.action == IngestAction.none && start.reply == nil)
        let stop = try fixture.one(fixture.text("STOP", id: "a", at: 100))
        #expect(stop.action == .stale && stop.reply == nil && stop.statusAfter == .active)
        #expect(try fixture.status("+15551234567") == .active)

        // Opted out at 300; a START from 250 arriving late does not lift it.
        #expect(try fixture.one(fixture.text("STOP", id: "c", at: 300)).action == .optedOut)
        let late = try fixture.one(fixture.text("START", id: "d", at: 250))
        #expect(late.action == .stale && late.reply == nil && late.statusAfter == .optedOut)
        let applied = try fixture.store.database.scalarInt("SELECT count(*) FROM events WHERE applied = 0")
        #expect(applied == 2)
    }

    @Test func startActsOnlyOnOptedOutAndNeverLiftsABlock() throws {
        let fixture = try IngestFixture()
        let fresh = try fixture.one(fixture.text("START", id: "s0", at: 50))
        #expect(fresh.action == IngestAction.none && fresh.reply == nil && fresh.statusAfter == .active)

        let number = try #require(PhoneNumber(e164: "+15551234567"))
        _ = try fixture.store.write { transaction in
            try transaction.record(
                NewEvent(scope: "default", number: number, action: .block, source: .manual, at: Timestamp(seconds: 100)),
                recordedAt: fixture.now)
        }
        let blockedStart = try fixture.one(fixture.text("START", id: "s1", at: 200))
        #expect(blockedStart.action == IngestAction.none && blockedStart.reply == nil && blockedStart.statusAfter == .blocked)

        // Blocked and opted out: START clears the opt-out but the block stays, and no "resubscribed" reply.
        #expect(try fixture.one(fixture.text("STOP", id: "s2", at: 300)).action == .optedOut)
        let after = try fixture.one(fixture.text("START", id: "s3", at: 400))
        #expect(after.action == .optedIn && after.reply == nil && after.statusAfter == .blocked)
        #expect(try fixture.status("+15551234567") == .blocked)
    }

    @Test func startAfterStopRepliesOnce() throws {
        let fixture = try IngestFixture()
        _ = try fixture.one(fixture.text("STOP", at: 100))
        let start = try fixture.one(fixture.text("Start please", at: 200))
        #expect(start.action == .optedIn && start.reply == optInReply && start.statusAfter == .optedIn)
        let again = try fixture.one(fixture.text("START", at: 300))
        #expect(again.action == IngestAction.none && again.reply == nil)
    }

    @Test func helpReviewAndChat() throws {
        let fixture = try IngestFixture()
        let help = try fixture.one(fixture.text("HELP"))
        #expect(help.verdict == .help && help.reply == ReplyTexts.defaults.help && help.action == IngestAction.none)
        let review = try fixture.one(fixture.text("please stop calling me", id: "r1"))
        #expect(review.verdict == .review && review.action == .reviewLogged && review.reply == nil)
        #expect(review.layer == .intent && review.proposed == .optOut && review.keyword == "en-other-channel")
        #expect(review.statusAfter == .reviewPending)
        let chat = try fixture.one(fixture.text("please don't stop my delivery"))
        #expect(chat.verdict == .none && chat.action == IngestAction.none && chat.reply == nil)
        #expect(chat.rule == "opt-out keyword \"stop\" inside a longer message; not a request")
        #expect(try fixture.eventCount() == 1)
    }

    @Test func settingsChangeKeywordsRepliesAndPayloads() throws {
        let fixture = try IngestFixture()
        #expect(try fixture.one(fixture.text("para ya")).verdict == .none)
        _ = try fixture.store.editKeywords(key: "keywords.opt-out", words: ["para ya"], removing: false, scope: "default", actor: "tester", at: Timestamp(seconds: 1))
        try fixture.store.setSetting(IngestSettings.reply(.optOut), to: "Listo, no más mensajes.")
        let matched = try fixture.one(fixture.text("Para ya!", at: 10))
        #expect(matched.verdict == .optOut && matched.keyword == "para ya" && matched.reply == "Listo, no más mensajes.")

        _ = try fixture.store.editKeywords(key: "keywords.help", words: ["INFO"], removing: true, scope: "default", actor: "tester", at: Timestamp(seconds: 1))
        #expect(try fixture.one(fixture.text("info")).verdict == .none)
        // HELP itself is protected: it cannot leave the help set.
        #expect(throws: OptOutError.self) {
            try fixture.store.editKeywords(key: "keywords.help", words: ["HELP"], removing: true, scope: "default", actor: "tester", at: Timestamp(seconds: 1))
        }

        try fixture.store.setSetting(IngestSettings.buttonPayloads, to: "promo_off=opt-out, MORE=none")
        let button = InboundItem(
            sender: "+15557654321", messageID: "b1", at: nil, content: .button(title: "Not now", payload: "promo_off"),
            origin: "test")
        let result = try fixture.one(button)
        #expect(result.verdict == .optOut && result.keyword == "promo_off" && result.action == .optedOut)
        let event = try #require(try fixture.store.events(scope: "default", matchKey: result.number!.matchKey).first)
        #expect(event.source == .button && event.messageText == "Not now")
    }

    /// Keyword lists split on commas and lose the spaces and tabs at each end only: letters outside
    /// ASCII, inner spaces and `=` inside a payload stay as typed.
    @Test func keywordListsAndPayloadsSplitOnBytes() throws {
        #expect(IngestSettings.splitKeywords(" stop ,\tarrêt\t,, para ya ,\u{00A0}alto, ") == ["stop", "arrêt", "para ya", "\u{00A0}alto"])
        #expect(IngestSettings.splitKeywords(" , \t,") == [])
        let pairs = try IngestSettings.parsePayloads(" a=b=opt-out ,\tpromo_off = none ")
        #expect(pairs.map(\.0) == ["a=b", "promo_off"] && pairs.map(\.1) == [.optOut, .none])
        #expect(throws: OptOutError.self) { try IngestSettings.parsePayloads("promo_off") }
    }

    /// A keyword list set nowhere is the built-in list itself (not its text split again), so the two
    /// must be the same; a list set in the default scope is inherited, and a scope's own list wins.
    @Test func builtInKeywordListsAreTheirOwnTextSplit() throws {
        for set in KeywordSet.allCases {
            #expect(IngestSettings.splitKeywords(IngestSettings.keywords(set).defaultValue) == KeywordSets.defaults[set])
        }
        let fixture = try IngestFixture()
        #expect(try fixture.store.read { try $0.keywordSets(scope: "brand") } == KeywordSets.defaults)
        try fixture.store.setSetting(IngestSettings.keywords(.help), to: "help, socorro")
        try fixture.store.setSetting(IngestSettings.keywords(.optIn), to: "start, go", scope: "brand")
        let brand = try fixture.store.read { try $0.keywordSets(scope: "brand") }
        #expect(brand[.help] == ["help", "socorro"] && brand[.optIn] == ["start", "go"])
        #expect(brand[.optOut] == KeywordSets.defaults[.optOut])
        let other = try fixture.store.read { try $0.keywordSets(scope: "other") }
        #expect(other[.help] == ["help", "socorro"] && other[.optIn] == KeywordSets.defaults[.optIn])
    }

    @Test func keywordSettingFormats() throws {
        let fixture = try IngestFixture()
        #expect(try fixture.store.setting(IngestSettings.keywords(.help)) == "help, info, ayuda, información, ajuda, informação, aide, hilfe, aiuto")
        #expect(try fixture.store.setSetting(IngestSettings.keywords(.help), to: " help ,, socorro,") == "help, socorro")
        #expect(throws: OptOutError.self) { try fixture.store.setSetting(IngestSettings.keywords(.help), to: "help, !!!") }
        #expect(throws: OptOutError.self) { try fixture.store.setSetting(IngestSettings.buttonPayloads, to: "x=maybe") }
        let edit = try fixture.store.editKeywords(key: "keywords.help", words: ["SOCORRO", "ajuda"], removing: false, scope: "default", actor: "tester", at: Timestamp(seconds: 1))
        #expect(edit == KeywordListEdit(stored: "help, socorro, ajuda", unchanged: ["SOCORRO"]))
        let removed = try fixture.store.editKeywords(key: "keywords.help", words: ["Socorro", "nope"], removing: true, scope: "default", actor: "tester", at: Timestamp(seconds: 1))
        #expect(removed == KeywordListEdit(stored: "help, ajuda", unchanged: ["nope"]))
        #expect(throws: OptOutError.self) { try fixture.store.editKeywords(key: "reply.help", words: ["x"], removing: false, scope: "default", actor: "tester", at: Timestamp(seconds: 1)) }
    }

    @Test func wholeBatchBody() throws {
        let fixture = try IngestFixture()
        let items = try WhatsAppWebhook.parse(Array(WebhookBodies.batch.utf8))
        let results = try fixture.ingester().record(items)
        #expect(results.map(\.action) == [
            .optedOut, .ignored, .ignored, .optedIn, .ignored, .linked, .optedOut, .marketingStopped,
        ])
        #expect(results.map(\.number?.e164) == [
            "+15551230001", "+15551230001", "+15551230002", "+15551230001", "+15551230001", "+15551230003", nil,
            "+15551230005",
        ])
        #expect(results.map(\.reply) == [optOutReply, nil, nil, optInReply, nil, nil, optOutReply, nil])
        // The username-only sender is recorded under its user id.
        #expect(results[6].userID?.text == "US.13491208655302741918")
        #expect(results[6].verdict == .optOut && results[6].statusAfter == .optedOut && results[6].problem == nil)
        #expect(results[7].kind == "marketing-preference" && results[7].statusAfter == .marketingStopped)
        // opt-out, opt-in, the link of the changed number, the user id's opt-out, the marketing stop.
        #expect(try fixture.eventCount() == 5)
        #expect(try fixture.status("+15551230001") == .optedIn)
        #expect(try fixture.status("+15551230002") == .active)
        let preference = try #require(
            try fixture.store.events(scope: "default", matchKey: PhoneNumber(e164: "+15551230005")!.matchKey).first)
        #expect(preference.action == .marketingStop && preference.source == .whatsappPreference)
        #expect(preference.at == Timestamp(seconds: 1_767_262_000))
        // Delivered again: every message is a duplicate or ignored, nothing new is logged.
        let again = try fixture.ingester().record(items)
        #expect(again.map(\.action) == [
            .duplicate, .ignored, .ignored, .duplicate, .ignored, .duplicate, .duplicate, IngestAction.none,
        ])
        #expect(try fixture.eventCount() == 5)
    }

    @Test func fixtureWebhooksRecord() throws {
        let fixture = try IngestFixture()
        let ingester = try fixture.ingester()
        func run(_ name: String) throws -> [IngestResult] {
            try ingester.record(try WhatsAppWebhook.parse(Fixture.bytes("webhooks/" + name)))
        }
        let button = try run("meta_button_unsubscribe.json")
        #expect(button.map(\.action) == [.optedOut] && button.map(\.number?.e164) == ["+15551234567"])
        let text = try run("meta_text_stop.json")
        #expect(text.map(\.action) == [IngestAction.none] && text.map(\.reply) == [nil])
        let interactive = try run("meta_interactive_button_reply.json")
        #expect(interactive.map(\.action) == [.optedOut] && interactive.map(\.number?.e164) == ["+447700900123"])
        #expect(try run("meta_status_only.json") == [])
        let preference = try run("meta_user_preferences_stop.json")
        #expect(preference.map(\.action) == [.marketingStopped])
        #expect(preference.map(\.number?.e164) == ["+525512345678"])
        let resume = try ingester.record(try WhatsAppWebhook.parse(Array(WebhookBodies.preferenceResume.utf8)))
        #expect(resume.map(\.action) == [.marketingResumed] && resume.map(\.statusAfter) == [.active])
        let twilio = try ingester.record(try TwilioWebhook.parse(Fixture.bytes("webhooks/twilio_stop.form")))
        #expect(twilio.map(\.action) == [IngestAction.none] && twilio.map(\.number?.e164) == ["+15551234567"])
        #expect(twilio.map(\.verdict) == [.optOut])
    }

    @Test func invalidSenderIsReportedNotRecorded() throws {
        let fixture = try IngestFixture()
        let result = try fixture.one(fixture.text("STOP", from: "12345", id: "x"))
        #expect(result.action == .invalidNumber && result.number == nil && result.reply == nil)
        #expect(result.problem == .invalidSender(.needsDefaultCountry))
        #expect(result.problem?.description
            == "sender is not a phone number: national number needs a default country; not recorded")
        #expect(try fixture.eventCount() == 0)
    }
}
