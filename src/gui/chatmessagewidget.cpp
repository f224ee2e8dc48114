#include "chatmessagewidget.h"

#include "markdownview.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace gloo::gui {

namespace {

// Rendering may take at most this share of the time, so that a long answer
// slows its own refresh rather than the window.
constexpr int renderBudgetFactor = 4;
constexpr int maxRenderIntervalMs = 1000;

} // namespace

ChatMessageWidget::ChatMessageWidget(QWidget *parent)
    : QFrame(parent)
    , m_role(new QLabel(this))
    , m_state(new QLabel(this))
    , m_copy(new QToolButton(this))
    , m_body(new MarkdownView(this))
    , m_details(new QLabel(this))
{
    setObjectName(QStringLiteral("chatMessage"));
    setAttribute(Qt::WA_StyledBackground, true);
    m_body->setObjectName(QStringLiteral("messageBody"));
    m_details->setObjectName(QStringLiteral("messageDetails"));
    m_state->setObjectName(QStringLiteral("messageState"));
    m_copy->setObjectName(QStringLiteral("copyMessageButton"));

    QFont bold = m_role->font();
    bold.setBold(true);
    m_role->setFont(bold);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setStyleSheet(QStringLiteral("color: #5f6368;"));
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy the text of this message"));
    m_copy->setAutoRaise(true);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(m_role);
    header->addWidget(m_state);
    header->addStretch();
    header->addWidget(m_copy);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_body);
    layout->addWidget(m_details);

    m_renderTimer.setSingleShot(true);
    m_renderTimer.setInterval(minRenderIntervalMs);
    connect(&m_renderTimer, &QTimer::timeout, this, &ChatMessageWidget::render);
    connect(m_copy, &QToolButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_message.content);
        emit copied();
    });
}

void ChatMessageWidget::setMessage(const gloo::ChatMessage &message)
{
    const bool roleChanged = message.role != m_message.role || m_renderCount == 0;
    const bool textChanged = message.content != m_message.content;
    m_message = message;

    if (roleChanged) {
        const bool assistant = message.isAssistant();
        m_role->setText(assistant ? tr("Assistant") : tr("You"));
        setStyleSheet(assistant
                          ? QStringLiteral("#chatMessage { background: #ffffff; border: 1px solid "
                                           "#e3e6ea; border-radius: 8px; }")
                          : QStringLiteral("#chatMessage { background: #eaf2fd; border: 1px solid "
                                           "#cfe0f7; border-radius: 8px; }"));
    }
    updateDetails();

    // The finished text is shown at once; a growing one waits its turn.
    const bool streaming = message.state == gloo::ChatMessage::State::Streaming;
    if (!streaming || m_renderCount == 0) {
        m_renderTimer.stop();
        render();
    } else if (textChanged && !m_renderTimer.isActive()) {
        m_renderTimer.start();
    }
}

QString ChatMessageWidget::renderedText() const
{
    return m_body->renderedText();
}

QString ChatMessageWidget::detailsText() const
{
    return m_details->text();
}

QString ChatMessageWidget::stateText() const
{
    return m_state->text();
}

void ChatMessageWidget::render()
{
    QElapsedTimer took;
    took.start();
    // A question is shown as typed; only answers are Markdown.
    if (m_message.isAssistant())
        m_body->setMarkdownText(m_message.content);
    else
        m_body->setPlainMessage(m_message.content);
    ++m_renderCount;

    const int interval = std::clamp(int(took.elapsed()) * renderBudgetFactor, minRenderIntervalMs,
                                    maxRenderIntervalMs);
    m_renderTimer.setInterval(interval);
}

void ChatMessageWidget::updateDetails()
{
    using State = gloo::ChatMessage::State;
    const State state = m_message.state;
    const bool assistant = m_message.isAssistant();

    QString stateText = gloo::ChatConversation::stateText(state);
    if (state == State::Streaming && m_message.content.isEmpty())
        stateText = tr("Waiting for the first words…");
    m_state->setText(stateText);
    // A style sheet costs a restyle, so it is set only when it changes, not
    // for every piece of a stream.
    const QString stateStyle = state == State::Interrupted ? QStringLiteral("color: #c62828;")
                                                           : QStringLiteral("color: #5f6368;");
    if (m_state->styleSheet() != stateStyle)
        m_state->setStyleSheet(stateStyle);
    m_copy->setEnabled(!m_message.content.isEmpty());

    // The summary is hidden while the answer streams in.
    const bool showSummary = assistant && state != State::Streaming;
    const QString summary = showSummary ? gloo::ChatConversation::replySummary(m_message)
                                        : QString();
    m_details->setText(summary);
    m_details->setVisible(!summary.isEmpty());
}

} // namespace gloo::gui
