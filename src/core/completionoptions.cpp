#include "completionoptions.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace gloo {

QString CompletionOptions::problem() const
{
    if (api == CompletionApi::V1 && routing.mode != Routing::Mode::Model)
        return tr("Completions V1 needs a specific model. Pick one from the catalog.");
    if (routing.mode == Routing::Mode::Family && routing.value.trimmed().isEmpty())
        return tr("Pick a model family.");
    if (routing.mode == Routing::Mode::Model && routing.value.trimmed().isEmpty())
        return tr("Pick a model. The Models tab loads the catalog.");
    if (temperature && (*temperature < 0 || *temperature > 2))
        return tr("The temperature must be between 0 and 2.");
    if (maxTokens && *maxTokens < 1)
        return tr("Max tokens must be at least 1.");
    return {};
}

QByteArray CompletionOptions::body(const QJsonArray &messages) const
{
    QJsonObject json{{QStringLiteral("messages"), messages}};

    // Exactly one routing field. Real clients also send "auto_routing":
    // false next to a model, which Gloo accepts, but one field leaves no
    // doubt about what was asked for.
    switch (routing.mode) {
    case Routing::Mode::Auto: json.insert(QStringLiteral("auto_routing"), true); break;
    case Routing::Mode::Family:
        // Gloo matches families without regard to case; its documentation
        // spells them in lower case.
        json.insert(QStringLiteral("model_family"), routing.value.trimmed().toLower());
        break;
    case Routing::Mode::Model: json.insert(QStringLiteral("model"), routing.value.trimmed()); break;
    }

    // Tradition is Gloo's own field; the OpenAI-shaped V1 has no such thing.
    if (api == CompletionApi::V2 && !tradition.isEmpty())
        json.insert(QStringLiteral("tradition"), tradition);
    if (temperature)
        json.insert(QStringLiteral("temperature"), *temperature);
    if (maxTokens)
        json.insert(QStringLiteral("max_tokens"), *maxTokens);
    if (stream) {
        json.insert(QStringLiteral("stream"), true);
        // Without it an OpenAI-compatible stream reports no token usage.
        json.insert(QStringLiteral("stream_options"),
                    QJsonObject{{QStringLiteral("include_usage"), true}});
    }
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

QString CompletionOptions::path() const
{
    return api == CompletionApi::V1 ? QStringLiteral("/ai/v1/chat/completions")
                                    : QStringLiteral("/ai/v2/chat/completions");
}

QStringList CompletionOptions::families()
{
    return {QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("google"),
            QStringLiteral("open source")};
}

QStringList CompletionOptions::traditions()
{
    return {QStringLiteral("evangelical"), QStringLiteral("catholic"), QStringLiteral("mainline"),
            QStringLiteral("not_faith_specific")};
}

} // namespace gloo
