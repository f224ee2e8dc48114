#include "core/chatcontroller.h"
#include "core/clientcredentials.h"
#include "core/redaction.h"
#include "core/requesthistory.h"
#include "core/session.h"
#include "gui/chatview.h"
#include "gui/credentialspanel.h"
#include "gui/mainwindow.h"
#include "gui/requestconsole.h"
#include "gui/tokenpanel.h"
#include "guitestsupport.h"
#include "recordingrelay.h"
#include "sandbox/sandboxserver.h"
#include "sandboxadapter.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <cstdio>
#include <memory>

// A whole session of the real main window, run as a child process whose
// HOME, XDG folders and TMPDIR all point into one throwaway folder, with
// debug logging on: import a .env file, save to the keychain, get a token,
// send requests, replay one from the history, chat with a streamed answer,
// live through a token renewal, quit. Then every file the child wrote and
// everything it printed is searched for the secret and for every token the
// sandbox issued, which a relay in front of the sandbox records.

namespace {

const char kChildVariable[] = "GLOO_FULLSESSION_CHILD";
const char kBaseUrlVariable[] = "GLOO_FULLSESSION_BASE_URL";
const char kDotEnvVariable[] = "GLOO_FULLSESSION_DOTENV";
const char kCompleted[] = "full session completed";

// The child's side: drives the window step by step and says which step
// failed, if one does.
class SessionDriver
{
public:
    SessionDriver(gloo::gui::MainWindow *window, gloo::Session *session)
        : m_window(window)
        , m_session(session)
    {
    }

    bool run(const QUrl &baseUrl, const QString &dotEnvPath)
    {
        using gloo::gui::CredentialsPanel;
        CredentialsPanel *panel = m_window->credentialsPanel();
        QSignalSpy issued(m_session->tokens(), &gloo::TokenManager::tokenIssued);

        step("a profile for the local server");
        panel->createProfile(QStringLiteral("Local Gloo"), gloo::Environment::Kind::Custom);
        panel->setCustomBaseUrl(baseUrl.toString());
        if (!waitFor(
                [&] { return panel->keychainStatusText().startsWith(QLatin1String("Not saved")); }))
            return fail(panel->keychainStatusText());

        step("import the .env file and save it to the keychain");
        if (!panel->importDotEnv(dotEnvPath))
            return fail(panel->formProblem().message);
        if (!waitFor(
                [&] { return panel->keychainStatusText().startsWith(QLatin1String("Saved in")); }))
            return fail(panel->keychainStatusText());

        step("get a token");
        QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("getTokenButton")),
                          Qt::LeftButton);
        if (!waitFor([&] { return m_window->tokenPanel()->stateText() == QLatin1String("Valid"); }))
            return fail(m_window->tokenPanel()->stateText());

        step("send requests in the request console");
        gloo::gui::RequestConsole *console = m_window->requestConsole();
        console->setBody(gloo::gui::RequestConsole::exampleBody());
        if (!send(console))
            return false;
        console->setMethod(QStringLiteral("GET"));
        console->setTarget(QStringLiteral("/platform/v2/models"));
        if (!send(console))
            return false;

        step("replay a request from the history and save it by name");
        const QList<gloo::StoredRequest> history = console->history()->history();
        if (history.size() < 2)
            return fail(QStringLiteral("history has %1 entries").arg(history.size()));
        console->restore(history.last());
        if (!send(console))
            return false;
        console->saveRequest(QStringLiteral("Welcome ideas"));

        step("chat with a streamed answer");
        if (!chat(QStringLiteral("Suggest a name for a small group.")))
            return false;

        step("live through a token renewal");
        if (!waitFor([&] { return issued.size() >= 2; }, 40000))
            return fail(QStringLiteral("%1 token(s) issued").arg(issued.size()));
        if (!chat(QStringLiteral("And one more, please.")))
            return false;
        console->setMethod(QStringLiteral("POST"));
        console->setTarget(QStringLiteral("/ai/v2/chat/completions"));
        console->setBody(gloo::gui::RequestConsole::exampleBody());
        if (!send(console))
            return false;

        step("quit");
        auto *quit = m_window->findChild<QAction *>(QStringLiteral("quitAction"));
        if (!quit)
            return fail(QStringLiteral("no Quit action"));
        quit->trigger();
        if (!waitFor([&] { return !m_window->isVisible(); }))
            return fail(QStringLiteral("the window did not close"));
        return true;
    }

private:
    template<typename Condition> static bool waitFor(Condition condition, int timeoutMs = 15000)
    {
        return QTest::qWaitFor(condition, timeoutMs);
    }

    void step(const char *what)
    {
        m_step = QString::fromLatin1(what);
        std::printf("step: %s\n", what);
        std::fflush(stdout);
    }

    bool fail(const QString &detail)
    {
        std::printf("step failed: %s (%s)\n", qPrintable(m_step), qPrintable(detail));
        std::fflush(stdout);
        return false;
    }

    bool send(gloo::gui::RequestConsole *console)
    {
        console->send();
        if (!waitFor([&] { return !console->isBusy() && !console->statusText().isEmpty(); }))
            return fail(QStringLiteral("no answer"));
        if (console->statusText() != QLatin1String("200 OK"))
            return fail(console->statusText());
        return true;
    }

    bool chat(const QString &prompt)
    {
        gloo::gui::ChatView *chat = m_window->chatView();
        QSignalSpy finished(chat->controller(), &gloo::ChatController::replyFinished);
        QSignalSpy changed(chat->controller(), &gloo::ChatController::messageChanged);
        chat->setPrompt(prompt);
        chat->send();
        if (!waitFor([&] { return !finished.isEmpty(); }))
            return fail(QStringLiteral("no reply"));
        const auto failure = finished.first().at(0).value<gloo::Failure>();
        if (failure.isFailure())
            return fail(failure.message);
        // Streamed: the answer grew piece by piece.
        if (changed.size() < 3)
            return fail(QStringLiteral("the answer came in %1 piece(s)").arg(changed.size()));
        return true;
    }

    gloo::gui::MainWindow *m_window;
    gloo::Session *m_session;
    QString m_step;
};

int runChild(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // As the real executable starts.
    gloo::installRedactingMessageHandler();
    QCoreApplication::setOrganizationName(QStringLiteral("Gloo Console"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("gloo-console.local"));
    QCoreApplication::setApplicationName(QStringLiteral("Gloo Console"));

    SandboxAdapter builtIn(gloo::sandbox::SandboxConfig{});
    gloo::Session session;
    session.setBuiltInSandbox(&builtIn);
    bool completed = false;
    {
        gloo::gui::MainWindow window(&session);
        window.show();
        SessionDriver driver(&window, &session);
        completed = driver.run(QUrl(qEnvironmentVariable(kBaseUrlVariable)),
                               qEnvironmentVariable(kDotEnvVariable));
    }
    if (completed) {
        std::printf("%s\n", kCompleted);
        std::fflush(stdout);
    }
    return completed ? 0 : 1;
}

} // namespace

class TestFullSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fullSessionLeavesNoSecretAndNoToken();
};

void TestFullSession::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run with scripts/test.sh, which starts a D-Bus session with a Secret Service");
}

void TestFullSession::fullSessionLeavesNoSecretAndNoToken()
{
    // Everything the child may write goes below 'root'; the .env file, which
    // the user wrote and which holds the secret on purpose, lives elsewhere.
    QTemporaryDir root(QDir::tempPath() + QStringLiteral("/gloo-fullsession-XXXXXX"));
    QTemporaryDir userFiles;
    QVERIFY(root.isValid() && userFiles.isValid());
    const QString home = root.path();
    for (const char *folder : {".config", ".local/share", ".cache", "runtime", "tmp"})
        QVERIFY(QDir(home).mkpath(QString::fromLatin1(folder)));
    QFile::setPermissions(home + QStringLiteral("/runtime"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    gloo::sandbox::SandboxConfig config;
    config.clientId = QStringLiteral("fullsession-") + QUuid::createUuid().toString(QUuid::Id128);
    // Characters that every encoding treats differently, so each encoded
    // form is a distinct needle.
    config.clientSecret = QStringLiteral("Fs+/:=%&ü ") + QUuid::createUuid().toString(QUuid::Id128);
    // Short enough that the session lives through a renewal.
    config.tokenLifetimeSeconds = 12;
    config.streamChunkDelayMs = 5;
    gloo::sandbox::SandboxThread sandbox(config);
    QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
    gloo::test::RecordingRelay relay(sandbox.port());
    QVERIFY(relay.listen());

    const QString dotEnvPath = userFiles.filePath(QStringLiteral(".env"));
    {
        QFile dotEnv(dotEnvPath);
        QVERIFY(dotEnv.open(QIODevice::WriteOnly));
        dotEnv.write("GLOO_CLIENT_ID=" + config.clientId.toUtf8() + "\nGLOO_CLIENT_SECRET='"
                     + config.clientSecret.toUtf8() + "'\n");
    }

    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/runtime"));
    environment.insert(QStringLiteral("TMPDIR"), home + QStringLiteral("/tmp"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("gloo.*.debug=true"));
    environment.insert(QString::fromLatin1(kChildVariable), QStringLiteral("1"));
    environment.insert(QString::fromLatin1(kBaseUrlVariable), relay.baseUrl().toString());
    environment.insert(QString::fromLatin1(kDotEnvVariable), dotEnvPath);
    child.setProcessEnvironment(environment);

    // The relay and the sandbox run on this thread's event loop and the
    // sandbox's own thread, so this one must keep spinning while the child
    // works.
    QEventLoop loop;
    connect(&child, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(&child, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(150 * 1000, &loop, &QEventLoop::quit);
    child.start(QCoreApplication::applicationFilePath(), {});
    loop.exec();
    if (child.state() != QProcess::NotRunning) {
        child.kill();
        child.waitForFinished();
    }
    const QByteArray out = child.readAllStandardOutput();
    const QByteArray err = child.readAllStandardError();
    sandbox.stop();

    // The tokens the sandbox really issued: every token request got one, and
    // the relay saw each.
    const QList<QByteArray> tokens = relay.accessTokens();

    QList<QByteArray> needles;
    const gloo::ClientCredentials credentials{config.clientId, config.clientSecret};
    needles << config.clientSecret.toUtf8() << QUrl::toPercentEncoding(config.clientSecret)
            << gloo::formUrlEncode(config.clientSecret) << config.clientSecret.toUtf8().toBase64()
            << gloo::basicAuthorization(credentials).mid(6)
            // The secret's distinctive tail, in case it appears in another form.
            << config.clientSecret.right(32).toUtf8();
    for (const QByteArray &token : tokens) {
        QVERIFY(token.count('.') == 2);
        // The whole token, and its signature, which alone could be replayed
        // with a guessed header and payload.
        needles << token << token.mid(token.lastIndexOf('.') + 1);
    }

    // Whatever is shown about the child has every needle cut out first, so a
    // failing run does not print what it found.
    const auto scrubbed = [&needles](QByteArray text) {
        for (const QByteArray &needle : qAsConst(needles))
            text.replace(needle, "[needle]");
        return text;
    };
    qInfo().noquote() << "the child's steps:\n" + QString::fromUtf8(scrubbed(out)).trimmed();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             scrubbed(out + err.right(3000)).constData());
    QVERIFY2(out.contains(kCompleted), scrubbed(out).constData());
    QVERIFY2(tokens.size() >= 2, "the session should have lived through a renewal");
    QCOMPARE(tokens.size(), sandbox.tokenRequestCount());

    // The scan must have something to look at: settings, history and the
    // saved request were written, and debug logging printed plenty.
    QVERIFY(QFile::exists(home + QStringLiteral("/.config/Gloo Console/Gloo Console.conf")));
    QVERIFY2(gloo::test::fileCount(home) >= 2,
             qPrintable(QString::number(gloo::test::fileCount(home))));
    QVERIFY2(err.contains("gloo.auth") && err.contains("posting to"),
             scrubbed(err.left(2000)).constData());
    // Fewer lines than the first window once logged, but every component
    // the session went through must have spoken.
    QVERIFY2(err.count('\n') > 30, QByteArray::number(err.count('\n')).constData());
    for (const char *category :
         {"gloo.auth:", "gloo.net:", "gloo.chat:", "gloo.keychain:", "gloo.ui:"})
        QVERIFY2(err.contains(category), category);
    QVERIFY(err.contains("(renewal)"));

    const QStringList leaks = gloo::test::filesContaining(home, needles);
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    for (const QByteArray &needle : qAsConst(needles)) {
        QVERIFY2(!out.contains(needle), "the standard output holds a secret or a token");
        QVERIFY2(!err.contains(needle), "the standard error holds a secret or a token");
    }
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet(kChildVariable))
        return runChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestFullSession test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_fullsession.moc"
