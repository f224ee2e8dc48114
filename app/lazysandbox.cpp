#include "lazysandbox.h"

#include "sandboxmodule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>

LazySandbox::LazySandbox(const gloo::sandbox::SandboxConfig &config,
                         const QStringList &moduleFolders)
    : m_config(config)
    , m_moduleFolders(moduleFolders)
{
}

// The module stays loaded (see load()), so the sandbox it made can be deleted
// here, however late.
LazySandbox::~LazySandbox() = default;

QStringList LazySandbox::defaultModuleFolders()
{
    const QString here = QCoreApplication::applicationDirPath();
    return {here, QDir::cleanPath(here + QStringLiteral("/../lib/gloo-console"))};
}

QString LazySandbox::moduleFileName()
{
    return QStringLiteral(GLOO_SANDBOX_MODULE_FILE);
}

bool LazySandbox::load(QString *errorMessage)
{
    QString path;
    for (const QString &folder : m_moduleFolders) {
        const QString candidate = QDir(folder).filePath(moduleFileName());
        if (QFileInfo::exists(candidate)) {
            path = candidate;
            break;
        }
    }
    if (path.isEmpty()) {
        *errorMessage = QCoreApplication::translate("LazySandbox",
                                                    "The built-in sandbox (%1) is missing from %2.")
                            .arg(moduleFileName(), m_moduleFolders.join(QStringLiteral(" and ")));
        return false;
    }

    QLibrary library(path);
    // Unloading would pull the code from under objects and threads the
    // sandbox may still have; it stays until the application ends.
    library.setLoadHints(QLibrary::PreventUnloadHint);
    const auto create = reinterpret_cast<gloo::sandbox::CreateBuiltInSandbox>(
        library.resolve(gloo::sandbox::kCreateBuiltInSandboxSymbol));
    if (!create) {
        // A library that loads but lacks the function is some other file.
        *errorMessage = library.isLoaded()
                            ? QCoreApplication::translate(
                                  "LazySandbox", "The built-in sandbox could not be loaded: %1 "
                                                 "is not Gloo Console's sandbox module.")
                                  .arg(path)
                            : QCoreApplication::translate(
                                  "LazySandbox", "The built-in sandbox could not be loaded: %1")
                                  .arg(library.errorString());
        return false;
    }
    m_sandbox.reset(create(m_config));
    return true;
}

bool LazySandbox::ensureRunning(QString *errorMessage)
{
    if (!m_sandbox && !load(errorMessage))
        return false;
    return m_sandbox->ensureRunning(errorMessage);
}

QUrl LazySandbox::baseUrl() const
{
    return m_sandbox ? m_sandbox->baseUrl() : QUrl();
}

QString LazySandbox::demoClientId() const
{
    return m_config.clientId;
}

QString LazySandbox::demoClientSecret() const
{
    return m_config.clientSecret;
}

int LazySandbox::tokenLifetimeSeconds() const
{
    return m_config.tokenLifetimeSeconds;
}
