/// Buttons and keyboards that travel with a message.
///
/// An admin prompt for a credit request carries Approve/Reject buttons: Discord
/// `components` on `discord.message`/`discord.dm`/`discord.followup`, a Telegram
/// `reply_markup` inline keyboard on `telegram.message`. The relay attaches the
/// markup to the last part of a split message, so the buttons sit under the text.
struct AddOutboxMarkup: Migration {
    let version = 9
    let name = "outbox_markup"

    func statements(for d: SchemaDialect) -> [String] {
        ["ALTER TABLE outbox ADD COLUMN \(d.json("markup", nullable: true))"]
    }
}
