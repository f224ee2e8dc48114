#include "sandboxadapter.h"

SandboxAdapter::SandboxAdapter(const gloo::sandbox::SandboxConfig &config)
    : m_thread(config)
{
}

bool SandboxAdapter::ensureRunning(QString *errorMessage)
{
    if (m_thread.isRunning())
        return true;
    if (m_thread.start(0))
        return true;
    *errorMessage = m_thread.errorString();
    return false;
}

QUrl SandboxAdapter::baseUrl() const
{
    return m_thread.baseUrl();
}

QString SandboxAdapter::demoClientId() const
{
    return m_thread.config().clientId;
}

QString SandboxAdapter::demoClientSecret() const
{
    return m_thread.config().clientSecret;
}

int SandboxAdapter::tokenLifetimeSeconds() const
{
    return m_thread.config().tokenLifetimeSeconds;
}
