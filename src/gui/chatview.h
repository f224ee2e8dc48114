#pragma once

#include "core/chatcontroller.h"

#include <QWidget>

#include <functional>
#include <memory>

namespace Ui {
class ChatView;
}

class QLabel;

namespace gloo {
class ApiClient;
class ModelCatalogLoader;
} // namespace gloo

namespace gloo::gui {

class ChatMessageWidget;
class ChatOptionsBar;
class FailureView;

// A multi-turn chat over Completions V2 with streamed answers: the options
// bar, an optional system prompt, the conversation, and the prompt box.
class ChatView : public QWidget
{
    Q_OBJECT

public:
    ChatView(gloo::ApiClient *api, gloo::ModelCatalogLoader *catalog, QWidget *parent = nullptr);
    ~ChatView() override;

    // Called before each request; returning false stops it. The main window
    // uses it to hand the credentials form to the session.
    void setPreparation(std::function<bool()> prepare);

    gloo::ChatController *controller() const { return m_controller; }
    ChatOptionsBar *optionsBar() const { return m_options; }
    FailureView *failureView() const;
    QList<ChatMessageWidget *> messageWidgets() const { return m_messages; }

    void setPrompt(const QString &text);
    QString prompt() const;
    void setSystemPrompt(const QString &text);

    // Write the conversation to a file; the Export menu asks where first.
    bool exportMarkdown(const QString &path, QString *error = nullptr) const;
    bool exportJson(const QString &path, QString *error = nullptr) const;

public slots:
    void send();
    void stop();
    void regenerate();
    void newChat();

private:
    bool prepare();
    void onMessageAdded(qsizetype index);
    void onMessageChanged(qsizetype index);
    void onMessagesTruncated(qsizetype count);
    void onReplyFinished(const gloo::Failure &failure);
    void updateButtons();
    void placeServerDivider();
    void exportWithDialog(bool markdown);
    void followEnd(int minimum, int maximum);

    std::unique_ptr<Ui::ChatView> m_ui;
    gloo::ChatController *m_controller;
    ChatOptionsBar *m_options;
    QList<ChatMessageWidget *> m_messages;
    // The line before the first message sent to the current server, once
    // the environment has changed during a conversation.
    QLabel *m_serverDivider = nullptr;
    std::function<bool()> m_prepare;
    bool m_followEnd = true;
};

} // namespace gloo::gui
