#include "core/session.h"
#include "gui/credentialspanel.h"
#include "gui/mainwindow.h"
#include "sandboxadapter.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Gloo Console"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("gloo-console.local"));
    QCoreApplication::setApplicationName(QStringLiteral("Gloo Console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GLOO_CONSOLE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("gloo-console"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "A desktop console for the Gloo AI API."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"),
        QCoreApplication::translate("main", "Start on the built-in sandbox with its demo "
                                            "credentials filled in."));
    const QCommandLineOption lifetimeOption(
        QStringLiteral("sandbox-token-lifetime"),
        QCoreApplication::translate("main", "Lifetime of the sandbox's tokens in seconds "
                                            "(default 3600; try 30 to watch a renewal)."),
        QStringLiteral("seconds"), QStringLiteral("3600"));
    const QCommandLineOption quitAfterPaintOption(
        QStringLiteral("quit-after-first-paint"),
        QCoreApplication::translate("main", "Quit as soon as the window has been shown "
                                            "(for start-up measurements)."));
    parser.addOptions({sandboxOption, lifetimeOption, quitAfterPaintOption});
    parser.process(app);

    gloo::sandbox::SandboxConfig sandboxConfig;
    bool lifetimeOk = false;
    sandboxConfig.tokenLifetimeSeconds = parser.value(lifetimeOption).toInt(&lifetimeOk);
    if (!lifetimeOk || sandboxConfig.tokenLifetimeSeconds < 5) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate(
                         "main", "--sandbox-token-lifetime needs a number of seconds, at "
                                 "least 5.")));
        return 2;
    }
    SandboxAdapter sandbox(sandboxConfig);

    gloo::Session session;
    session.setBuiltInSandbox(&sandbox);

    gloo::gui::MainWindow window(&session);
    if (parser.isSet(sandboxOption)) {
        window.credentialsPanel()->selectEnvironment(gloo::Environment::Kind::Sandbox);
        window.credentialsPanel()->useDemoCredentials();
    }
    window.show();

    if (parser.isSet(quitAfterPaintOption))
        QTimer::singleShot(0, &app, &QCoreApplication::quit);

    return app.exec();
}
