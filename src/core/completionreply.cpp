#include "completionreply.h"

#include <QJsonArray>

namespace gloo {

namespace {

void readString(const QJsonObject &object, QLatin1String key, QString &target)
{
    const QJsonValue value = object.value(key);
    if (value.isString())
        target = value.toString();
}

void readCount(const QJsonObject &object, QLatin1String key, int &target)
{
    const QJsonValue value = object.value(key);
    if (value.isDouble() && value.toDouble() >= 0)
        target = value.toInt();
}

} // namespace

void CompletionReply::readMetadata(const QJsonObject &object)
{
    readString(object, QLatin1String("id"), id);
    readString(object, QLatin1String("model"), model);
    readString(object, QLatin1String("provider"), provider);
    readString(object, QLatin1String("model_family"), modelFamily);
    readString(object, QLatin1String("routing_mechanism"), routingMechanism);
    readString(object, QLatin1String("routing_tier"), routingTier);
    readString(object, QLatin1String("tradition"), tradition);

    const QJsonValue confidence = object.value(QLatin1String("routing_confidence"));
    if (confidence.isDouble())
        routingConfidence = confidence.toDouble();

    // OpenAI sends "usage": null on chunks before the last one.
    const QJsonObject usageObject = object.value(QLatin1String("usage")).toObject();
    readCount(usageObject, QLatin1String("prompt_tokens"), usage.promptTokens);
    readCount(usageObject, QLatin1String("completion_tokens"), usage.completionTokens);
    readCount(usageObject, QLatin1String("total_tokens"), usage.totalTokens);
}

CompletionReply CompletionReply::fromCompletion(const QJsonObject &completion)
{
    CompletionReply reply;
    reply.readMetadata(completion);
    const QJsonObject choice =
        completion.value(QLatin1String("choices")).toArray().first().toObject();
    reply.content = choice.value(QLatin1String("message"))
                        .toObject()
                        .value(QLatin1String("content"))
                        .toString();
    readString(choice, QLatin1String("finish_reason"), reply.finishReason);
    return reply;
}

} // namespace gloo
