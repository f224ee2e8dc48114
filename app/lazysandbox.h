#pragma once

#include "core/environment.h"
#include "sandbox/sandboxserver.h"

#include <QStringList>

#include <memory>

// The built-in sandbox, loaded from its own module the first time it is
// needed. The sandbox brings Qt's HTTP server and WebSocket libraries with it;
// most starts never use the sandbox, so Gloo Console does not load them while
// its window is coming up. The demo credentials are known without loading.
class LazySandbox : public gloo::BuiltInSandbox
{
public:
    // 'moduleFolders' are searched in order for the sandbox module.
    LazySandbox(const gloo::sandbox::SandboxConfig &config, const QStringList &moduleFolders);
    ~LazySandbox() override;

    // Next to the executable, then where an installation puts modules.
    static QStringList defaultModuleFolders();
    static QString moduleFileName();

    bool ensureRunning(QString *errorMessage) override;
    QUrl baseUrl() const override;
    QString demoClientId() const override;
    QString demoClientSecret() const override;
    int tokenLifetimeSeconds() const override;

    bool isLoaded() const { return m_sandbox != nullptr; }

private:
    bool load(QString *errorMessage);

    gloo::sandbox::SandboxConfig m_config;
    QStringList m_moduleFolders;
    std::unique_ptr<gloo::BuiltInSandbox> m_sandbox;
};
