import Testing
import OptOutTestSupport
@testable import OptOutCore

@Suite struct WhatsAppWebhookTests {
    func parse(_ text: String) throws(OptOutError) -> [InboundItem] { try WhatsAppWebhook.parse(Array(text.utf8)) }

    @Test func fixtureTextStop() throws {
        let items = try WhatsAppWebhook.parse(Fixture.bytes("webhooks/meta_text_stop.json"))
        var expected = InboundItem(
            sender: "15551234567", senderForm: .whatsAppID,
            messageID: "wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQ2ODREMjdBRkNEMDY4RDczQzEyRQA=",
            at: Timestamp(seconds: 1_767_261_600), content: .text("STOP"), origin: "entry 1, change 1, message 1")
        expected.line = "109876543210987"  // metadata.phone_number_id: the business line
        #expect(items == [expected])
    }

    @Test func fixtureButtonAndInteractiveReplies() throws {
        let button = try WhatsAppWebhook.parse(Fixture.bytes("webhooks/meta_button_unsubscribe.json"))
        #expect(button.map(\.content) == [.button(title: "Unsubscribe", payload: "Unsubscribe")])
        #expect(button.first?.sender == "15551234567")
        let interactive = try WhatsAppWebhook.parse(Fixture.bytes("webhooks/meta_interactive_button_reply.json"))
        #expect(interactive.map(\.content) == [.button(title: "Unsubscribe", payload: "optout_confirm")])
        #expect(interactive.first?.at == Timestamp(seconds: 1_767_262_140))
    }

    @Test func fixtureStatusesOnlyGiveNothing() throws {
        #expect(try WhatsAppWebhook.parse(Fixture.bytes("webhooks/meta_status_only.json")) == [])
    }

    @Test func fixtureUserPreferencesStop() throws {
        let items = try WhatsAppWebhook.parse(Fixture.bytes("webhooks/meta_user_preferences_stop.json"))
        var expected = InboundItem(
            sender: "5215512345678", senderForm: .whatsAppID, messageID: nil, at: Timestamp(seconds: 1_767_264_600),
            content: .marketingPreference(stop: true, detail: "WhatsApp user_preferences stop"),
            origin: "entry 1, change 1, preference 1")
        expected.line = "109876543210987"
        #expect(items == [expected])
    }

    @Test func batchReadsEveryEntryChangeAndMessage() throws {
        let items = try parse(WebhookBodies.batch)
        #expect(items.map(\.messageID) == [
            "wamid.STOP1", "wamid.REACT1", "wamid.IMG1", "wamid.START1", "wamid.UNSUP1", "wamid.SYS1", "wamid.USER1", nil,
        ])
        #expect(items.map(\.content) == [
            .text("STOP"), .ignored(kind: "reaction"), .ignored(kind: "image"), .text("Start"),
            .ignored(kind: "unsupported"),
            .identifierChange(kind: "user_changed_number", newNumber: "15551230004", newUserID: nil), .text("stop"),
            .marketingPreference(stop: true, detail: "WhatsApp error 131050 on a sent message"),
        ])
        #expect(items.map(\.origin) == [
            "entry 1, change 1, message 1", "entry 1, change 1, message 2", "entry 1, change 1, message 3",
            "entry 1, change 2, message 1", "entry 1, change 2, message 2", "entry 2, change 1, message 1",
            "entry 2, change 3, message 1", "entry 2, change 4, status 1",
        ])
        // A numeric timestamp is read like a string one.
        #expect(items[3].at == Timestamp(seconds: 1_767_261_700))
        // The username-only sender has no number, only its user id; the number is never guessed.
        #expect(items[6].sender == nil)
        #expect(items[6].senderUserID == "US.13491208655302741918")
        #expect(items[6].senderDescription == nil)
        #expect(items[7].sender == "15551230005")
    }

    @Test func listReplyUsesTitleAndId() throws {
        #expect(try parse(WebhookBodies.listReply).map(\.content) == [.button(title: "Stop promotions", payload: "pref_none")])
    }

    @Test func refusesBodiesOfAnotherFormat() {
        let cases: [(String, String)] = [
            ("", "not a WhatsApp webhook body: not valid JSON: unexpected end of input; expected a value at byte 0"),
            ("[]", "not a WhatsApp webhook body: the body is not a JSON object"),
            (#"{"object":"page","entry":[]}"#, #"not a WhatsApp webhook body: 'object' is not "whatsapp_business_account""#),
            (#"{"from":"1555","text":"stop"}"#, "not a WhatsApp webhook body: no 'entry' array"),
            (#"{"entry":{}}"#, "not a WhatsApp webhook body: entry is not an array"),
            (#"{"entry":[{"changes":[{"value":{"messages":{}}}]}]}"#,
             "not a WhatsApp webhook body: entry 1, change 1 'messages' is not an array"),
            (#"{"entry":[{"changes":[{"value":{"messages":[{"from":15551234567,"type":"text","text":{"body":"x"}}]}}]}]}"#,
             "not a WhatsApp webhook body: entry 1, change 1, message 1 'from' is not a string"),
            (#"{"entry":[{"changes":[{"value":{"messages":[{"from":"1","type":"text"}]}}]}]}"#,
             "not a WhatsApp webhook body: entry 1, change 1, message 1 has no 'text' object"),
            (#"{"entry":[{"changes":[{"value":{"messages":[{"from":"1","timestamp":"soon","type":"reaction"}]}}]}]}"#,
             "not a WhatsApp webhook body: entry 1, change 1, message 1 'timestamp' is not a time (Unix seconds)"),
        ]
        for (body, message) in cases {
            do {
                _ = try parse(body)
                Issue.record("accepted \(body)")
            } catch {
                #expect(error == OptOutError(.badInput, message))
            }
        }
    }

    @Test func errorsNeverEchoMessageText() {
        do {
            _ = try parse(#"{"entry":[{"changes":[{"value":{"messages":[{"from":"1","type":"text","text":{"body":["secret"]}}]}}]}]}"#)
            Issue.record("a non-string body must be refused")
        } catch {
            #expect(!error.message.contains("secret"))
            #expect(error.message == "not a WhatsApp webhook body: entry 1, change 1, message 1 'text.body' is not a string")
        }
    }
}

@Suite struct TwilioWebhookTests {
    @Test func fixtureTwilioStop() throws {
        let items = try TwilioWebhook.parse(Fixture.bytes("webhooks/twilio_stop.form"))
        var expected = InboundItem(
            sender: "whatsapp:+15551234567", messageID: "SM3a6ee3b62cde564134a2d54bc7f70279", at: nil,
            content: .text("STOP"), origin: "Twilio body")
        expected.line = "whatsapp:+15557654321"  // To: the business line
        #expect(items == [expected])
    }

    @Test func decodesPlusAndPercentAndButtons() throws {
        let text = try TwilioWebhook.parse(Array("From=whatsapp%3A%2B5215512345678&Body=Baja+por+favor%21%20%C3%A9&MessageSid=SM1".utf8))
        #expect(text.map(\.content) == [.text("Baja por favor! é")])
        let button = try TwilioWebhook.parse(
            Array("MessageSid=SM2&From=whatsapp%3A%2B15551234567&Body=Stop+promotions&ButtonText=Stop+promotions&ButtonPayload=promo_off\n".utf8))
        #expect(button.map(\.content) == [.button(title: "Stop promotions", payload: "promo_off")])
        #expect(button.first?.messageID == "SM2")
    }

    @Test func statusCallbackIsIgnored() throws {
        #expect(try TwilioWebhook.parse(Array("MessageSid=SM3&MessageStatus=delivered&From=whatsapp%3A%2B15557654321".utf8)) == [])
    }

    @Test func refusesOtherFormats() {
        let cases: [(String, String)] = [
            (#"{"From":"x"}"#, "not a form-encoded body: pair 1 has no 'name='"),
            ("Body=STOP&MessageSid=SM1", "not a Twilio webhook body: no 'From' field"),
            ("From=%2&Body=x", "not a form-encoded body: bad '%' escape in pair 1"),
            ("From=%FF&Body=x", "not a form-encoded body: pair 1 is not UTF-8"),
            ("From=a b", "not a form-encoded body: raw space or control character in pair 1"),
        ]
        for (body, message) in cases {
            do {
                _ = try TwilioWebhook.parse(Array(body.utf8))
                Issue.record("accepted \(body)")
            } catch {
                #expect(error == OptOutError(.badInput, message))
            }
        }
    }
}
