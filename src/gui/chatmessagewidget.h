#pragma once

#include "core/chatconversation.h"

#include <QElapsedTimer>
#include <QFrame>
#include <QTimer>

class QLabel;
class QToolButton;

namespace gloo::gui {

class MarkdownView;

// One message of a conversation: who said it, the text (a reply rendered as
// Markdown), what is known about how it was produced, and a Copy button.
//
// A growing reply is re-rendered at most about every 50 ms, and less often
// when rendering itself gets slow; only its last, still open blocks are
// rendered again each time. So a fast stream or a very long answer never
// keeps the window from responding.
class ChatMessageWidget : public QFrame
{
    Q_OBJECT

public:
    explicit ChatMessageWidget(QWidget *parent = nullptr);

    void setMessage(const gloo::ChatMessage &message);
    QString text() const { return m_message.content; }
    // The text as currently on screen, which trails a fast stream briefly.
    QString renderedText() const;
    MarkdownView *body() const { return m_body; }
    QString detailsText() const;
    QString stateText() const;
    int renderCount() const { return m_renderCount; }

    static constexpr int minRenderIntervalMs = 50;

signals:
    void copied();

private:
    void render();
    void updateDetails();

    gloo::ChatMessage m_message;
    QLabel *m_role;
    QLabel *m_state;
    QToolButton *m_copy;
    MarkdownView *m_body;
    QLabel *m_details;
    QTimer m_renderTimer;
    int m_renderCount = 0;
};

} // namespace gloo::gui
