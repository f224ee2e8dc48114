#pragma once

#include "core/tokenmanager.h"

#include <QDeadlineTimer>
#include <QGroupBox>
#include <QTimer>

class QToolButton;

#include <memory>
#include <optional>

namespace Ui {
class TokenPanel;
}

namespace gloo::gui {

class SecretClipboard;

// The token's state at a glance: a coloured badge, a live countdown, the
// local expiry time, the decoded claims, and the failure when there is one.
class TokenPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit TokenPanel(gloo::TokenManager *tokens, QWidget *parent = nullptr);
    ~TokenPanel() override;

    // "valid", "expiring", ...: what the badge currently shows.
    QString stateText() const;
    QString countdownText() const;

    // Copies the access token for use in other tools: marked as a secret for
    // clipboard managers and cleared after the configured delay.
    void copyToken();
    static int clipboardClearSeconds();

    static QString formatCountdown(qint64 seconds);
    static QString badgeText(gloo::TokenManager::State state);

signals:
    // Once a second while there is a token, right after the countdown moved,
    // so that other displays of the time left can show the same figure.
    void countdownUpdated();

private:
    void updateState();
    void updateCountdown();
    void updateClaims();
    void updateCopyButton();
    // The summary while a failed exchange waits to be tried again.
    void showRetry();

    std::unique_ptr<Ui::TokenPanel> m_ui;
    gloo::TokenManager *m_tokens;
    SecretClipboard *m_clipboard;
    QToolButton *m_copyButton;
    // Stops a token request; made with the first one.
    QToolButton *m_stopButton = nullptr;
    QTimer m_ticker;
    // Ends the "Copied" confirmation on the copy button.
    QTimer m_copiedTimer;
    // A failed exchange that will be tried again: why, which retry, when.
    struct PendingRetry
    {
        QString why;
        int retry = 0;
        QDeadlineTimer due;
    };
    std::optional<PendingRetry> m_retry;
    QTimer m_retryTicker;
};

} // namespace gloo::gui
