#pragma once

#include "core/environment.h"
#include "sandbox/sandboxserver.h"

// Lets the client start the in-process sandbox through the core's
// BuiltInSandbox interface, so the core never depends on the sandbox.
class SandboxAdapter : public gloo::BuiltInSandbox
{
public:
    explicit SandboxAdapter(const gloo::sandbox::SandboxConfig &config);

    bool ensureRunning(QString *errorMessage) override;
    QUrl baseUrl() const override;
    QString demoClientId() const override;
    QString demoClientSecret() const override;
    int tokenLifetimeSeconds() const override;

private:
    gloo::sandbox::SandboxThread m_thread;
};
