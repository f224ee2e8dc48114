#pragma once

#include "completionrequest.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace gloo::sandbox {

// The sandbox's answer to one chat completion request, before it is shaped
// as one JSON object or as a stream of chunks. Both shapes carry the same
// text, so a client sees the same answer either way.
struct CompletionAnswer
{
    QString id;
    qint64 created = 0;
    QString content;
    QString finishReason; // "stop", or "length" when max_tokens cut the answer
    int completionTokens = 0;
    QJsonArray sources; // grounded completions only
};

CompletionAnswer composeAnswer(const CompletionRequest &request);

// The OpenAI chat.completion object, with Gloo's routing fields for V2 and
// grounded completions and the sources for grounded ones.
QJsonObject completionJson(const CompletionRequest &request, const CompletionAnswer &answer);

// The chat.completion.chunk objects of a stream, compact JSON, in order: the
// role, the content in pieces, the finish reason (with the sources of a
// grounded answer), and the usage when the request asked for it. The closing
// "[DONE]" is not among them.
QList<QByteArray> completionChunks(const CompletionRequest &request,
                                   const CompletionAnswer &answer);

// The pieces a stream sends the content in: several per word, each at most a
// few characters, never splitting a character. Joined, they give `content`.
QStringList streamPieces(const QString &content);

// The text the sandbox answers to a question.
QString sandboxAnswer(const QString &question);

} // namespace gloo::sandbox
