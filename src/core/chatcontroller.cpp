#include "chatcontroller.h"

#include "tokenmanager.h"

#include "apiclient.h"
#include "chatlogging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace gloo {

namespace {

QString routingName(Routing::Mode mode)
{
    switch (mode) {
    case Routing::Mode::Auto: return QStringLiteral("auto_routing");
    case Routing::Mode::Family: return QStringLiteral("model_family");
    case Routing::Mode::Model: return QStringLiteral("model");
    }
    return {};
}

QString stateName(ChatMessage::State state)
{
    switch (state) {
    case ChatMessage::State::Complete: return QStringLiteral("complete");
    case ChatMessage::State::Streaming: return QStringLiteral("streaming");
    case ChatMessage::State::Stopped: return QStringLiteral("stopped");
    case ChatMessage::State::Interrupted: return QStringLiteral("interrupted");
    }
    return {};
}

Failure invalidChoice(const QString &message)
{
    Failure failure = Failure::make(Failure::Kind::InvalidRequest);
    failure.message = message;
    failure.nextStep.clear();
    return failure;
}

// A slice of the backlog is small enough to read in well under a
// millisecond; slices are read until the budget of one turn of the event
// loop is spent.
constexpr qsizetype backlogSliceBytes = 8 * 1024;
constexpr qint64 backlogBudgetNs = 2 * 1000 * 1000;

} // namespace

ChatController::ChatController(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    m_backlogTimer.setSingleShot(true);
    m_backlogTimer.setInterval(0);
    connect(&m_backlogTimer, &QTimer::timeout, this, &ChatController::readBacklog);
    // After a switch of server or account, an answer still coming from the
    // old one is stopped, and what was said there is not sent on: the next
    // question starts the conversation again.
    const auto startAgain = [this](const char *why) {
        if (isBusy())
            stopReply(why);
        if (m_conversation.firstSent != m_conversation.messages.size()) {
            m_conversation.firstSent = m_conversation.messages.size();
            emit firstSentChanged(m_conversation.firstSent);
        }
    };
    connect(m_api->tokenManager(), &TokenManager::environmentChanged, this,
            [startAgain] { startAgain("the environment changed"); });
    connect(m_api->tokenManager(), &TokenManager::clientIdChanged, this,
            [startAgain] { startAgain("the Client ID changed"); });
}

ChatController::~ChatController()
{
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
        m_call->deleteLater();
    }
}

void ChatController::setSystemPrompt(const QString &prompt)
{
    m_conversation.systemPrompt = prompt;
}

void ChatController::setOptions(const CompletionOptions &options)
{
    m_options = options;
}

Failure ChatController::send(const QString &text)
{
    if (isBusy())
        return invalidChoice(tr("Wait for the answer, or stop it, before asking again."));
    if (text.trimmed().isEmpty())
        return invalidChoice(tr("Type a question first."));
    const QString problem = m_options.problem();
    if (!problem.isEmpty())
        return invalidChoice(problem);

    ChatMessage question;
    question.role = ChatMessage::Role::User;
    question.content = text;
    question.createdAt = QDateTime::currentDateTimeUtc();
    m_conversation.messages.append(question);
    emit messageAdded(m_conversation.messages.size() - 1);
    return startReply();
}

Failure ChatController::regenerate()
{
    if (isBusy())
        return invalidChoice(tr("Wait for the answer, or stop it, before regenerating."));
    const qsizetype question = m_conversation.lastUserIndex();
    if (question < 0)
        return invalidChoice(tr("There is no question to ask again yet."));
    const QString problem = m_options.problem();
    if (!problem.isEmpty())
        return invalidChoice(problem);

    // Asked of another server (or under another account), the question is
    // not sent to this one unless the user sends it again.
    if (question < m_conversation.firstSent)
        return invalidChoice(tr("That question was asked before the switch. To ask it here, "
                                "send it again."));
    truncate(question + 1);
    return startReply();
}

Failure ChatController::startReply()
{
    const qsizetype historySize = m_conversation.messages.size();
    ApiRequest request;
    request.method = "POST";
    request.target = m_options.path();
    request.body = m_options.body(m_conversation.requestMessages(historySize));
    request.streamBody = m_options.stream;
    if (m_options.stream) {
        // A streamed answer may go on as long as the events keep coming; only
        // silence ends it.
        request.timeoutMs = 0;
        request.idleTimeoutMs = m_idleTimeoutMs;
    } else {
        // A whole answer arrives at once, after all of it was written.
        request.timeoutMs = wholeReplyTimeoutMs;
    }
    if (m_options.stream)
        request.headers.append(
            {QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream")});
    m_lastRequestBody = request.body;

    ChatMessage reply;
    reply.role = ChatMessage::Role::Assistant;
    reply.state = ChatMessage::State::Streaming;
    reply.createdAt = QDateTime::currentDateTimeUtc();
    m_conversation.messages.append(reply);
    m_replyIndex = m_conversation.messages.size() - 1;
    emit messageAdded(m_replyIndex);

    m_stream = std::make_unique<CompletionStream>();
    m_backlog.clear();
    m_backlogRead = 0;
    m_stopping = false;
    m_elapsed.start();
    m_call = m_api->send(request);
    connect(m_call, &ApiCall::bodyReceived, this, &ChatController::onBodyReceived);
    connect(m_call, &ApiCall::finished, this, &ChatController::onFinished);
    qCInfo(lcChat).noquote() << "asking" << request.target << "with"
                             << routingName(m_options.routing.mode) << "and" << historySize
                             << "messages" << (m_options.stream ? "as a stream" : "whole");
    emit busyChanged(true);
    return {};
}

void ChatController::onBodyReceived(const QByteArray &chunk)
{
    if (!m_stream || m_replyIndex < 0)
        return;
    m_backlog.append(chunk);
    if (!m_backlogTimer.isActive())
        readBacklog();
}

void ChatController::readBacklog()
{
    if (!m_stream || m_replyIndex < 0)
        return;
    QElapsedTimer budget;
    budget.start();
    QString added;
    while (m_backlogRead < m_backlog.size() && budget.nsecsElapsed() < backlogBudgetNs) {
        const qsizetype size = qMin(backlogSliceBytes, m_backlog.size() - m_backlogRead);
        added += m_stream->feed(
            QByteArray::fromRawData(m_backlog.constData() + m_backlogRead, size));
        m_backlogRead += size;
    }
    if (m_backlogRead == m_backlog.size()) {
        m_backlog.clear();
        m_backlogRead = 0;
    }
    showProgress(added);

    if (!m_backlog.isEmpty())
        m_backlogTimer.start();
    else if (m_finishing)
        conclude(m_endedResponse);
}

void ChatController::showProgress(const QString &added)
{
    ChatMessage &reply = currentReply();
    if (!added.isEmpty() && reply.firstTokenMs < 0)
        reply.firstTokenMs = m_elapsed.elapsed();
    reply.reply = m_stream->reply();
    reply.content = reply.reply.content;
    if (!added.isEmpty())
        emit messageChanged(m_replyIndex);
}

void ChatController::onFinished()
{
    ApiCall *call = m_call;
    m_call.clear();
    if (!call)
        return;
    call->deleteLater();
    const ApiResponse response = call->response();

    // What arrived before the end is read first, so that a broken or
    // silent stream keeps all of it.
    if (!m_stopping && !m_backlog.isEmpty()) {
        m_endedResponse = response;
        m_finishing = true;
        if (!m_backlogTimer.isActive())
            m_backlogTimer.start();
        return;
    }
    conclude(response);
}

void ChatController::conclude(const ApiResponse &response)
{
    m_finishing = false;
    m_endedResponse = {};
    m_backlogTimer.stop();
    m_backlog.clear();
    m_backlogRead = 0;

    if (m_options.stream) {
        showProgress(m_stream->finish());
    } else if (response.isHttpSuccess() && !response.failure.isFailure()) {
        ChatMessage &reply = currentReply();
        const QJsonObject completion = QJsonDocument::fromJson(response.body).object();
        reply.reply = CompletionReply::fromCompletion(completion);
        // A whole answer has no first token of its own: it all comes at
        // once, in the total time.
        reply.content = reply.reply.content;
    }

    if (m_stopping) {
        finishReply(ChatMessage::State::Stopped, {});
    } else if (response.failure.isFailure()) {
        Failure failure = response.failure;
        if (failure.kind == Failure::Kind::Timeout && !currentReply().content.isEmpty())
            failure.nextStep = tr("What arrived is shown. Regenerate to ask again.");
        finishReply(ChatMessage::State::Interrupted, failure);
    } else if (m_options.stream && m_stream->state() == CompletionStream::State::Failed) {
        FailureContext errorContext;
        errorContext.endpoint = QStringLiteral("POST ") + response.url.path();
        errorContext.model = m_options.routing.mode == Routing::Mode::Model
                                 ? m_options.routing.value
                                 : QString();
        finishReply(ChatMessage::State::Interrupted,
                    CompletionStream::errorEventFailure(m_stream->errorEvent(), errorContext));
    } else if (m_options.stream && !m_stream->isComplete()) {
        Failure failure = Failure::make(Failure::Kind::Network,
                                        tr("The stream ended without a finish_reason or "
                                           "[DONE]."),
                                        response.status);
        failure.message = tr("The answer ended before the server said it was complete.");
        // Nothing usable may have come at all (events that were no JSON).
        failure.nextStep = currentReply().content.isEmpty()
                               ? tr("No text arrived. Regenerate to ask again.")
                               : tr("What arrived is shown. Regenerate to ask again.");
        finishReply(ChatMessage::State::Interrupted, failure);
    } else if (!m_options.stream && currentReply().content.isEmpty()) {
        Failure failure = Failure::make(Failure::Kind::UnexpectedResponse,
                                        QString::fromUtf8(response.body.left(2000)),
                                        response.status);
        failure.message = tr("The server answered, but the answer holds no text.");
        finishReply(ChatMessage::State::Interrupted, failure);
    } else {
        finishReply(ChatMessage::State::Complete, {});
    }
}

void ChatController::finishReply(ChatMessage::State state, const Failure &failure)
{
    ChatMessage &reply = currentReply();
    reply.state = state;
    reply.failure = failure;
    reply.totalMs = m_elapsed.elapsed();
    const qsizetype index = m_replyIndex;
    m_replyIndex = -1;
    m_stream.reset();

    qCInfo(lcChat).noquote() << "reply" << stateName(state) << "with" << reply.content.size()
                             << "characters in" << reply.totalMs << "ms"
                             << (failure.isFailure() ? Failure::kindName(failure.kind) : QString());

    // A reply that never got any text has nothing to keep: the failure
    // says what happened, and Regenerate asks again.
    if (reply.content.isEmpty() && state != ChatMessage::State::Complete)
        truncate(index);
    else
        emit messageChanged(index);
    emit busyChanged(false);
    emit replyFinished(failure);
}

void ChatController::stop()
{
    stopReply("by the user");
}

void ChatController::stopReply(const char *why)
{
    if (!isBusy())
        return;
    // The reply keeps what was shown; bytes not read yet are dropped with
    // the rest of the stream.
    m_stopping = true;
    qCInfo(lcChat) << "reply stopped:" << why;
    if (m_call)
        m_call->cancel();
    else
        conclude(m_endedResponse);
}

void ChatController::clear()
{
    stop();
    truncate(0);
}

void ChatController::truncate(qsizetype count)
{
    if (count >= m_conversation.messages.size())
        return;
    m_conversation.messages.resize(count);
    emit messagesTruncated(count);
    if (m_conversation.firstSent > count) {
        m_conversation.firstSent = count;
        emit firstSentChanged(count);
    }
}

ChatMessage &ChatController::currentReply()
{
    return m_conversation.messages[m_replyIndex];
}

} // namespace gloo
