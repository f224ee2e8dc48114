#include "chatstore.h"

#include <QJsonArray>
#include <QUuid>

namespace gloo::sandbox {

QJsonObject ChatTurn::toJson() const
{
    return QJsonObject{
        {QStringLiteral("query_id"), queryId},
        {QStringLiteral("message_id"), messageId},
        {QStringLiteral("query"), query},
        {QStringLiteral("message"), message},
        {QStringLiteral("model"), model},
        {QStringLiteral("sources"), sources},
        {QStringLiteral("suggestions"), QJsonArray::fromStringList(suggestions)},
        {QStringLiteral("created_at"), createdAt},
    };
}

QString ChatStore::startChat()
{
    QString chatId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_chats.insert(chatId, {});
    m_startOrder.append(chatId);
    if (m_startOrder.size() > maxChats)
        m_chats.remove(m_startOrder.takeFirst());
    return chatId;
}

bool ChatStore::contains(const QString &chatId) const
{
    return m_chats.contains(chatId);
}

void ChatStore::append(const QString &chatId, const ChatTurn &turn)
{
    const auto chat = m_chats.find(chatId);
    if (chat != m_chats.end())
        chat->append(turn);
}

std::optional<QList<ChatTurn>> ChatStore::conversation(const QString &chatId) const
{
    const auto chat = m_chats.constFind(chatId);
    if (chat == m_chats.cend())
        return std::nullopt;
    return *chat;
}

} // namespace gloo::sandbox
