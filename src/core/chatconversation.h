#pragma once

#include "completionreply.h"
#include "failure.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace gloo {

struct ChatMessage
{
    enum class Role { User, Assistant };
    enum class State {
        Complete,
        Streaming,   // the answer is still arriving
        Stopped,     // the user stopped it; the text is what had arrived
        Interrupted, // the connection broke or the server gave up mid-answer
    };

    Role role = Role::User;
    QString content;
    State state = State::Complete;
    QDateTime createdAt;

    // Assistant replies only.
    CompletionReply reply;
    qint64 firstTokenMs = -1; // from sending to the first text
    qint64 totalMs = -1;      // from sending to the end of the answer
    Failure failure;          // why an interrupted reply ended

    bool isAssistant() const { return role == Role::Assistant; }
};

// One conversation as the user sees it: an optional system prompt and the
// turns so far. Each request sends the whole history, since the API itself
// remembers nothing between requests.
class ChatConversation
{
    Q_DECLARE_TR_FUNCTIONS(ChatConversation)

public:
    QString systemPrompt;
    QList<ChatMessage> messages;
    // The first message a request sends. The ones before it stay on screen
    // but were asked of another server, which is not told about them.
    qsizetype firstSent = 0;

    // The messages array for a request: the system prompt, then the first
    // `count` messages from `firstSent` on. Replies without any text are
    // left out, as they would only confuse the model, and so are the
    // questions they answered: only the last question may be without an
    // answer.
    QJsonArray requestMessages(qsizetype count) const;

    // Index of the last question, or -1.
    qsizetype lastUserIndex() const;

    QString toMarkdown() const;
    QByteArray toJson() const;

    // "gloo-openai-gpt-5-mini · openai · auto routing · fast tier, 92% ·
    // 12 → 40 tokens · first token 120 ms · 1.4 s in all": what is known
    // about a reply, in one line.
    static QString replySummary(const ChatMessage &message);
    static QString stateText(ChatMessage::State state);
    static QString formatDuration(qint64 ms);
};

} // namespace gloo
