#include "completionrequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gloo::sandbox {

namespace {

// Auto routing sends short questions to the fast tier. Longer ones go to the
// balanced tier with a little less confidence, the way a router would hedge.
constexpr int fastTierMaxWords = 40;
constexpr double fastTierConfidence = 0.92;
constexpr double balancedTierConfidence = 0.78;

constexpr int defaultSourcesLimit = 3;
constexpr int maxSourcesLimit = 10;

bool isPresent(const QJsonValue &value)
{
    return !value.isUndefined() && !value.isNull();
}

// The text of a message: a string, or OpenAI's array of content parts of
// which the text parts count. Returns nothing when the content is neither.
std::optional<QString> messageText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    if (!content.isArray())
        return std::nullopt;

    QStringList texts;
    const QJsonArray parts = content.toArray();
    for (const QJsonValue &part : parts) {
        const QJsonObject object = part.toObject();
        if (object.value(QStringLiteral("type")).toString() != QLatin1String("text")
            || !object.value(QStringLiteral("text")).isString())
            return std::nullopt;
        texts.append(object.value(QStringLiteral("text")).toString());
    }
    return texts.join(QLatin1Char('\n'));
}

QString readMessages(const QJsonObject &body, CompletionRequest &request)
{
    static const QStringList roles{QStringLiteral("system"), QStringLiteral("user"),
                                   QStringLiteral("assistant"), QStringLiteral("tool")};

    const QJsonValue messages = body.value(QStringLiteral("messages"));
    if (!messages.isArray())
        return QStringLiteral("\"messages\" is required and must be an array of messages.");
    if (messages.toArray().isEmpty())
        return QStringLiteral("\"messages\" must contain at least one message.");

    const QJsonArray list = messages.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject message = list.at(i).toObject();
        const QString role = message.value(QStringLiteral("role")).toString();
        if (!list.at(i).isObject() || !roles.contains(role)) {
            return QStringLiteral("messages[%1] needs a \"role\" of system, user, assistant "
                                  "or tool.")
                .arg(i);
        }

        // An assistant message that only calls tools carries no content.
        const QJsonValue content = message.value(QStringLiteral("content"));
        if (!isPresent(content) && role == QLatin1String("assistant"))
            continue;
        const auto text = messageText(content);
        if (!text)
            return QStringLiteral("messages[%1] needs a \"content\" string.").arg(i);

        request.promptTokens += countTokens(*text);
        if (role == QLatin1String("user"))
            request.lastUserText = *text;
    }
    return {};
}

QString readRouting(const QJsonObject &body, const ModelCatalog &catalog,
                    CompletionRequest &request)
{
    const QJsonValue autoRouting = body.value(QStringLiteral("auto_routing"));
    const QJsonValue model = body.value(QStringLiteral("model"));
    const QJsonValue family = body.value(QStringLiteral("model_family"));
    if (isPresent(autoRouting) && !autoRouting.isBool())
        return QStringLiteral("\"auto_routing\" must be true or false.");

    // Grounded completions without a routing choice are routed automatically.
    const bool grounded = request.api == CompletionApi::Grounded;
    if (request.api == CompletionApi::V1 && !isPresent(model))
        return QStringLiteral("Completions V1 needs an explicit \"model\".");

    // "auto_routing": false next to a model or a family is how real clients
    // spell a single explicit choice, so only true counts as a choice.
    QStringList choices;
    if (autoRouting.toBool(false))
        choices.append(QStringLiteral("\"auto_routing\": true"));
    if (isPresent(family))
        choices.append(QStringLiteral("\"model_family\""));
    if (isPresent(model))
        choices.append(QStringLiteral("\"model\""));
    if (choices.size() != 1 && !(grounded && choices.isEmpty())) {
        const QString found = choices.isEmpty() ? QStringLiteral("none")
                                                : choices.join(QStringLiteral(" and "));
        return QStringLiteral("Choose exactly one routing option: \"auto_routing\": true, "
                              "\"model_family\" or \"model\". This request has %1.")
            .arg(found);
    }

    if (autoRouting.toBool(false) || choices.isEmpty()) {
        const bool fast = countTokens(request.lastUserText) <= fastTierMaxWords;
        request.routingMechanism = QStringLiteral("auto_routing");
        request.routingTier = fast ? QStringLiteral("fast") : QStringLiteral("balanced");
        request.routingConfidence = fast ? fastTierConfidence : balancedTierConfidence;
        request.model = *catalog.defaultForTier(request.routingTier);
        return {};
    }

    if (isPresent(family)) {
        const auto chosen = catalog.defaultForFamily(family.toString());
        if (!family.isString() || !chosen) {
            return QStringLiteral("\"model_family\" must be one of openai, anthropic, google "
                                  "or open source.");
        }
        request.routingMechanism = QStringLiteral("model_family");
        request.model = *chosen;
    } else {
        const auto chosen = catalog.find(model.toString());
        if (!model.isString() || !chosen) {
            return QStringLiteral("Unknown model \"%1\". GET /platform/v2/models lists the "
                                  "models.")
                .arg(model.toString());
        }
        if (!chosen->producesText()) {
            return QStringLiteral("Model \"%1\" produces only images and cannot answer chat "
                                  "completions.")
                .arg(chosen->id);
        }
        request.routingMechanism = QStringLiteral("model");
        request.model = *chosen;
    }
    request.routingTier = request.model.tier;
    request.routingConfidence = 1.0;
    return {};
}

QString readOptions(const QJsonObject &body, CompletionRequest &request)
{
    static const QStringList traditions{QStringLiteral("evangelical"), QStringLiteral("catholic"),
                                        QStringLiteral("mainline"),
                                        QStringLiteral("not_faith_specific")};

    const QJsonValue temperature = body.value(QStringLiteral("temperature"));
    if (isPresent(temperature)
        && (!temperature.isDouble() || temperature.toDouble() < 0 || temperature.toDouble() > 2)) {
        return QStringLiteral("\"temperature\" must be a number from 0 to 2.");
    }

    const QJsonValue maxTokens = body.value(QStringLiteral("max_tokens"));
    if (isPresent(maxTokens)) {
        const double value = maxTokens.toDouble(0);
        if (!maxTokens.isDouble() || value < 1 || std::floor(value) != value)
            return QStringLiteral("\"max_tokens\" must be a whole number of at least 1.");
        const double cap = std::numeric_limits<int>::max();
        request.maxTokens = static_cast<int>(std::min(value, cap));
    }

    const QJsonValue tradition = body.value(QStringLiteral("tradition"));
    if (isPresent(tradition)) {
        if (!traditions.contains(tradition.toString())) {
            return QStringLiteral("\"tradition\" must be one of evangelical, catholic, "
                                  "mainline or not_faith_specific.");
        }
        request.tradition = tradition.toString();
    }

    const QJsonValue stream = body.value(QStringLiteral("stream"));
    if (isPresent(stream) && !stream.isBool())
        return QStringLiteral("\"stream\" must be true or false.");
    request.stream = stream.toBool(false);

    // OpenAI refuses stream_options on a request that does not stream.
    const QJsonValue streamOptions = body.value(QStringLiteral("stream_options"));
    if (isPresent(streamOptions)) {
        const QJsonValue includeUsage = streamOptions.toObject().value(
            QStringLiteral("include_usage"));
        if (!streamOptions.isObject() || (isPresent(includeUsage) && !includeUsage.isBool()))
            return QStringLiteral("\"stream_options\" must be an object such as "
                                  "{\"include_usage\": true}.");
        if (!request.stream)
            return QStringLiteral("\"stream_options\" is only allowed with \"stream\": true.");
        request.includeUsage = includeUsage.toBool(false);
    }
    return {};
}

QString readGroundingOptions(const QJsonObject &body, CompletionRequest &request)
{
    const QJsonValue publisher = body.value(QStringLiteral("publisher"));
    if (isPresent(publisher) && (!publisher.isString() || publisher.toString().isEmpty()))
        return QStringLiteral("\"publisher\" must be a non-empty string.");
    request.publisher = publisher.toString(QStringLiteral("GlooGrounded"));

    const QJsonValue limit = body.value(QStringLiteral("sources_limit"));
    if (!isPresent(limit)) {
        request.sourcesLimit = defaultSourcesLimit;
        return {};
    }
    const double value = limit.toDouble(0);
    if (!limit.isDouble() || value < 1 || value > maxSourcesLimit || std::floor(value) != value)
        return QStringLiteral("\"sources_limit\" must be a whole number from 1 to 10.");
    request.sourcesLimit = int(value);
    return {};
}

} // namespace

ParsedCompletionRequest parseCompletionRequest(const QByteArray &body, const ModelCatalog &catalog,
                                               CompletionApi api)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return {std::nullopt, QStringLiteral("The request body must be a JSON object.")};

    const QJsonObject object = document.object();
    CompletionRequest request;
    request.api = api;
    QString error = readMessages(object, request);
    if (error.isEmpty())
        error = readRouting(object, catalog, request);
    if (error.isEmpty())
        error = readOptions(object, request);
    if (error.isEmpty() && api == CompletionApi::Grounded)
        error = readGroundingOptions(object, request);
    if (!error.isEmpty())
        return {std::nullopt, error};
    return {request, QString()};
}

int countTokens(const QString &text)
{
    return int(text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
}

} // namespace gloo::sandbox
