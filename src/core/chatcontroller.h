#pragma once

#include "chatconversation.h"
#include "completionoptions.h"
#include "completionstream.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>

namespace gloo {

class ApiCall;
class ApiClient;

// Holds one conversation and asks the API for each reply, streamed or whole.
// Views show the conversation and call send, stop, regenerate and clear;
// they never see the protocol.
//
// At most one reply is in progress. What arrived of a reply is kept whatever
// ends it: the user's Stop, a broken connection or an error event.
class ChatController : public QObject
{
    Q_OBJECT

public:
    explicit ChatController(ApiClient *api, QObject *parent = nullptr);
    ~ChatController() override;

    const ChatConversation &conversation() const { return m_conversation; }
    void setSystemPrompt(const QString &prompt);
    void setOptions(const CompletionOptions &options);
    const CompletionOptions &options() const { return m_options; }

    bool isBusy() const { return !m_call.isNull(); }
    // The body of the last request sent, for display and tests.
    const QByteArray &lastRequestBody() const { return m_lastRequestBody; }

    // Adds the question and asks for a reply. Returns a failure, without
    // changing anything, when no request can be built or one is running.
    Failure send(const QString &text);
    // Asks the last question again with the same history, replacing the
    // replies that followed it.
    Failure regenerate();
    // Ends the reply in progress at once, keeping what arrived.
    void stop();
    // Stops any reply and starts an empty conversation.
    void clear();

signals:
    void messageAdded(qsizetype index);
    // The text, state or details of a message changed.
    void messageChanged(qsizetype index);
    // Messages from `count` on were removed.
    void messagesTruncated(qsizetype count);
    void busyChanged(bool busy);
    // A reply ended. `failure` says why when it was not complete; a Stop by
    // the user is not a failure.
    void replyFinished(const gloo::Failure &failure);

private:
    Failure startReply();
    void onBodyReceived(const QByteArray &chunk);
    void showProgress(const QString &added);
    void onFinished();
    void finishReply(ChatMessage::State state, const Failure &failure);
    void truncate(qsizetype count);
    ChatMessage &currentReply();

    ApiClient *m_api;
    ChatConversation m_conversation;
    CompletionOptions m_options;
    QPointer<ApiCall> m_call;
    std::unique_ptr<CompletionStream> m_stream;
    QElapsedTimer m_elapsed;
    QByteArray m_lastRequestBody;
    qsizetype m_replyIndex = -1;
    bool m_stopping = false;
};

} // namespace gloo
