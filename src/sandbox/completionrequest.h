#pragma once

#include "modelcatalog.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace gloo::sandbox {

// A Completions V2 request body that passed validation, reduced to what the
// sandbox needs to answer it.
struct CompletionRequest
{
    QString lastUserText;
    int promptTokens = 0;

    QString routingMechanism; // "auto_routing", "model_family" or "model"
    QString routingTier;
    double routingConfidence = 1.0;
    CatalogModel model;

    QString tradition; // empty when the request names none
    std::optional<int> maxTokens;
};

struct ParsedCompletionRequest
{
    std::optional<CompletionRequest> request;
    QString error; // why the body was refused, when there is no request
};

// Validates a Completions V2 body as Gloo documents it: a non-empty messages
// array, exactly one routing choice, and optional parameters in range.
ParsedCompletionRequest parseCompletionRequest(const QByteArray &body,
                                               const ModelCatalog &catalog);

// The sandbox counts a token per word, so that every count is predictable.
int countTokens(const QString &text);

} // namespace gloo::sandbox
