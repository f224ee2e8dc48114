#include "completionstream.h"

#include "chatlogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace gloo {

QString CompletionStream::feed(const QByteArray &bytes)
{
    return read(m_reader.feed(bytes));
}

QString CompletionStream::finish()
{
    return read(m_reader.finish());
}

QString CompletionStream::read(const QList<ServerSentEvent> &events)
{
    QString added;
    for (const ServerSentEvent &event : events) {
        // Nothing after the end counts: a server that keeps talking after
        // [DONE] or an error must not change the answer the user saw end.
        if (m_sawDone || m_state == State::Failed)
            break;
        if (event.data.trimmed() == QLatin1String("[DONE]")) {
            m_sawDone = true;
            m_state = State::Complete;
            break;
        }
        added += readChunk(event.data.toUtf8());
    }
    m_reply.content += added;
    return added;
}

QString CompletionStream::readChunk(const QByteArray &data)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        ++m_skippedEvents;
        qCWarning(lcChat) << "skipped a stream event that is not a JSON object," << data.size()
                          << "bytes";
        return {};
    }

    const QJsonObject chunk = document.object();
    const QJsonValue errorValue = chunk.value(QLatin1String("error"));
    if (errorValue.isObject() || errorValue.isString()) {
        m_errorEvent = data;
        m_state = State::Failed;
        return {};
    }

    m_reply.readMetadata(chunk);
    QString text;
    const QJsonArray choices = chunk.value(QLatin1String("choices")).toArray();
    for (const QJsonValue &choiceValue : choices) {
        const QJsonObject choice = choiceValue.toObject();
        // Only the first choice is shown; a request never asks for more.
        if (choice.value(QLatin1String("index")).toInt(0) != 0)
            continue;
        const QJsonObject delta = choice.value(QLatin1String("delta")).toObject();
        text += delta.value(QLatin1String("content")).toString();
        const QJsonValue finishReason = choice.value(QLatin1String("finish_reason"));
        if (finishReason.isString() && !finishReason.toString().isEmpty()) {
            m_reply.finishReason = finishReason.toString();
            m_state = State::Complete;
        }
    }
    return text;
}

Failure CompletionStream::errorEventFailure(const QByteArray &errorEvent,
                                            const FailureContext &context)
{
    // The envelope is the one HTTP errors carry, so the same reading gives
    // the fault, the retry advice and the ids Gloo support asks for.
    Failure failure = Failure::fromApiResponse(200, errorEvent, context);
    failure.kind = Failure::Kind::ServerError;
    failure.httpStatus = 0;
    const QJsonObject error =
        QJsonDocument::fromJson(errorEvent).object().value(QLatin1String("error")).toObject();
    const QString reason = error.value(QLatin1String("message")).toString();
    failure.message = reason.isEmpty() ? tr("The server reported an error in the middle of the "
                                            "answer.")
                                       : tr("The server reported an error in the middle of the "
                                            "answer: %1")
                                             .arg(reason);
    if (failure.fault != QLatin1String("provider"))
        failure.nextStep = tr("What arrived is kept. Regenerate to ask again.");
    failure.detail = QString::fromUtf8(errorEvent);
    return failure;
}

} // namespace gloo
