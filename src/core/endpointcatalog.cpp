#include "endpointcatalog.h"

namespace gloo {

namespace {

EndpointPreset preset(const char *key, const QString &name, const QString &description,
                      const char *method, const char *target, const char *body)
{
    EndpointPreset preset;
    preset.key = QString::fromLatin1(key);
    preset.name = name;
    preset.description = description;
    preset.method = method;
    preset.target = QString::fromLatin1(target);
    preset.exampleBody = QString::fromUtf8(body);
    return preset;
}

// The bodies are written the way a person would type them (two-space
// indents, the fields in the documentation's order), because the console
// shows them as they are.
const char completionsV2Body[] = R"({
  "messages": [
    {
      "role": "system",
      "content": "You are a helpful assistant for a church staff team."
    },
    {
      "role": "user",
      "content": "Suggest three ideas for welcoming first-time visitors."
    }
  ],
  "auto_routing": true,
  "tradition": "not_faith_specific",
  "temperature": 0.7,
  "max_tokens": 2048
}
)";

const char streamBody[] = R"({
  "messages": [
    {
      "role": "user",
      "content": "Write a short blessing for a new volunteer team."
    }
  ],
  "model_family": "anthropic",
  "stream": true
}
)";

const char groundedBody[] = R"({
  "messages": [
    {
      "role": "user",
      "content": "What does the Bible say about hospitality?"
    }
  ],
  "auto_routing": true,
  "publisher": "GlooGrounded",
  "sources_limit": 3
}
)";

const char completionsV1Body[] = R"({
  "model": "gloo-openai-gpt-5-mini",
  "messages": [
    {
      "role": "user",
      "content": "Give me one sentence of encouragement for a small group leader."
    }
  ],
  "temperature": 0.7
}
)";

const char responsesBody[] = R"({
  "model": "gloo-openai-gpt-5-mini",
  "instructions": "Answer in two sentences.",
  "input": "How can a church make its website more welcoming?"
}
)";

const char messageBody[] = R"({
  "query": "How do I start a prayer ministry?",
  "character_limit": 1000,
  "sources_limit": 3,
  "stream": false,
  "publishers": [],
  "enable_suggestions": true
}
)";

const char searchBody[] = R"({
  "query": "forgiveness",
  "collection": "GlooProd",
  "tenant": "",
  "certainty": 0.75,
  "limit": 5
}
)";

} // namespace

QList<EndpointPreset> EndpointCatalog::presets()
{
    QList<EndpointPreset> list;
    list << preset("completions-v2", tr("Completions V2"),
                   tr("Chat completion; Gloo routes it by auto_routing, model_family or model."),
                   "POST", "/ai/v2/chat/completions", completionsV2Body);

    EndpointPreset stream = preset("completions-v2-stream", tr("Completions V2, streamed"),
                                   tr("The same completion as server-sent events, shown as they "
                                      "arrive."),
                                   "POST", "/ai/v2/chat/completions", streamBody);
    stream.streams = true;
    list << stream;

    list << preset("grounded", tr("Grounded completions"),
                   tr("A completion grounded in a publisher's content, with its sources."), "POST",
                   "/ai/v2/chat/completions/grounded", groundedBody);
    list << preset("completions-v1", tr("Completions V1"),
                   tr("The older OpenAI-shaped completion; it needs an explicit model."), "POST",
                   "/ai/v1/chat/completions", completionsV1Body);
    list << preset("responses", tr("Responses"),
                   tr("OpenAI Responses-shaped generation from an input and instructions."), "POST",
                   "/ai/v1/responses", responsesBody);
    list << preset("search", tr("Data search"),
                   tr("Semantic search over Gloo's content collection."), "POST",
                   "/ai/data/v1/search", searchBody);

    EndpointPreset models = preset("models", tr("Model catalog"),
                                   tr("Every model with its family and abilities; needs no "
                                      "token."),
                                   "GET", "/platform/v2/models", "");
    models.needsToken = false;
    list << models;

    EndpointPreset message = preset("message", tr("Message (deprecated)"),
                                    tr("Asks one question in a new or existing chat; "
                                       "superseded by Completions V2."),
                                    "POST", "/ai/v1/message", messageBody);
    message.deprecated = true;
    list << message;

    EndpointPreset chat = preset("chat-history", tr("Chat history (deprecated)"),
                                 tr("A whole chat started with Message; put its chat_id in the "
                                    "query."),
                                 "GET", "/ai/v1/chat?chat_id=", "");
    chat.target += chatIdPlaceholder();
    chat.deprecated = true;
    list << chat;
    return list;
}

std::optional<EndpointPreset> EndpointCatalog::find(const QString &key)
{
    const QList<EndpointPreset> all = presets();
    for (const EndpointPreset &preset : all) {
        if (preset.key == key)
            return preset;
    }
    return std::nullopt;
}

QString EndpointCatalog::defaultKey()
{
    return QStringLiteral("completions-v2");
}

QString EndpointCatalog::chatIdPlaceholder()
{
    return QStringLiteral("CHAT_ID_FROM_A_MESSAGE_ANSWER");
}

} // namespace gloo
