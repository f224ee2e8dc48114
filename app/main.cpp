#include "core/redaction.h"
#include "core/session.h"
#include "gui/appstyle.h"
#include "gui/credentialspanel.h"
#include "gui/mainwindow.h"
#include "lazysandbox.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QLoggingCategory>
#include <QTimer>

#include <cstdio>
#include <memory>

Q_LOGGING_CATEGORY(lcStartup, "gloo.startup", QtWarningMsg)

namespace {

QElapsedTimer g_sinceMain;

// Start-up milestones, in ms since main() began. Switched on with
// QT_LOGGING_RULES="gloo.startup.info=true".
void markStartup(const char *milestone)
{
    qCInfo(lcStartup, "%6.1f ms  %s", g_sinceMain.nsecsElapsed() / 1e6, milestone);
}

// --help and --version must work without a display, before QApplication
// would insist on one.
bool wantsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "-h" || argument == "--help" || argument == "-?" || argument == "--help-all"
            || argument == "-v" || argument == "--version") {
            return true;
        }
    }
    return false;
}

// Ends the application right after the first paint of the watched window,
// for start-up measurements.
class FirstPaintWatcher : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            markStartup("first paint");
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_seen = false;
};

} // namespace

int main(int argc, char *argv[])
{
    g_sinceMain.start();
    std::unique_ptr<QCoreApplication> application;
    if (wantsTextOnly(argc, argv))
        application = std::make_unique<QCoreApplication>(argc, argv);
    else
        application = std::make_unique<QApplication>(argc, argv);
    QCoreApplication &app = *application;
    if (qobject_cast<QApplication *>(&app))
        gloo::gui::AppStyle::install();
    markStartup("application created");
    gloo::installRedactingMessageHandler();
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
    LazySandbox sandbox(sandboxConfig, LazySandbox::defaultModuleFolders());

    gloo::Session session;
    session.setBuiltInSandbox(&sandbox);

    markStartup("session created");

    gloo::gui::MainWindow window(&session);
    markStartup("main window created");
    if (parser.isSet(sandboxOption)) {
        window.credentialsPanel()->selectSandboxProfile();
        window.credentialsPanel()->useDemoCredentials();
    }
    window.show();
    markStartup("main window shown");

    if (parser.isSet(quitAfterPaintOption)) {
        // Quits once the window has really been painted, not merely shown.
        auto *watcher = new FirstPaintWatcher(&window);
        window.installEventFilter(watcher);
    }

    const int status = app.exec();
    markStartup("event loop left");
    return status;
}
