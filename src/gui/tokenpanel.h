#pragma once

#include "core/tokenmanager.h"

#include <QGroupBox>
#include <QTimer>

#include <memory>

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

private:
    void updateState();
    void updateCountdown();
    void updateClaims();

    std::unique_ptr<Ui::TokenPanel> m_ui;
    gloo::TokenManager *m_tokens;
    SecretClipboard *m_clipboard;
    QTimer m_ticker;
};

} // namespace gloo::gui
