#include "messageendpoint.h"

#include "chatstore.h"
#include "completionanswer.h"
#include "fieldreader.h"
#include "modelcatalog.h"
#include "sandboxcontext.h"
#include "sandboxlogging.h"
#include "sandboxsources.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QUrlQuery>
#include <QUuid>

namespace gloo::sandbox {

namespace {

constexpr int defaultSourcesLimit = 3;
constexpr int maxSourcesLimit = 10;
constexpr int maxCharacterLimit = 100000;

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QStringList suggestionsFor(const QString &query)
{
    const QString topic = query.simplified().left(40);
    return {QStringLiteral("Tell me more about \"%1\"").arg(topic),
            QStringLiteral("What does the Bible say about \"%1\"?").arg(topic),
            QStringLiteral("How can I apply \"%1\" this week?").arg(topic)};
}

// Cuts `text` to at most `limit` characters without splitting a character.
QString cut(const QString &text, int limit)
{
    if (text.size() <= limit)
        return text;
    qsizetype end = limit;
    if (end > 0 && text.at(end - 1).isHighSurrogate())
        --end;
    return text.first(end);
}

} // namespace

SandboxReply answerMessageRequest(const QHttpServerRequest &request, const SandboxContext &context)
{
    FieldReader fields(request.body());
    const QString query = fields.requiredText(QStringLiteral("query"));
    const QString chatId = fields.text(QStringLiteral("chat_id"));
    const int characterLimit = fields.wholeNumber(QStringLiteral("character_limit"), 1,
                                                  maxCharacterLimit, 0);
    const int sourcesLimit = fields.wholeNumber(QStringLiteral("sources_limit"), 0, maxSourcesLimit,
                                                defaultSourcesLimit);
    const QStringList publishers = fields.texts(QStringLiteral("publishers"));
    const bool suggestions = fields.boolean(QStringLiteral("enable_suggestions"), false);
    // Limitation: the Message API answers in one piece; streaming it would
    // need its own event format, which Gloo no longer documents in detail.
    if (fields.boolean(QStringLiteral("stream"), false)) {
        return invalidRequest(QStringLiteral("The sandbox does not stream the deprecated "
                                             "Message API; send \"stream\": false."));
    }
    if (!fields.ok())
        return invalidRequest(fields.error());

    if (!chatId.isEmpty() && !context.chats.contains(chatId))
        return notFound(QStringLiteral("There is no chat with ID \"%1\".").arg(chatId));
    const QString chat = chatId.isEmpty() ? context.chats.startChat() : chatId;

    ChatTurn turn;
    turn.queryId = newId();
    turn.messageId = newId();
    turn.query = query;
    turn.message = sandboxAnswer(query);
    if (characterLimit > 0)
        turn.message = cut(turn.message, characterLimit);
    turn.model = context.catalog.defaultForTier(QStringLiteral("balanced"))->id;
    turn.sources = sandboxSources(query, sourcesLimit, publishers);
    if (suggestions)
        turn.suggestions = suggestionsFor(query);
    turn.createdAt = QDateTime::currentSecsSinceEpoch();
    context.chats.append(chat, turn);
    qCInfo(lcSandbox) << "message answered" << (chatId.isEmpty() ? "in a new chat" : "in a chat");

    QJsonObject answer = turn.toJson();
    answer.remove(QStringLiteral("query"));
    answer.insert(QStringLiteral("chat_id"), chat);
    return jsonReply(answer);
}

SandboxReply answerChatRequest(const QHttpServerRequest &request, const SandboxContext &context)
{
    const QString chatId = request.query().queryItemValue(QStringLiteral("chat_id"),
                                                          QUrl::FullyDecoded);
    if (chatId.isEmpty())
        return invalidRequest(QStringLiteral("Name the chat with ?chat_id=..."));

    const auto conversation = context.chats.conversation(chatId);
    if (!conversation)
        return notFound(QStringLiteral("There is no chat with ID \"%1\".").arg(chatId));

    QJsonArray messages;
    for (const ChatTurn &turn : *conversation)
        messages.append(turn.toJson());
    return jsonReply(
        QJsonObject{{QStringLiteral("chat_id"), chatId}, {QStringLiteral("messages"), messages}});
}

} // namespace gloo::sandbox
