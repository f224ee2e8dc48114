#include "completionsendpoint.h"

#include "bearerauth.h"
#include "completionrequest.h"
#include "modelcatalog.h"
#include "sandboxlogging.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QStringList>
#include <QUuid>

namespace gloo::sandbox {

namespace {

// Long questions are cut in the echo so that an answer stays readable.
constexpr qsizetype maxEchoedCharacters = 200;

QJsonObject completionJson(const CompletionRequest &request)
{
    QStringList words = sandboxAnswer(request.lastUserText)
                            .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString finishReason = QStringLiteral("stop");
    if (request.maxTokens && words.size() > *request.maxTokens) {
        words = words.first(*request.maxTokens);
        finishReason = QStringLiteral("length");
    }
    const int completionTokens = int(words.size());

    const QJsonObject message{
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), words.join(QLatin1Char(' '))},
    };
    const QJsonObject choice{
        {QStringLiteral("index"), 0},
        {QStringLiteral("message"), message},
        {QStringLiteral("finish_reason"), finishReason},
    };
    const QJsonObject usage{
        {QStringLiteral("prompt_tokens"), request.promptTokens},
        {QStringLiteral("completion_tokens"), completionTokens},
        {QStringLiteral("total_tokens"), request.promptTokens + completionTokens},
    };
    const QJsonValue tradition = request.tradition.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                             : QJsonValue(request.tradition);

    return QJsonObject{
        {QStringLiteral("id"),
         QStringLiteral("chatcmpl-") + QUuid::createUuid().toString(QUuid::Id128)},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
        {QStringLiteral("model"), request.model.id},
        {QStringLiteral("choices"), QJsonArray{choice}},
        {QStringLiteral("usage"), usage},
        {QStringLiteral("provider"), request.model.providerId},
        {QStringLiteral("model_family"), request.model.family},
        {QStringLiteral("routing_mechanism"), request.routingMechanism},
        {QStringLiteral("routing_tier"), request.routingTier},
        {QStringLiteral("routing_confidence"), request.routingConfidence},
        {QStringLiteral("tradition"), tradition},
    };
}

} // namespace

SandboxReply answerCompletionRequest(const QHttpServerRequest &request,
                                     const TokenIssuer &issuer, const ModelCatalog &catalog)
{
    if (auto refusal = refuseWithoutAccessToken(request, issuer))
        return *refusal;

    const ParsedCompletionRequest parsed = parseCompletionRequest(request.body(), catalog);
    if (!parsed.request) {
        qCInfo(lcSandbox) << "completion request refused as invalid";
        return invalidRequest(parsed.error);
    }

    qCInfo(lcSandbox).noquote() << "completion answered by" << parsed.request->model.id
                                << "via" << parsed.request->routingMechanism;
    return jsonReply(completionJson(*parsed.request));
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
                          "sandbox on your computer, so no model read your message. Connect a "
                          "Gloo profile to talk to Gloo AI.")
        .arg(echo);
}

} // namespace gloo::sandbox
