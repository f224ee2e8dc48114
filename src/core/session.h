#pragma once

#include "apiclient.h"
#include "autheventlog.h"
#include "credentialstore.h"
#include "environment.h"
#include "profilestore.h"
#include "tokenmanager.h"

#include <QObject>

class QNetworkAccessManager;

namespace gloo {

// Everything one user connection needs, wired together once: the network
// access manager, the token owner, the API client and the keychain store.
// The window and the headless mode both work through a Session, so they can
// never disagree about how a token is obtained or a request is sent.
class Session : public QObject
{
    Q_OBJECT

public:
    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    QNetworkAccessManager *network() const { return m_network; }
    TokenManager *tokens() const { return m_tokens; }
    ApiClient *api() const { return m_api; }
    CredentialStore *store() const { return m_store; }
    AuthEventLog *authLog() const { return m_authLog; }
    // The named profiles; loaded by whoever shows them.
    ProfileStore *profiles() const { return m_profiles; }

    // The sandbox the Sandbox environment uses; may be null, in which case
    // that environment is unavailable. Not owned.
    void setBuiltInSandbox(BuiltInSandbox *sandbox);
    BuiltInSandbox *builtInSandbox() const { return m_sandbox; }

    // Makes an environment current. For the Sandbox environment this starts
    // the built-in sandbox if needed and fills in its address. Returns false
    // with a plain-language reason when the environment cannot be used; it
    // is current all the same, so nothing goes to the previous one.
    bool useEnvironment(Environment environment, QString *problem);

    // Makes a profile's environment current, as useEnvironment() does. A
    // different profile than the last one wipes the token first, even when
    // both point at the same server with the same credentials: a token
    // never outlives the profile it was issued for.
    bool useProfile(const Profile &profile, QString *problem);
    QString activeProfileId() const { return m_activeProfileId; }

private:
    QNetworkAccessManager *m_network;
    TokenManager *m_tokens;
    ApiClient *m_api;
    CredentialStore *m_store;
    AuthEventLog *m_authLog;
    ProfileStore *m_profiles;
    BuiltInSandbox *m_sandbox = nullptr;
    QString m_activeProfileId;
};

} // namespace gloo
