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
class ModelCatalogLoader;
class Session;
} // namespace gloo

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
    // The views of the other tabs are built on first use: when their tab is
    // first shown, or here.
    AuthLogView *authLogView();
    ChatView *chatView();
    CompletionsView *completionsView();
    ModelsView *modelsView();
    bool isKeychainBannerVisible() const;
    QString statusBarTokenText() const;
    // Fills the current profile from a .env file and says what became of
    // the credentials (the file itself is never changed).
    void importDotEnvFile(const QString &path);

protected:
    bool event(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    enum class Tab { Console, AuthLog, Chat, Completions, Models };

    void addTabs();
    void buildTab(int index);
    void placeInTab(Tab tab, QWidget *view);
    // Runs once the first frame is on screen: the start-up work it does not
    // need, such as waking up the keychain.
    void finishStartup();
    void requestToken();
    void updateStatusBar();
    void importDotEnv();
    void showAbout();

    std::unique_ptr<Ui::MainWindow> m_ui;
    gloo::Session *m_session;
    CredentialsPanel *m_credentials;
    TokenPanel *m_tokenPanel;
    RequestConsole *m_console;
    QTabWidget *m_tabs;
    gloo::ModelCatalogLoader *m_catalog;
    AuthLogView *m_authLog = nullptr;
    ChatView *m_chat = nullptr;
    CompletionsView *m_completions = nullptr;
    ModelsView *m_models = nullptr;
    QLabel *m_statusToken;
    QTimer *m_afterFirstPaint;
    bool m_firstPaintSeen = false;
};

} // namespace gloo::gui
