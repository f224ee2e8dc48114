#include "core/chatconversation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using gloo::ChatConversation;
using gloo::ChatMessage;

namespace {

ChatMessage question(const QString &text)
{
    ChatMessage message;
    message.role = ChatMessage::Role::User;
    message.content = text;
    return message;
}

ChatMessage answer(const QString &text, ChatMessage::State state = ChatMessage::State::Complete)
{
    ChatMessage message;
    message.role = ChatMessage::Role::Assistant;
    message.content = text;
    message.state = state;
    message.reply.model = QStringLiteral("gloo-google-gemini-2.5-flash");
    message.reply.provider = QStringLiteral("google");
    message.reply.routingMechanism = QStringLiteral("auto_routing");
    message.reply.routingTier = QStringLiteral("fast");
    message.reply.routingConfidence = 0.92;
    message.reply.usage = {12, 30, 42};
    message.firstTokenMs = 120;
    message.totalMs = 1430;
    return message;
}

ChatConversation sample()
{
    ChatConversation conversation;
    conversation.systemPrompt = QStringLiteral("Be brief.");
    conversation.messages = {question(QStringLiteral("What is grace?")),
                             answer(QStringLiteral("**Unearned** favour.")),
                             question(QStringLiteral("And mercy?")),
                             answer(QStringLiteral("Not getting"), ChatMessage::State::Stopped)};
    return conversation;
}

} // namespace

// The conversation: the history each request carries, the line under each
// reply, and the Markdown and JSON exports.
class TestChatConversation : public QObject
{
    Q_OBJECT

private slots:
    void requestCarriesTheSystemPromptAndTheHistory();
    void emptyRepliesAreLeftOutOfTheHistory();
    void replySummaryNamesEverythingKnown();
    void replySummaryLeavesOutWhatIsUnknown();
    void markdownExportHasEveryTurn();
    void jsonExportRoundTrips();
};

void TestChatConversation::requestCarriesTheSystemPromptAndTheHistory()
{
    const ChatConversation conversation = sample();
    const QJsonArray messages = conversation.requestMessages(3);
    QCOMPARE(messages.size(), 4);
    const QStringList roles{QStringLiteral("system"), QStringLiteral("user"),
                            QStringLiteral("assistant"), QStringLiteral("user")};
    for (int i = 0; i < roles.size(); ++i)
        QCOMPARE(messages.at(i).toObject().value(QStringLiteral("role")).toString(), roles.at(i));
    QCOMPARE(messages.at(2).toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("**Unearned** favour."));
    QCOMPARE(conversation.lastUserIndex(), 2);
}

void TestChatConversation::emptyRepliesAreLeftOutOfTheHistory()
{
    ChatConversation conversation;
    // A failed reply (no text) and a question stopped before any reply:
    // neither unanswered question goes out again, so the model never sees
    // two questions in a row.
    conversation.messages = {question(QStringLiteral("One")), answer({}),
                             question(QStringLiteral("Two")), question(QStringLiteral("Three")),
                             answer(QStringLiteral("Yes")),   question(QStringLiteral("Four"))};
    const QJsonArray messages = conversation.requestMessages(6);
    QStringList contents;
    for (const QJsonValue &value : messages)
        contents << value.toObject().value(QStringLiteral("content")).toString();
    QCOMPARE(contents, QStringList({"Three", "Yes", "Four"}));

    // The question being asked is sent even though it has no answer yet.
    QCOMPARE(conversation.requestMessages(4).size(), 1);
}

void TestChatConversation::replySummaryNamesEverythingKnown()
{
    QCOMPARE(ChatConversation::replySummary(answer(QStringLiteral("x"))),
             QStringLiteral("gloo-google-gemini-2.5-flash · provider google · routing "
                            "auto_routing · fast tier, 92% confidence · 12 in + 30 out = 42 "
                            "tokens · first token 120 ms · total 1.4 s"));
}

void TestChatConversation::replySummaryLeavesOutWhatIsUnknown()
{
    ChatMessage message;
    message.role = ChatMessage::Role::Assistant;
    message.reply.model = QStringLiteral("gloo-openai-gpt-5-mini");
    message.totalMs = 80;
    QCOMPARE(ChatConversation::replySummary(message),
             QStringLiteral("gloo-openai-gpt-5-mini · total 80 ms"));
}

void TestChatConversation::markdownExportHasEveryTurn()
{
    const QString markdown = sample().toMarkdown();
    const QString expectedStart = QStringLiteral(
        "# Gloo conversation\n\n**System prompt**\n\nBe brief.\n\n## You\n\nWhat is grace?\n\n"
        "## Assistant\n\n**Unearned** favour.\n\n*gloo-google-gemini-2.5-flash · ");
    QVERIFY2(markdown.startsWith(expectedStart), qPrintable(markdown));
    QVERIFY(markdown.contains(QStringLiteral("## You\n\nAnd mercy?\n\n## Assistant\n\nNot "
                                             "getting\n\n*Stopped · gloo-google")));
    QVERIFY(markdown.endsWith(QStringLiteral("total 1.4 s*\n")));
}

void TestChatConversation::jsonExportRoundTrips()
{
    const QJsonObject json = QJsonDocument::fromJson(sample().toJson()).object();
    QCOMPARE(json.value(QStringLiteral("system_prompt")).toString(), QStringLiteral("Be brief."));
    const QJsonArray messages = json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 4);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("user"));
    QVERIFY(!messages.at(0).toObject().contains(QStringLiteral("reply")));

    const QJsonObject stopped = messages.at(3).toObject();
    QCOMPARE(stopped.value(QStringLiteral("content")).toString(), QStringLiteral("Not getting"));
    QCOMPARE(stopped.value(QStringLiteral("state")).toString(), QStringLiteral("stopped"));
    const QJsonObject reply = stopped.value(QStringLiteral("reply")).toObject();
    QCOMPARE(reply.value(QStringLiteral("model")).toString(),
             QStringLiteral("gloo-google-gemini-2.5-flash"));
    QCOMPARE(reply.value(QStringLiteral("routing_confidence")).toDouble(), 0.92);
    QCOMPARE(reply.value(QStringLiteral("usage"))
                 .toObject()
                 .value(QStringLiteral("total_tokens"))
                 .toInt(),
             42);
    QCOMPARE(reply.value(QStringLiteral("time_to_first_token_ms")).toInt(), 120);
    QCOMPARE(reply.value(QStringLiteral("total_ms")).toInt(), 1430);
}

QTEST_GUILESS_MAIN(TestChatConversation)
#include "tst_chatconversation.moc"
