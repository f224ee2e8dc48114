#include "session.h"

#include <QNetworkAccessManager>

namespace gloo {

Session::Session(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_tokens(new TokenManager(m_network, this))
    , m_api(new ApiClient(m_network, m_tokens, this))
    , m_store(new CredentialStore(CredentialStore::defaultServiceName(), this))
    , m_authLog(new AuthEventLog(m_tokens, this))
    , m_profiles(new ProfileStore(QString(), this))
{
    // Answers may hold tokens: nothing is cached on disk, and no request
    // follows a redirect to wherever a server points.
    m_network->setCache(nullptr);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

Session::~Session()
{
    m_tokens->clear();
}

void Session::setBuiltInSandbox(BuiltInSandbox *sandbox)
{
    m_sandbox = sandbox;
}

bool Session::useEnvironment(Environment environment, QString *problem)
{
    // The environment becomes current even when it cannot be used yet, so
    // that nothing is ever sent to the previous one by mistake.
    problem->clear();
    if (environment.kind == Environment::Kind::Sandbox) {
        QString error;
        if (!m_sandbox)
            *problem = tr("The built-in sandbox is not available in this build.");
        else if (!m_sandbox->ensureRunning(&error))
            *problem = tr("The built-in sandbox could not start: %1").arg(error);
        environment.baseUrl = m_sandbox && problem->isEmpty() ? m_sandbox->baseUrl() : QUrl();
    }
    m_tokens->setEnvironment(environment);

    if (problem->isEmpty())
        *problem = environment.validate();
    return problem->isEmpty();
}

bool Session::useProfile(const Profile &profile, QString *problem)
{
    if (profile.id != m_activeProfileId) {
        m_tokens->clear();
        m_activeProfileId = profile.id;
    }
    return useEnvironment(profile.environment(), problem);
}

} // namespace gloo
