#pragma once

#include "modelcatalog.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace gloo::sandbox {

// The three chat completion endpoints share one request format with small
// differences: V1 needs an explicit model, and the grounded variant adds a
// publisher and a number of sources.
enum class CompletionApi {
    V2,       // POST /ai/v2/chat/completions
    V1,       // POST /ai/v1/chat/completions
    Grounded, // POST /ai/v2/chat/completions/grounded
};

// A chat completion request body that passed validation, reduced to what the
// sandbox needs to answer it.
struct CompletionRequest
{
    CompletionApi api = CompletionApi::V2;
    QString lastUserText;
    int promptTokens = 0;

    QString routingMechanism; // "auto_routing", "model_family" or "model"
    QString routingTier;
    double routingConfidence = 1.0;
    CatalogModel model;

    QString tradition; // empty when the request names none
    std::optional<int> maxTokens;

    bool stream = false;
    bool includeUsage = false; // "stream_options": {"include_usage": true}

    // Grounded completions only.
    QString publisher;
    int sourcesLimit = 0;
};

struct ParsedCompletionRequest
{
    std::optional<CompletionRequest> request;
    QString error; // why the body was refused, when there is no request
};

// Validates a chat completion body as Gloo documents it: a non-empty messages
// array, exactly one routing choice (for V1, an explicit model; the grounded
// variant falls back to auto routing when it has none), and optional
// parameters in range.
ParsedCompletionRequest parseCompletionRequest(const QByteArray &body, const ModelCatalog &catalog,
                                               CompletionApi api = CompletionApi::V2);

// The sandbox counts a token per word, so that every count is predictable.
int countTokens(const QString &text);

} // namespace gloo::sandbox
