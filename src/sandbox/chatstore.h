#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace gloo::sandbox {

// One question and its answer in a chat of the Message API.
struct ChatTurn
{
    QString queryId;
    QString messageId;
    QString query;
    QString message;
    QString model;
    QJsonArray sources;
    QStringList suggestions;
    qint64 createdAt = 0; // seconds since the epoch

    QJsonObject toJson() const;
};

// The conversations of the deprecated Message API, kept in memory for as
// long as the sandbox runs. Used on the sandbox's thread only.
class ChatStore
{
public:
    // Starts an empty chat and returns its ID. Past `maxChats`, the chat
    // started longest ago is forgotten, so that memory stays bounded.
    QString startChat();
    bool contains(const QString &chatId) const;
    void append(const QString &chatId, const ChatTurn &turn);
    std::optional<QList<ChatTurn>> conversation(const QString &chatId) const;

    static constexpr qsizetype maxChats = 1000;

private:
    QHash<QString, QList<ChatTurn>> m_chats;
    QStringList m_startOrder;
};

} // namespace gloo::sandbox
