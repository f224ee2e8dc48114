#pragma once

#include "core/failure.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QTabWidget;

namespace Ui {
class MainWindow;
}

namespace gloo {
class Session;
}

namespace gloo::gui {

class AuthLogView;
class ChatView;
class CompletionsView;
class CredentialsPanel;
class ModelsView;
class RequestConsole;
class TokenPanel;

// The main window: credentials and token state on the left, the request
// console on the right, the token's state always visible in the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(gloo::Session *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    CredentialsPanel *credentialsPanel() const { return m_credentials; }
    TokenPanel *tokenPanel() const { return m_tokenPanel; }
    RequestConsole *requestConsole() const { return m_console; }
    AuthLogView *authLogView() const { return m_authLog; }
    ChatView *chatView() const { return m_chat; }
    CompletionsView *completionsView() const { return m_completions; }
    ModelsView *modelsView() const { return m_models; }
    bool isKeychainBannerVisible() const;
    QString statusBarTokenText() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void requestToken();
    void updateStatusBar();
    void importDotEnv();
    void showAbout();

    std::unique_ptr<Ui::MainWindow> m_ui;
    gloo::Session *m_session;
    CredentialsPanel *m_credentials;
    TokenPanel *m_tokenPanel;
    RequestConsole *m_console;
    AuthLogView *m_authLog;
    QTabWidget *m_tabs;
    ChatView *m_chat = nullptr;
    CompletionsView *m_completions = nullptr;
    ModelsView *m_models = nullptr;
    QLabel *m_statusToken;
    QTimer *m_statusTicker;
};

} // namespace gloo::gui
