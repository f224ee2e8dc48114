#pragma once

#include <QJsonObject>
#include <QString>

namespace gloo {

// Token counts as the server reported them; -1 where it said nothing.
struct CompletionUsage
{
    int promptTokens = -1;
    int completionTokens = -1;
    int totalTokens = -1;

    bool isKnown() const { return promptTokens >= 0 || completionTokens >= 0 || totalTokens >= 0; }
};

// What one chat completion answered, whole or assembled from a stream: the
// text and what Gloo says about how it was produced. Fields the server left
// out stay empty, so an OpenAI-shaped V1 answer simply has no routing.
struct CompletionReply
{
    QString id;
    QString content;
    QString finishReason;

    QString model;
    QString provider;
    QString modelFamily;
    QString routingMechanism;
    QString routingTier;
    QString tradition;
    double routingConfidence = -1; // 0 to 1; -1 when not reported

    CompletionUsage usage;

    // Takes the descriptive fields an object carries (a whole completion or
    // one chunk of a stream) and keeps the rest as they are.
    void readMetadata(const QJsonObject &object);

    // A whole chat.completion object. The content is empty when it has none.
    static CompletionReply fromCompletion(const QJsonObject &completion);
};

} // namespace gloo
