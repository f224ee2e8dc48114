#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace gloo {

enum class CompletionApi {
    V2, // POST /ai/v2/chat/completions: Gloo routing, tradition
    V1, // POST /ai/v1/chat/completions: OpenAI-shaped, explicit model
};

// How Gloo picks the model that answers. A request carries exactly one of
// these choices; the server refuses a request with none or two.
struct Routing
{
    enum class Mode { Auto, Family, Model };

    Mode mode = Mode::Auto;
    // The family ("openai", "Open Source", ...) or the model id; unused for
    // auto routing.
    QString value;
};

// Everything about a completion request except its messages.
struct CompletionOptions
{
    Q_DECLARE_TR_FUNCTIONS(CompletionOptions)

public:
    CompletionApi api = CompletionApi::V2;
    Routing routing;
    QString tradition; // empty for none
    std::optional<double> temperature;
    std::optional<int> maxTokens;
    bool stream = true;

    // Empty when a request can be built; otherwise what to change, in plain
    // words.
    QString problem() const;

    // The JSON body for these messages (an array of {role, content}).
    QByteArray body(const QJsonArray &messages) const;

    QString path() const;

    // The model families Gloo routes to, spelt as its documentation does.
    static QStringList families();
    static QStringList traditions();
};

} // namespace gloo
