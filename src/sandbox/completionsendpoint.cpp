#include "completionsendpoint.h"

#include "completionanswer.h"
#include "faultinjector.h"
#include "modelcatalog.h"
#include "sandboxcontext.h"
#include "sandboxlogging.h"

#include <QHttpServerRequest>
#include <QJsonDocument>

#include <algorithm>

namespace gloo::sandbox {

namespace {

// Below this cap a reasoning model spends every token on hidden thinking and
// the platform answers 503, as Gloo's documentation describes.
constexpr int minReasoningMaxTokens = 1024;

SandboxReply streamReply(const CompletionRequest &request, const CompletionAnswer &answer,
                         const SandboxContext &context)
{
    SandboxReply reply;
    reply.kind = SandboxReply::Kind::EventStream;
    reply.eventDelayMs = context.streamChunkDelayMs;
    reply.events = completionChunks(request, answer);

    const StreamFault fault = context.faults.takeStreamFault();
    const qsizetype kept = std::clamp<qsizetype>(fault.afterEvents, 0, reply.events.size());
    switch (fault.action) {
    case StreamFault::Action::None: reply.events.append(QByteArrayLiteral("[DONE]")); break;
    case StreamFault::Action::Drop:
        reply.events = reply.events.first(kept);
        reply.dropAfterEvents = true;
        break;
    case StreamFault::Action::Error: {
        // The stream ends properly after the error, without "[DONE]": that is
        // how OpenAI-compatible servers report a failure once events have begun.
        const QJsonObject error = providerErrorObject(
            QStringLiteral("stream_interrupted"), request.model.providerId,
            QStringLiteral("The model provider stopped answering in the middle of the stream."));
        reply.events = reply.events.first(kept);
        reply.events.append(QJsonDocument(error).toJson(QJsonDocument::Compact));
        break;
    }
    }
    return reply;
}

} // namespace

SandboxReply answerCompletionRequest(const QHttpServerRequest &request,
                                     const SandboxContext &context, CompletionApi api)
{
    const ParsedCompletionRequest parsed = parseCompletionRequest(request.body(), context.catalog,
                                                                  api);
    if (!parsed.request) {
        qCInfo(lcSandbox) << "completion request refused as invalid";
        return invalidRequest(parsed.error);
    }
    const CompletionRequest &completion = *parsed.request;

    if (completion.routingMechanism == QLatin1String("model")
        && context.faults.isModelForbidden(completion.model.id)) {
        qCInfo(lcSandbox).noquote()
            << "completion refused: model" << completion.model.id << "is not enabled";
        return forbiddenModel(completion.model.id);
    }

    if (completion.model.supportsReasoning && completion.maxTokens
        && *completion.maxTokens < minReasoningMaxTokens) {
        qCInfo(lcSandbox).noquote() << "completion failed: reasoning model" << completion.model.id
                                    << "with max_tokens" << *completion.maxTokens;
        return providerError(
            QStringLiteral("empty_completion"), completion.model.providerId,
            QStringLiteral("The reasoning model spent its whole max_tokens budget on thinking "
                           "and produced no answer. Allow at least %1 tokens.")
                .arg(minReasoningMaxTokens));
    }

    qCInfo(lcSandbox).noquote() << "completion answered by" << completion.model.id << "via"
                                << completion.routingMechanism
                                << (completion.stream ? "as a stream" : "whole");
    const CompletionAnswer answer = composeAnswer(completion);
    if (completion.stream)
        return streamReply(completion, answer, context);
    return jsonReply(completionJson(completion, answer));
}

} // namespace gloo::sandbox
