#include "responsesendpoint.h"

#include "completionanswer.h"
#include "completionrequest.h"
#include "faultinjector.h"
#include "fieldreader.h"
#include "modelcatalog.h"
#include "sandboxcontext.h"
#include "sandboxlogging.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QUuid>

#include <limits>
#include <optional>

namespace gloo::sandbox {

namespace {

// A one-pixel PNG: the picture an image model "draws" in the sandbox.
const QString onePixelPng = QStringLiteral(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPwqtoBAAKOAX2evrhUAAAAAElFTkSuQmCC");

QString newId(const QString &prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128);
}

// The text of one input item's content: a string, or parts of which the
// input_text (or text) parts count.
std::optional<QString> contentText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    if (!content.isArray())
        return std::nullopt;
    QStringList texts;
    const QJsonArray parts = content.toArray();
    for (const QJsonValue &part : parts) {
        const QString type = part.toObject().value(QStringLiteral("type")).toString();
        if (type != QLatin1String("input_text") && type != QLatin1String("text"))
            return std::nullopt;
        texts.append(part.toObject().value(QStringLiteral("text")).toString());
    }
    return texts.join(QLatin1Char('\n'));
}

// Reads `input` into the question (the last user text) and the prompt's
// token count. Returns what is wrong, or nothing.
QString readInput(const QJsonValue &input, QString &question, int &promptTokens)
{
    if (input.isString() && !input.toString().trimmed().isEmpty()) {
        question = input.toString();
        promptTokens = countTokens(question);
        return {};
    }
    const QJsonArray items = input.toArray();
    if (!input.isArray() || items.isEmpty())
        return QStringLiteral("\"input\" is required: a string or a non-empty list of messages.");

    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const auto text = contentText(item.value(QStringLiteral("content")));
        if (!text || item.value(QStringLiteral("role")).toString().isEmpty())
            return QStringLiteral("input[%1] needs a \"role\" and a text \"content\".").arg(i);
        promptTokens += countTokens(*text);
        if (item.value(QStringLiteral("role")).toString() == QLatin1String("user"))
            question = *text;
    }
    return {};
}

QJsonArray textOutput(const QString &text)
{
    const QJsonObject part{
        {QStringLiteral("type"), QStringLiteral("output_text")},
        {QStringLiteral("text"), text},
        {QStringLiteral("annotations"), QJsonArray()},
    };
    return QJsonArray{QJsonObject{
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("id"), newId(QStringLiteral("msg_"))},
        {QStringLiteral("status"), QStringLiteral("completed")},
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), QJsonArray{part}},
    }};
}

QJsonArray imageOutput()
{
    return QJsonArray{QJsonObject{
        {QStringLiteral("type"), QStringLiteral("image_generation_call")},
        {QStringLiteral("id"), newId(QStringLiteral("ig_"))},
        {QStringLiteral("status"), QStringLiteral("completed")},
        {QStringLiteral("result"), onePixelPng},
    }};
}

} // namespace

SandboxReply answerResponsesRequest(const QHttpServerRequest &request,
                                    const SandboxContext &context)
{
    FieldReader fields(request.body());
    const QString modelId = fields.requiredText(QStringLiteral("model"));
    fields.text(QStringLiteral("instructions"));
    fields.number(QStringLiteral("temperature"), 0, 2, 1);
    const int maxOutputTokens = fields.wholeNumber(QStringLiteral("max_output_tokens"), 1,
                                                   std::numeric_limits<int>::max(), 0);
    // Limitation: Responses are answered in one piece; streaming them needs
    // the typed events of the Responses API (response.output_text.delta, ...).
    const bool stream = fields.boolean(QStringLiteral("stream"), false);
    if (!fields.ok())
        return invalidRequest(fields.error());
    if (stream) {
        return invalidRequest(QStringLiteral("The sandbox does not stream the Responses API; "
                                             "send \"stream\": false."));
    }

    QString question;
    int promptTokens = 0;
    const QString inputError = readInput(fields.object().value(QStringLiteral("input")), question,
                                         promptTokens);
    if (!inputError.isEmpty())
        return invalidRequest(inputError);

    const auto model = context.catalog.find(modelId);
    if (!model) {
        return invalidRequest(QStringLiteral("Unknown model \"%1\". GET /platform/v2/models "
                                             "lists the models.")
                                  .arg(modelId));
    }
    if (context.faults.isModelForbidden(model->id))
        return forbiddenModel(model->id);

    QStringList words = sandboxAnswer(question).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const bool cut = maxOutputTokens > 0 && words.size() > maxOutputTokens;
    if (cut)
        words = words.first(maxOutputTokens);
    const int outputTokens = model->producesText() ? int(words.size()) : 0;
    QJsonValue incomplete(QJsonValue::Null);
    if (cut && model->producesText())
        incomplete = QJsonObject{{QStringLiteral("reason"), QStringLiteral("max_output_tokens")}};

    qCInfo(lcSandbox).noquote() << "response answered by" << model->id;
    return jsonReply(QJsonObject{
        {QStringLiteral("id"), newId(QStringLiteral("resp_"))},
        {QStringLiteral("object"), QStringLiteral("response")},
        {QStringLiteral("created_at"), QDateTime::currentSecsSinceEpoch()},
        {QStringLiteral("status"),
         incomplete.isNull() ? QStringLiteral("completed") : QStringLiteral("incomplete")},
        {QStringLiteral("incomplete_details"), incomplete},
        {QStringLiteral("model"), model->id},
        {QStringLiteral("output"),
         model->producesText() ? textOutput(words.join(QLatin1Char(' '))) : imageOutput()},
        {QStringLiteral("usage"),
         QJsonObject{{QStringLiteral("input_tokens"), promptTokens},
                     {QStringLiteral("output_tokens"), outputTokens},
                     {QStringLiteral("total_tokens"), promptTokens + outputTokens}}},
    });
}

} // namespace gloo::sandbox
