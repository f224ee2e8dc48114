#pragma once

#include "apiclient.h"
#include "chatconversation.h"
#include "completionoptions.h"
#include "completionstream.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace gloo {

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

    bool isBusy() const { return !m_call.isNull() || m_finishing; }

    // A streamed reply fails when nothing arrives for this long, the first
    // byte included; it may take as long as it keeps coming. A reply asked
    // for whole has a limit on the whole request instead.
    void setIdleTimeout(int ms) { m_idleTimeoutMs = ms; }
    int idleTimeout() const { return m_idleTimeoutMs; }
    static constexpr int defaultIdleTimeoutMs = 120 * 1000;
    static constexpr int wholeReplyTimeoutMs = 5 * 60 * 1000;

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
    // The server or the Client ID changed: requests now send the
    // conversation from message `firstSent` on. Also sent when a new chat or
    // a shortened conversation moves that message.
    void firstSentChanged(qsizetype firstSent);
    // A reply ended. `failure` says why when it was not complete; a Stop by
    // the user is not a failure.
    void replyFinished(const gloo::Failure &failure);

private:
    void stopReply(const char *why);
    Failure startReply();
    void onBodyReceived(const QByteArray &chunk);
    void readBacklog();
    void showProgress(const QString &added);
    void onFinished();
    void conclude(const ApiResponse &response);
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
    // Body bytes received and not all read yet (from m_backlogRead on). A
    // fast server can deliver megabytes in one go; they are read a slice at
    // a time so that the window keeps responding.
    QByteArray m_backlog;
    qsizetype m_backlogRead = 0;
    QTimer m_backlogTimer;
    // The response of a call that ended while its body was still being read.
    ApiResponse m_endedResponse;
    bool m_finishing = false;
    qsizetype m_replyIndex = -1;
    int m_idleTimeoutMs = defaultIdleTimeoutMs;
    bool m_stopping = false;
};

} // namespace gloo
