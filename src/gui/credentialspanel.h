#pragma once

#include "core/clientcredentials.h"
#include "core/environment.h"
#include "core/failure.h"

#include <QGroupBox>
#include <QHash>

#include <memory>

namespace Ui {
class CredentialsPanel;
}

namespace gloo {
class Session;
}

namespace gloo::gui {

class FailureView;

// The credentials form: environment, Client ID and Client Secret. Each
// environment (and each custom server) keeps its own entry in the system
// keychain and its own draft while the window is open, so switching loses
// nothing typed and saved credentials never go to another server.
class CredentialsPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit CredentialsPanel(gloo::Session *session, QWidget *parent = nullptr);
    ~CredentialsPanel() override;

    gloo::Environment::Kind environmentKind() const;
    void selectEnvironment(gloo::Environment::Kind kind);
    void setCustomBaseUrl(const QString &url);
    gloo::ClientCredentials credentials() const;
    void setCredentials(const gloo::ClientCredentials &credentials);

    // Hands the form's environment and credentials to the session. Returns
    // false and shows why when they cannot be used yet.
    bool applyToSession();

    // Whether the keychain could not be used and credentials live only as
    // long as this window.
    bool isSessionOnly() const { return m_sessionOnly; }
    QString keychainStatusText() const;
    // The problem with the form shown under it, if any.
    gloo::Failure formProblem() const;

    void saveToKeychain();
    void forgetFromKeychain();
    void useDemoCredentials();

    // Fills the form from a .env file with GLOO_CLIENT_ID and
    // GLOO_CLIENT_SECRET and saves them in the keychain. The file itself is
    // never changed. Returns false and shows why when it cannot be used.
    bool importDotEnv(const QString &path);
    // The same from GLOO_CLIENT_ID and GLOO_CLIENT_SECRET in the environment.
    bool importFromEnvironment();

signals:
    void tokenRequested();
    // The keychain cannot be used: credentials are kept for this session only.
    void keychainUnavailable(const gloo::Failure &failure);
    void keychainAvailable();

private:
    void onEnvironmentChanged();
    void switchProfile();
    // Makes the form's environment current; shows why it cannot be used
    // when asked to.
    bool applyEnvironment(bool reportProblems);
    void updateEnvironmentFields();
    void setKeychainStatus(const QString &text, bool isWarning = false);
    void showProblem(const gloo::Failure &failure);
    void storeDraft();
    gloo::Environment currentEnvironment() const;
    void restoreSettings();
    void saveSettings() const;

    std::unique_ptr<Ui::CredentialsPanel> m_ui;
    gloo::Session *m_session;
    FailureView *m_problemView;
    // The keychain profile whose credentials the fields show.
    QString m_profile;
    QHash<QString, gloo::ClientCredentials> m_drafts;
    bool m_sessionOnly = false;
};

} // namespace gloo::gui
