#include "completionanswer.h"

#include "sandboxsources.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

#include <algorithm>

namespace gloo::sandbox {

namespace {

// Long questions are cut in the echo so that an answer stays readable.
constexpr qsizetype maxEchoedCharacters = 200;

// Small enough to give several pieces for most words, as model tokens do.
constexpr qsizetype maxPieceLength = 3;

bool hasGlooFields(const CompletionRequest &request)
{
    return request.api != CompletionApi::V1;
}

QJsonObject usageJson(const CompletionRequest &request, const CompletionAnswer &answer)
{
    return QJsonObject{
        {QStringLiteral("prompt_tokens"), request.promptTokens},
        {QStringLiteral("completion_tokens"), answer.completionTokens},
        {QStringLiteral("total_tokens"), request.promptTokens + answer.completionTokens},
    };
}

// The fields every object of one answer shares, whole or chunked.
QJsonObject envelope(const CompletionRequest &request, const CompletionAnswer &answer,
                     const QString &object)
{
    QJsonObject json{
        {QStringLiteral("id"), answer.id},
        {QStringLiteral("object"), object},
        {QStringLiteral("created"), answer.created},
        {QStringLiteral("model"), request.model.id},
    };
    if (!hasGlooFields(request))
        return json;

    const QJsonValue tradition = request.tradition.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                             : QJsonValue(request.tradition);
    json.insert(QStringLiteral("provider"), request.model.providerId);
    json.insert(QStringLiteral("model_family"), request.model.family);
    json.insert(QStringLiteral("routing_mechanism"), request.routingMechanism);
    json.insert(QStringLiteral("routing_tier"), request.routingTier);
    json.insert(QStringLiteral("routing_confidence"), request.routingConfidence);
    json.insert(QStringLiteral("tradition"), tradition);
    return json;
}

QByteArray chunk(const CompletionRequest &request, const CompletionAnswer &answer,
                 const QJsonObject &delta, const QJsonValue &finishReason,
                 const QJsonObject &extra = {})
{
    QJsonObject json = envelope(request, answer, QStringLiteral("chat.completion.chunk"));
    const QJsonObject choice{
        {QStringLiteral("index"), 0},
        {QStringLiteral("delta"), delta},
        {QStringLiteral("finish_reason"), finishReason},
    };
    json.insert(QStringLiteral("choices"), QJsonArray{choice});
    // With include_usage, OpenAI sends "usage": null on every chunk but the last.
    if (request.includeUsage)
        json.insert(QStringLiteral("usage"), QJsonValue::Null);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        json.insert(it.key(), it.value());
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

} // namespace

CompletionAnswer composeAnswer(const CompletionRequest &request)
{
    QStringList words =
        sandboxAnswer(request.lastUserText).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    CompletionAnswer answer;
    answer.finishReason = QStringLiteral("stop");
    if (request.maxTokens && words.size() > *request.maxTokens) {
        words = words.first(*request.maxTokens);
        answer.finishReason = QStringLiteral("length");
    }

    answer.id = QStringLiteral("chatcmpl-") + QUuid::createUuid().toString(QUuid::Id128);
    answer.created = QDateTime::currentSecsSinceEpoch();
    answer.content = words.join(QLatin1Char(' '));
    answer.completionTokens = int(words.size());
    if (request.api == CompletionApi::Grounded) {
        answer.sources = sandboxSources(request.lastUserText, request.sourcesLimit,
                                        {request.publisher});
    }
    return answer;
}

QJsonObject completionJson(const CompletionRequest &request, const CompletionAnswer &answer)
{
    const QJsonObject message{
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), answer.content},
    };
    const QJsonObject choice{
        {QStringLiteral("index"), 0},
        {QStringLiteral("message"), message},
        {QStringLiteral("finish_reason"), answer.finishReason},
    };

    QJsonObject json = envelope(request, answer, QStringLiteral("chat.completion"));
    json.insert(QStringLiteral("choices"), QJsonArray{choice});
    json.insert(QStringLiteral("usage"), usageJson(request, answer));
    if (request.api == CompletionApi::Grounded)
        json.insert(QStringLiteral("sources"), answer.sources);
    return json;
}

QList<QByteArray> completionChunks(const CompletionRequest &request, const CompletionAnswer &answer)
{
    const QJsonValue pending(QJsonValue::Null);
    QList<QByteArray> chunks;
    chunks.append(chunk(request, answer,
                        QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                    {QStringLiteral("content"), QString()}},
                        pending));

    const QStringList pieces = streamPieces(answer.content);
    for (const QString &piece : pieces)
        chunks.append(chunk(request, answer, {{QStringLiteral("content"), piece}}, pending));

    QJsonObject last;
    if (request.api == CompletionApi::Grounded)
        last.insert(QStringLiteral("sources"), answer.sources);
    chunks.append(chunk(request, answer, {}, answer.finishReason, last));

    if (request.includeUsage) {
        QJsonObject usage = envelope(request, answer, QStringLiteral("chat.completion.chunk"));
        usage.insert(QStringLiteral("choices"), QJsonArray());
        usage.insert(QStringLiteral("usage"), usageJson(request, answer));
        chunks.append(QJsonDocument(usage).toJson(QJsonDocument::Compact));
    }
    return chunks;
}

QStringList streamPieces(const QString &content)
{
    QStringList pieces;
    qsizetype start = 0;
    while (start < content.size()) {
        qsizetype length = std::min(maxPieceLength, content.size() - start);
        // A space starts a new word, so a piece never runs across two words.
        const qsizetype space = content.indexOf(QLatin1Char(' '), start + 1);
        if (space > start && space < start + length)
            length = space - start;
        if (content.at(start + length - 1).isHighSurrogate() && start + length < content.size())
            ++length;
        pieces.append(content.mid(start, length));
        start += length;
    }
    return pieces;
}

QString sandboxAnswer(const QString &question)
{
    QString echo = question.simplified();
    if (echo.size() > maxEchoedCharacters) {
        qsizetype cut = maxEchoedCharacters;
        if (echo.at(cut - 1).isHighSurrogate())
            --cut; // never split a character outside the Basic Multilingual Plane
        echo = echo.first(cut) + QStringLiteral("...");
    }

    return QStringLiteral("Sandbox reply to: \"%1\". This answer comes from the Gloo Console "
                          "sandbox on your computer, so no model read your message. Use the "
                          "Production environment to talk to Gloo AI.")
        .arg(echo);
}

} // namespace gloo::sandbox
