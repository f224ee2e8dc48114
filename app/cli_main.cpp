#include "headless.h"

#include "core/redaction.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    gloo::installRedactingMessageHandler();
    // The same names as the window, so both find the same settings.
    QCoreApplication::setOrganizationName(QStringLiteral("Gloo Console"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("gloo-console.local"));
    QCoreApplication::setApplicationName(QStringLiteral("Gloo Console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GLOO_CONSOLE_VERSION));

    HeadlessRunner runner(stdout, stderr);
    if (!runner.start(QCoreApplication::arguments()))
        return runner.exitCode();
    return app.exec();
}
