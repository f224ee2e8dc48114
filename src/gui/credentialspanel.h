#pragma once

#include "core/clientcredentials.h"
#include "core/environment.h"
#include "core/failure.h"
#include "core/profilestore.h"

#include <QGroupBox>
#include <QHash>
#include <QSet>

#include <functional>
#include <memory>

class QAction;

namespace Ui {
class CredentialsPanel;
}

namespace gloo {
class Session;
}

namespace gloo::gui {

class FailureView;

// The credentials form: the profile, its environment and overrides, the
// Client ID and the Client Secret. Each profile keeps its Client Secret in
// the system keychain under the profile's id and its own draft while the
// window is open, so switching loses nothing typed. Switching profiles wipes
// the token, and a saved secret is never offered to another server than the
// one it was saved for.
class CredentialsPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit CredentialsPanel(gloo::Session *session, QWidget *parent = nullptr);
    ~CredentialsPanel() override;

    // Looks in the keychain for the current profile's Client Secret, unless
    // the keychain has answered for it already. The constructor leaves this
    // first look to the panel's owner, which can do it once it is on screen.
    void lookUpSavedCredentials();

    // The current profile's settings.
    gloo::Environment::Kind environmentKind() const;
    void selectEnvironment(gloo::Environment::Kind kind);
    void setCustomBaseUrl(const QString &url);
    void setTokenUrlOverride(const QString &url);
    void setScopeOverride(const QString &scope);
    gloo::ClientCredentials credentials() const;
    void setCredentials(const gloo::ClientCredentials &credentials);

    // Profiles.
    gloo::Profile currentProfile() const;
    QStringList profileNames() const;
    bool selectProfile(const QString &id);
    bool selectProfileByName(const QString &name);
    // Switches to the first profile on the built-in sandbox, creating one
    // when there is none.
    void selectSandboxProfile();
    // Creates a profile on the given environment and makes it current.
    QString createProfile(const QString &name,
                          gloo::Environment::Kind kind = gloo::Environment::Kind::Production);
    // Returns false and sets 'problem' when the name cannot be used.
    bool renameCurrentProfile(const QString &name, QString *problem = nullptr);
    // Copies the current profile's settings, Client ID and Client Secret
    // into a new profile, which becomes current. A secret saved in the
    // keychain is saved for the copy as well.
    QString duplicateCurrentProfile();
    // Deletes the current profile and its keychain entry, without asking.
    bool deleteCurrentProfile();

    QAction *newProfileAction() const { return m_newProfileAction; }
    QAction *renameProfileAction() const { return m_renameProfileAction; }
    QAction *duplicateProfileAction() const { return m_duplicateProfileAction; }
    QAction *deleteProfileAction() const { return m_deleteProfileAction; }

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

public slots:
    // The same operations with their dialogs, for menus and buttons.
    void newProfileWithDialog();
    void renameProfileWithDialog();
    void deleteProfileWithConfirmation();

signals:
    void tokenRequested();
    // The keychain cannot be used: credentials are kept for this session only.
    void keychainUnavailable(const gloo::Failure &failure);
    void keychainAvailable();
    void profileChanged(const gloo::Profile &profile);

private:
    enum class KeychainState { Unknown, Saved, NotSaved, Unavailable };

    static QString changedNotSavedText();
    void setUpProfileActions();
    void connectKeychain();
    void onEnvironmentChanged();
    void onProfileActivated(int index);
    void onDestinationChanged();
    void switchToProfile(const QString &id, bool lookInKeychain = true);
    void refreshProfileCombo();
    void showProfileFields();
    void updateProfile(const std::function<void(gloo::Profile &profile)> &change);
    void commitClientId();
    // Makes the form's environment current; shows why it cannot be used
    // when asked to.
    bool applyEnvironment(bool reportProblems);
    void updateEnvironmentFields();
    void setOverridesVisible(bool visible);
    void setKeychainStatus(const QString &text, bool isWarning = false);
    void showProblem(const gloo::Failure &failure);
    void storeDraft();
    void wipeDraft(const QString &id);

    std::unique_ptr<Ui::CredentialsPanel> m_ui;
    gloo::Session *m_session;
    gloo::ProfileStore *m_profiles;
    FailureView *m_problemView;
    QAction *m_newProfileAction;
    QAction *m_renameProfileAction;
    QAction *m_duplicateProfileAction;
    QAction *m_deleteProfileAction;
    // The profile whose settings and credentials the fields show.
    QString m_profile;
    // The profile whose first keychain lookup waits for lookUpSavedCredentials().
    QString m_profileToLookUp;
    // What was in the fields of profiles switched away from. A secret that
    // came from the keychain keeps that mark, so it still goes only to the
    // server it was saved for.
    struct Draft
    {
        gloo::ClientCredentials values;
        bool secretFromKeychain = false;
    };
    QHash<QString, Draft> m_drafts;
    // Keychain entries of deleted profiles still being removed.
    QSet<QString> m_deleting;
    KeychainState m_keychainState = KeychainState::Unknown;
    // Whether the credentials were typed since the profile was shown, and
    // whether the secret on screen came from the keychain.
    bool m_edited = false;
    bool m_secretFromKeychain = false;
    bool m_sessionOnly = false;
};

} // namespace gloo::gui
