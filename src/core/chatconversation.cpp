#include "chatconversation.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace gloo {

namespace {

QString roleName(ChatMessage::Role role)
{
    return role == ChatMessage::Role::User ? QStringLiteral("user") : QStringLiteral("assistant");
}

QString stateKey(ChatMessage::State state)
{
    switch (state) {
    case ChatMessage::State::Complete: return QStringLiteral("complete");
    case ChatMessage::State::Streaming: return QStringLiteral("streaming");
    case ChatMessage::State::Stopped: return QStringLiteral("stopped");
    case ChatMessage::State::Interrupted: return QStringLiteral("interrupted");
    }
    return {};
}

void insertIfSet(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

void insertIfKnown(QJsonObject &object, const QString &key, qint64 value)
{
    if (value >= 0)
        object.insert(key, value);
}

QJsonObject replyJson(const ChatMessage &message)
{
    const CompletionReply &reply = message.reply;
    QJsonObject json;
    insertIfSet(json, QStringLiteral("model"), reply.model);
    insertIfSet(json, QStringLiteral("provider"), reply.provider);
    insertIfSet(json, QStringLiteral("model_family"), reply.modelFamily);
    insertIfSet(json, QStringLiteral("routing_mechanism"), reply.routingMechanism);
    insertIfSet(json, QStringLiteral("routing_tier"), reply.routingTier);
    if (reply.routingConfidence >= 0)
        json.insert(QStringLiteral("routing_confidence"), reply.routingConfidence);
    insertIfSet(json, QStringLiteral("finish_reason"), reply.finishReason);
    if (reply.usage.isKnown()) {
        QJsonObject usage;
        insertIfKnown(usage, QStringLiteral("prompt_tokens"), reply.usage.promptTokens);
        insertIfKnown(usage, QStringLiteral("completion_tokens"), reply.usage.completionTokens);
        insertIfKnown(usage, QStringLiteral("total_tokens"), reply.usage.totalTokens);
        json.insert(QStringLiteral("usage"), usage);
    }
    insertIfKnown(json, QStringLiteral("time_to_first_token_ms"), message.firstTokenMs);
    insertIfKnown(json, QStringLiteral("total_ms"), message.totalMs);
    return json;
}

} // namespace

QJsonArray ChatConversation::requestMessages(qsizetype count) const
{
    QJsonArray array;
    if (!systemPrompt.trimmed().isEmpty()) {
        array.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                 {QStringLiteral("content"), systemPrompt}});
    }
    const qsizetype end = qMin(count, messages.size());
    for (qsizetype i = qMax<qsizetype>(firstSent, 0); i < end; ++i) {
        const ChatMessage &message = messages.at(i);
        if (message.content.isEmpty())
            continue;
        // A question that got no answer (it failed, or was stopped before
        // any text) is left out too: the model would otherwise see two
        // questions in a row, which some providers refuse.
        const bool answered = i + 1 < end && messages.at(i + 1).isAssistant()
                              && !messages.at(i + 1).content.isEmpty();
        if (!message.isAssistant() && i + 1 < end && !answered)
            continue;
        array.append(QJsonObject{{QStringLiteral("role"), roleName(message.role)},
                                 {QStringLiteral("content"), message.content}});
    }
    return array;
}

qsizetype ChatConversation::lastUserIndex() const
{
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        if (messages.at(i).role == ChatMessage::Role::User)
            return i;
    }
    return -1;
}

QString ChatConversation::toMarkdown() const
{
    QStringList parts;
    parts << QStringLiteral("# %1").arg(tr("Gloo conversation"));
    if (!systemPrompt.trimmed().isEmpty())
        parts << QStringLiteral("**%1**\n\n%2").arg(tr("System prompt"), systemPrompt.trimmed());
    for (const ChatMessage &message : messages) {
        parts << QStringLiteral("## %1").arg(message.isAssistant() ? tr("Assistant") : tr("You"));
        parts << message.content.trimmed();
        if (!message.isAssistant())
            continue;
        QString note = replySummary(message);
        if (message.state != ChatMessage::State::Complete)
            note = stateText(message.state) + QStringLiteral(" · ") + note;
        if (!note.isEmpty())
            parts << QStringLiteral("*%1*").arg(note);
    }
    return parts.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
}

QByteArray ChatConversation::toJson() const
{
    QJsonArray list;
    for (const ChatMessage &message : messages) {
        QJsonObject json{{QStringLiteral("role"), roleName(message.role)},
                         {QStringLiteral("content"), message.content}};
        if (message.createdAt.isValid())
            json.insert(QStringLiteral("created_at"),
                        message.createdAt.toUTC().toString(Qt::ISODateWithMs));
        if (message.isAssistant()) {
            json.insert(QStringLiteral("state"), stateKey(message.state));
            json.insert(QStringLiteral("reply"), replyJson(message));
        }
        list.append(json);
    }
    QJsonObject document{{QStringLiteral("messages"), list}};
    if (!systemPrompt.trimmed().isEmpty())
        document.insert(QStringLiteral("system_prompt"), systemPrompt);
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

QString ChatConversation::replySummary(const ChatMessage &message)
{
    const CompletionReply &reply = message.reply;
    QStringList parts;
    if (!reply.model.isEmpty())
        parts << reply.model;
    if (!reply.provider.isEmpty())
        parts << tr("provider %1").arg(reply.provider);
    if (!reply.routingMechanism.isEmpty())
        parts << tr("routing %1").arg(reply.routingMechanism);
    if (!reply.routingTier.isEmpty() && reply.routingConfidence >= 0) {
        // One arg() call, so a "%" in the server's tier name stays as it is.
        parts << tr("%1 tier, %2% confidence")
                     .arg(reply.routingTier,
                          QString::number(qRound(reply.routingConfidence * 100)));
    } else if (!reply.routingTier.isEmpty()) {
        parts << tr("%1 tier").arg(reply.routingTier);
    }
    const CompletionUsage &usage = reply.usage;
    if (usage.promptTokens >= 0 && usage.completionTokens >= 0) {
        parts << tr("%1 in + %2 out = %3 tokens")
                     .arg(usage.promptTokens)
                     .arg(usage.completionTokens)
                     .arg(usage.totalTokens >= 0 ? usage.totalTokens
                                                 : usage.promptTokens + usage.completionTokens);
    } else if (usage.totalTokens >= 0) {
        parts << tr("%1 tokens").arg(usage.totalTokens);
    }
    if (message.firstTokenMs >= 0)
        parts << tr("first token %1").arg(formatDuration(message.firstTokenMs));
    if (message.totalMs >= 0)
        parts << tr("total %1").arg(formatDuration(message.totalMs));
    return parts.join(QStringLiteral(" · "));
}

QString ChatConversation::stateText(ChatMessage::State state)
{
    switch (state) {
    case ChatMessage::State::Complete: return {};
    case ChatMessage::State::Streaming: return tr("Answering…");
    case ChatMessage::State::Stopped: return tr("Stopped");
    case ChatMessage::State::Interrupted: return tr("Interrupted");
    }
    return {};
}

QString ChatConversation::formatDuration(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    return tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1));
}

} // namespace gloo
