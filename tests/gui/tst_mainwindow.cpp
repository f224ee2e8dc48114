#include "core/redaction.h"
#include "core/session.h"
#include "gui/authlogview.h"
#include "gui/credentialspanel.h"
#include "gui/failureview.h"
#include "gui/mainwindow.h"
#include "gui/requestconsole.h"
#include "gui/tokenpanel.h"
#include "guitestsupport.h"
#include "sandboxadapter.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using gloo::gui::MainWindow;
using Kind = gloo::Environment::Kind;

namespace {

QString g_home;
// Everything the application logged during the run, after the redaction
// step the real executables install.
QStringList g_logged;
QtMessageHandler g_defaultHandler = nullptr;

void recordLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged << message;
    g_defaultHandler(type, context, message);
}

template<typename T> T *child(QWidget *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no widget named %s", name);
    return widget;
}

} // namespace

// Drives the real main window against the in-process sandbox, with a real
// Secret Service behind the keychain, as a first-time user would.
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void firstRunSavesGetsATokenAndSendsTheExample();
    void savedCredentialsAreLoadedOnTheNextLaunch();
    void forgetRemovesTheSavedCredentials();
    void wrongSecretIsExplainedAndTheFormIsKept();
    void failedRequestIsExplainedAndTheBodyIsKept();
    void switchingEnvironmentsKeepsWhatWasTyped();
    void keychainStatusIsRightAfterSwitchingBack();
    void editingTheSecretWipesTheOldToken();
    void partlyFilledFormNamesTheMissingField();
    void invalidBaseUrlIsExplainedWithWhatWasTyped();
    void customCredentialsStayWithTheirServer();
    void doubleClickOnSendDoesNotCancel();
    void dotEnvImportFillsAndSavesWithoutTouchingTheFile();
    void malformedDotEnvNamesTheLine();
    void copiedTokenIsMarkedSecretAndCleared();
    void noFileContainsTheSecretOrTheToken();
    void theSmallestWindowKeepsEveryControlWhole();
    void spacesPastedAroundTheSecretAreLeftOut();
    void aBareAddressShowsTheSchemeItGets();

private:
    struct App
    {
        explicit App(const gloo::sandbox::SandboxConfig &config)
            : sandbox(config)
        {
            session.setBuiltInSandbox(&sandbox);
            window = std::make_unique<MainWindow>(&session);
            window->show();
        }
        ~App() { window->close(); }

        SandboxAdapter sandbox;
        gloo::Session session;
        std::unique_ptr<MainWindow> window;
    };

    gloo::sandbox::SandboxConfig m_config;
    QList<QByteArray> m_tokensSeen;
};

void TestMainWindow::initTestCase()
{
    // Installed here, on top of the test framework's own handler, which
    // replaces whatever was installed before the tests started.
    g_defaultHandler = qInstallMessageHandler(recordLog);
    gloo::installRedactingMessageHandler();

    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run with scripts/test.sh, which starts a D-Bus session with a Secret Service");
    // Unique values, so finding them anywhere on disk can only mean a leak.
    m_config.clientId = QStringLiteral("gui-test-") + QUuid::createUuid().toString(QUuid::Id128);
    m_config.clientSecret = QStringLiteral("S3cret+/:=%&ü ")
                            + QUuid::createUuid().toString(QUuid::Id128);
}

void TestMainWindow::cleanupTestCase()
{
    qInstallMessageHandler(g_defaultHandler);
}

void TestMainWindow::firstRunSavesGetsATokenAndSendsTheExample()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    gloo::gui::CredentialsPanel *credentials = window->credentialsPanel();

    credentials->selectSandboxProfile();
    QTRY_VERIFY(child<QWidget>(window, "sandboxHint")->isVisible());
    QVERIFY(child<QLabel>(window, "sandboxHintLabel")->text().contains(m_config.clientId));
    QTest::mouseClick(child<QPushButton>(window, "useDemoButton"), Qt::LeftButton);
    QCOMPARE(child<QLineEdit>(window, "clientIdEdit")->text(), m_config.clientId);
    QCOMPARE(child<QLineEdit>(window, "clientSecretEdit")->echoMode(), QLineEdit::Password);

    QTest::mouseClick(child<QPushButton>(window, "saveButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(credentials->keychainStatusText(),
                              QStringLiteral("Saved in the system keychain."), 10000);
    QVERIFY(!window->isKeychainBannerVisible());

    QTest::mouseClick(child<QPushButton>(window, "getTokenButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window->tokenPanel()->stateText(), QStringLiteral("Valid"), 10000);
    // A fresh one-hour token: "1:00:00" within its first second, "59:.." after.
    const QString countdown = window->tokenPanel()->countdownText();
    QVERIFY2(countdown == QLatin1String("1:00:00") || countdown.startsWith(QLatin1String("59:")),
             qPrintable(countdown));
    QCOMPARE(child<QLabel>(window, "clientIdValue")->text(), m_config.clientId);
    QCOMPARE(child<QLabel>(window, "scopeValue")->text(), QStringLiteral("api/access"));
    QVERIFY(window->statusBarTokenText().contains(QStringLiteral("Valid")));
    // The status bar's countdown ticks with the panel's, never a second off.
    QSignalSpy ticks(window->tokenPanel(), &gloo::gui::TokenPanel::countdownUpdated);
    for (int tick = 0; tick < 3; ++tick) {
        QVERIFY(ticks.wait(3000));
        QVERIFY2(window->statusBarTokenText().contains(QStringLiteral(" · ")
                                                       + window->tokenPanel()->countdownText()
                                                       + QStringLiteral(" · ")),
                 qPrintable(window->statusBarTokenText() + QStringLiteral(" / ")
                            + window->tokenPanel()->countdownText()));
    }
    m_tokensSeen << app.session.tokens()->token().value;

    // The auth log tells the story with the fingerprint, never the token.
    gloo::gui::AuthLogView *log = window->authLogView();
    QStringList rows;
    for (int i = 0; i < log->rowCount(); ++i)
        rows << log->rowText(i);
    QVERIFY2(rows.filter(QStringLiteral("Token requested")).size() == 1,
             qPrintable(rows.join('\n')));
    QVERIFY(
        rows.filter(QStringLiteral("Token issued: ") + app.session.tokens()->token().fingerprint())
            .size()
        == 1);
    QVERIFY(!rows.join(QLatin1Char('\n'))
                 .contains(QString::fromLatin1(app.session.tokens()->token().value)));

    gloo::gui::RequestConsole *console = window->requestConsole();
    const QString body = console->body();
    QVERIFY(body.contains(QStringLiteral("\"auto_routing\": true")));
    QTest::mouseClick(child<QPushButton>(window, "sendButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(console->statusText(), QStringLiteral("200 OK"), 10000);

    QVERIFY2(console->responseBodyText().contains(
                 QStringLiteral("Suggest three ideas for welcoming first-time visitors.")),
             qPrintable(console->responseBodyText()));
    QVERIFY(console->responseBodyText().contains(QStringLiteral("\"routing_mechanism\"")));
    QCOMPARE(console->body(), body);

    const QString sent = console->sentText();
    QVERIFY(sent.contains(QStringLiteral("POST ") + app.sandbox.baseUrl().toString()));
    QVERIFY(sent.contains(QStringLiteral("fingerprint ")
                          + app.session.tokens()->token().fingerprint()));
    QVERIFY(!sent.contains(QString::fromLatin1(app.session.tokens()->token().value)));
    QVERIFY(!console->findChild<gloo::gui::FailureView *>()->isVisible());
}

void TestMainWindow::savedCredentialsAreLoadedOnTheNextLaunch()
{
    // The profile choice is remembered; the credentials come back from the
    // keychain without any typing.
    App app(m_config);
    MainWindow *window = app.window.get();
    QCOMPARE(window->credentialsPanel()->environmentKind(), Kind::Sandbox);
    QCOMPARE(window->credentialsPanel()->currentProfile().name, QStringLiteral("Sandbox"));
    QTRY_COMPARE_WITH_TIMEOUT(window->credentialsPanel()->keychainStatusText(),
                              QStringLiteral("Saved in the system keychain."), 10000);
    QCOMPARE(child<QLineEdit>(window, "clientIdEdit")->text(), m_config.clientId);
    QCOMPARE(child<QLineEdit>(window, "clientSecretEdit")->text(), m_config.clientSecret);
}

void TestMainWindow::forgetRemovesTheSavedCredentials()
{
    {
        App app(m_config);
        MainWindow *window = app.window.get();
        QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(window, "clientSecretEdit")->text(),
                                  m_config.clientSecret, 10000);
        QTest::mouseClick(child<QPushButton>(window, "forgetButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window->credentialsPanel()->keychainStatusText().startsWith(
                                     QStringLiteral("Removed from the system keychain.")),
                                 10000);
        // Forgetting removes the saved entry, not what is on screen.
        QCOMPARE(child<QLineEdit>(window, "clientIdEdit")->text(), m_config.clientId);
    }
    // The secret is gone; the Client ID is a setting of the profile and
    // stays.
    App app(m_config);
    MainWindow *window = app.window.get();
    QTRY_COMPARE_WITH_TIMEOUT(window->credentialsPanel()->keychainStatusText(),
                              QStringLiteral("Not saved in the keychain."), 10000);
    QCOMPARE(child<QLineEdit>(window, "clientIdEdit")->text(), m_config.clientId);
    QVERIFY(child<QLineEdit>(window, "clientSecretEdit")->text().isEmpty());
}

void TestMainWindow::wrongSecretIsExplainedAndTheFormIsKept()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    window->credentialsPanel()->selectSandboxProfile();
    QTRY_COMPARE_WITH_TIMEOUT(window->credentialsPanel()->keychainStatusText(),
                              QStringLiteral("Not saved in the keychain."), 10000);
    child<QLineEdit>(window, "clientIdEdit")->clear();
    QTest::keyClicks(child<QLineEdit>(window, "clientIdEdit"), m_config.clientId);
    QTest::keyClicks(child<QLineEdit>(window, "clientSecretEdit"), QStringLiteral("not-it"));

    QTest::mouseClick(child<QPushButton>(window, "getTokenButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window->tokenPanel()->stateText(), QStringLiteral("Failed"), 10000);

    auto *failure = window->tokenPanel()->findChild<gloo::gui::FailureView *>();
    QVERIFY(failure);
    QVERIFY(failure->isVisible());
    QCOMPARE(failure->failure().kind, gloo::Failure::Kind::InvalidCredentials);
    QVERIFY(failure->messageText().contains(QStringLiteral("did not accept")));
    QCOMPARE(child<QLineEdit>(window, "clientIdEdit")->text(), m_config.clientId);
    QCOMPARE(child<QLineEdit>(window, "clientSecretEdit")->text(), QStringLiteral("not-it"));
}

void TestMainWindow::failedRequestIsExplainedAndTheBodyIsKept()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    window->credentialsPanel()->selectSandboxProfile();
    window->credentialsPanel()->useDemoCredentials();

    gloo::gui::RequestConsole *console = window->requestConsole();
    const QString body = QStringLiteral("{\"messages\": [{\"role\": \"user\", \"content\": "
                                        "\"hi\"}]}");
    console->setBody(body);
    console->send();
    QTRY_COMPARE_WITH_TIMEOUT(console->statusText(), QStringLiteral("400 Bad Request"), 10000);

    auto *failure = console->findChild<gloo::gui::FailureView *>();
    QVERIFY(failure->isVisible());
    QCOMPARE(failure->failure().kind, gloo::Failure::Kind::InvalidRequest);
    QCOMPARE(console->body(), body);
    m_tokensSeen << app.session.tokens()->token().value;
}

void TestMainWindow::switchingEnvironmentsKeepsWhatWasTyped()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    gloo::gui::CredentialsPanel *credentials = window->credentialsPanel();
    QVERIFY(credentials->selectProfileByName(QStringLiteral("Production")));
    QTRY_VERIFY_WITH_TIMEOUT(!credentials->keychainStatusText().endsWith(QStringLiteral("…")),
                             10000);
    credentials->setCredentials({QStringLiteral("typed-id"), QStringLiteral("typed-secret")});

    credentials->selectSandboxProfile();
    QVERIFY(child<QLineEdit>(window, "clientIdEdit")->text() != QStringLiteral("typed-id"));
    QVERIFY(credentials->selectProfileByName(QStringLiteral("Production")));
    QCOMPARE(credentials->credentials().clientId, QStringLiteral("typed-id"));
    QCOMPARE(credentials->credentials().clientSecret, QStringLiteral("typed-secret"));
    QCOMPARE(child<QLineEdit>(window, "baseUrlEdit")->text(),
             QStringLiteral("https://platform.ai.gloo.com"));
}

void TestMainWindow::keychainStatusIsRightAfterSwitchingBack()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    gloo::gui::CredentialsPanel *credentials = window->credentialsPanel();
    credentials->selectSandboxProfile();
    credentials->useDemoCredentials();
    credentials->saveToKeychain();
    QTRY_COMPARE_WITH_TIMEOUT(credentials->keychainStatusText(),
                              QStringLiteral("Saved in the system keychain."), 10000);

    QVERIFY(credentials->selectProfileByName(QStringLiteral("Production")));
    QTRY_COMPARE_WITH_TIMEOUT(credentials->keychainStatusText(),
                              QStringLiteral("Not saved in the keychain."), 10000);
    credentials->selectSandboxProfile();
    QTRY_COMPARE_WITH_TIMEOUT(credentials->keychainStatusText(),
                              QStringLiteral("Saved in the system keychain."), 10000);

    credentials->forgetFromKeychain();
    QTRY_VERIFY_WITH_TIMEOUT(
        credentials->keychainStatusText().startsWith(QStringLiteral("Removed")), 10000);
}

void TestMainWindow::editingTheSecretWipesTheOldToken()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    window->credentialsPanel()->selectSandboxProfile();
    window->credentialsPanel()->useDemoCredentials();
    QTest::mouseClick(child<QPushButton>(window, "getTokenButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window->tokenPanel()->stateText(), QStringLiteral("Valid"), 10000);
    m_tokensSeen << app.session.tokens()->token().value;

    QTest::keyClick(child<QLineEdit>(window, "clientSecretEdit"), Qt::Key_X);
    QCOMPARE(window->tokenPanel()->stateText(), QStringLiteral("No token"));
    QVERIFY(app.session.tokens()->token().isNull());
}

void TestMainWindow::partlyFilledFormNamesTheMissingField()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    window->credentialsPanel()->selectSandboxProfile();
    window->credentialsPanel()->setCredentials({m_config.clientId, QString()});
    QTest::mouseClick(child<QPushButton>(window, "getTokenButton"), Qt::LeftButton);
    QTRY_COMPARE(window->tokenPanel()->stateText(), QStringLiteral("Failed"));

    auto *failure = window->tokenPanel()->findChild<gloo::gui::FailureView *>();
    QCOMPARE(failure->failure().message, QStringLiteral("The Client Secret is empty."));
    QVERIFY(failure->failure().nextStep.contains(QStringLiteral("Use demo credentials")));
}

void TestMainWindow::invalidBaseUrlIsExplainedWithWhatWasTyped()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    gloo::gui::CredentialsPanel *credentials = window->credentialsPanel();
    credentials->createProfile(QStringLiteral("Typo"), Kind::Custom);
    credentials->setCustomBaseUrl(QStringLiteral("not a url"));
    credentials->setCredentials({QStringLiteral("id"), QStringLiteral("secret")});

    QTest::mouseClick(child<QPushButton>(window, "getTokenButton"), Qt::LeftButton);
    QCOMPARE(credentials->formProblem().message,
             QStringLiteral("\"not a url\" is not a valid web address."));
    QVERIFY(child<QWidget>(window, "formProblemView")->isVisible());

    credentials->setCustomBaseUrl(QStringLiteral("http://gloo.invalid"));
    QTest::mouseClick(child<QPushButton>(window, "getTokenButton"), Qt::LeftButton);
    QCOMPARE(credentials->formProblem().kind, gloo::Failure::Kind::InsecureTransport);
    QCOMPARE(credentials->formProblem().nextStep, QStringLiteral("Use an https:// address."));
    // Typing into the address puts the old explanation away.
    auto *baseUrl = child<QLineEdit>(window, "baseUrlEdit");
    baseUrl->setFocus();
    baseUrl->end(false);
    QTest::keyClick(baseUrl, Qt::Key_Backspace);
    QVERIFY(!child<QWidget>(window, "formProblemView")->isVisible());
    QVERIFY(credentials->deleteCurrentProfile());
}

void TestMainWindow::customCredentialsStayWithTheirServer()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    gloo::gui::CredentialsPanel *credentials = window->credentialsPanel();
    credentials->createProfile(QStringLiteral("Local server"), Kind::Custom);
    const QString first = QStringLiteral("http://127.0.0.1:1");
    credentials->setCustomBaseUrl(first);
    QTRY_COMPARE_WITH_TIMEOUT(credentials->keychainStatusText(),
                              QStringLiteral("Not saved in the keychain."), 10000);
    credentials->setCredentials({QStringLiteral("custom-id"), QStringLiteral("custom-secret")});
    credentials->saveToKeychain();
    QTRY_COMPARE_WITH_TIMEOUT(credentials->keychainStatusText(),
                              QStringLiteral("Saved in the system keychain."), 10000);

    // Pointed at another server, the profile no longer offers the saved
    // secret: it was saved for the first one.
    credentials->setCustomBaseUrl(QStringLiteral("http://127.0.0.1:2"));
    QTRY_VERIFY_WITH_TIMEOUT(
        credentials->keychainStatusText().contains(QStringLiteral("for another server")), 10000);
    QVERIFY(credentials->credentials().clientSecret.isEmpty());
    QVERIFY(!app.session.tokens()->hasCredentials());
    // Nor does a token URL elsewhere.
    credentials->setCustomBaseUrl(first);
    QTRY_COMPARE_WITH_TIMEOUT(credentials->credentials().clientSecret,
                              QStringLiteral("custom-secret"), 10000);
    credentials->setTokenUrlOverride(QStringLiteral("https://auth.example.org/token"));
    QTRY_VERIFY_WITH_TIMEOUT(
        credentials->keychainStatusText().contains(QStringLiteral("for another server")), 10000);
    QVERIFY(credentials->credentials().clientSecret.isEmpty());

    credentials->setTokenUrlOverride(QString());
    QTRY_COMPARE_WITH_TIMEOUT(credentials->credentials().clientSecret,
                              QStringLiteral("custom-secret"), 10000);
    QVERIFY(credentials->deleteCurrentProfile());
}

void TestMainWindow::doubleClickOnSendDoesNotCancel()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    window->credentialsPanel()->selectSandboxProfile();
    window->credentialsPanel()->useDemoCredentials();
    gloo::gui::RequestConsole *console = window->requestConsole();
    console->setBody(gloo::gui::RequestConsole::exampleBody());

    auto *send = child<QPushButton>(window, "sendButton");
    QTest::mouseClick(send, Qt::LeftButton);
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(console->statusText(), QStringLiteral("200 OK"), 10000);
    m_tokensSeen << app.session.tokens()->token().value;
}

void TestMainWindow::dotEnvImportFillsAndSavesWithoutTouchingTheFile()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    gloo::gui::CredentialsPanel *credentials = window->credentialsPanel();
    credentials->selectSandboxProfile();

    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral(".env"));
    const QByteArray content = "# from Gloo AI Studio\r\nexport GLOO_CLIENT_ID = \""
                               + m_config.clientId.toUtf8() + "\"\r\nGLOO_CLIENT_SECRET='"
                               + m_config.clientSecret.toUtf8() + "'\r\n";
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    QVERIFY(credentials->importDotEnv(path));
    QCOMPARE(credentials->credentials().clientId, m_config.clientId);
    QCOMPARE(credentials->credentials().clientSecret, m_config.clientSecret);
    QTRY_COMPARE_WITH_TIMEOUT(credentials->keychainStatusText(),
                              QStringLiteral("Saved in the system keychain."), 10000);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);

    credentials->forgetFromKeychain();
    QTRY_VERIFY_WITH_TIMEOUT(
        credentials->keychainStatusText().startsWith(QStringLiteral("Removed")), 10000);
}

void TestMainWindow::malformedDotEnvNamesTheLine()
{
    App app(m_config);
    gloo::gui::CredentialsPanel *credentials = app.window->credentialsPanel();
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("broken.env"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("GLOO_CLIENT_ID=abc\nGLOO_CLIENT_SECRET=\"unterminated\n");
    file.close();

    QVERIFY(!credentials->importDotEnv(path));
    QVERIFY2(credentials->formProblem().message.startsWith(QStringLiteral("Line 2: ")),
             qPrintable(credentials->formProblem().message));
    QVERIFY(credentials->credentials().clientSecret != QStringLiteral("unterminated"));
}

void TestMainWindow::copiedTokenIsMarkedSecretAndCleared()
{
    QSettings().setValue(QStringLiteral("security/clipboardClearSeconds"), 1);
    App app(m_config);
    MainWindow *window = app.window.get();
    window->credentialsPanel()->selectSandboxProfile();
    window->credentialsPanel()->useDemoCredentials();
    QTest::mouseClick(child<QPushButton>(window, "getTokenButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window->tokenPanel()->stateText(), QStringLiteral("Valid"), 10000);
    const QByteArray token = app.session.tokens()->token().value;
    m_tokensSeen << token;

    window->tokenPanel()->copyToken();
    const QMimeData *data = QGuiApplication::clipboard()->mimeData();
    QCOMPARE(data->text().toLatin1(), token);
    QCOMPARE(data->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
    QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text().isEmpty(), 3000);

    // Something the user copies afterwards is never cleared.
    window->tokenPanel()->copyToken();
    QGuiApplication::clipboard()->setText(QStringLiteral("the user's own text"));
    QTest::qWait(1500);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("the user's own text"));
    QSettings().remove(QStringLiteral("security/clipboardClearSeconds"));
}

void TestMainWindow::noFileContainsTheSecretOrTheToken()
{
    QVERIFY(m_tokensSeen.size() >= 2);
    for (const QByteArray &token : qAsConst(m_tokensSeen))
        QVERIFY(!token.isEmpty());

    // The scan must have something to look at: the settings were written.
    QSettings settings;
    settings.sync();
    QVERIFY(QFile::exists(settings.fileName()));
    QVERIFY(settings.fileName().startsWith(g_home));
    QVERIFY(gloo::test::fileCount(g_home) > 0);

    QList<QByteArray> needles = m_tokensSeen;
    needles << m_config.clientSecret.toUtf8() << QUrl::toPercentEncoding(m_config.clientSecret)
            << gloo::basicAuthorization({m_config.clientId, m_config.clientSecret}).mid(6);
    // The secret's distinctive tail, in case a file holds it in another form.
    needles << m_config.clientSecret.right(32).toUtf8();

    const QStringList leaks = gloo::test::filesContaining(g_home, needles);
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));

    // Nor did anything logged, with debug logging on: the log is not empty,
    // and none of its lines holds a secret or a token.
    QVERIFY(g_logged.size() > 20);
    QVERIFY(!g_logged.filter(QStringLiteral("token issued")).isEmpty());
    for (const QString &line : qAsConst(g_logged)) {
        for (const QByteArray &needle : qAsConst(needles))
            QVERIFY2(!line.toUtf8().contains(needle), qPrintable(line));
    }
}

void TestMainWindow::theSmallestWindowKeepsEveryControlWhole()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    window->credentialsPanel()->selectSandboxProfile();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    // As small as the window lets itself be made.
    window->resize(200, 200);
    QTest::qWait(50);
    QVERIFY2(window->width() >= 600 && window->height() >= 300,
             qPrintable(QStringLiteral("%1x%2").arg(window->width()).arg(window->height())));

    // On every tab, no control on screen is squeezed below the size it
    // needs, or pushed out of the widget that holds it.
    auto *tabs = child<QTabWidget>(window, "workTabs");
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        QTest::qWait(50);
        int checked = 0;
        const QList<QWidget *> controls = window->findChildren<QWidget *>();
        for (QWidget *control : controls) {
            if (!control->isVisible()
                || !(qobject_cast<QLineEdit *>(control) || qobject_cast<QAbstractButton *>(control)
                     || qobject_cast<QComboBox *>(control))) {
                continue;
            }
            // The parts of other controls (a line edit's clear button, a tab
            // bar's scroll arrows, a spin box's field) are sized by them.
            QWidget *parent = control->parentWidget();
            if (qobject_cast<QLineEdit *>(parent) || qobject_cast<QTabBar *>(parent)
                || qobject_cast<QAbstractSpinBox *>(parent) || qobject_cast<QComboBox *>(parent)) {
                continue;
            }
            const QSize needed = control->minimumSizeHint();
            QVERIFY2(control->width() >= needed.width() && control->height() >= needed.height(),
                     qPrintable(QStringLiteral("%1 on tab %2 is %3x%4, needs %5x%6")
                                    .arg(control->objectName(), tabs->tabText(tab))
                                    .arg(control->width())
                                    .arg(control->height())
                                    .arg(needed.width())
                                    .arg(needed.height())));
            QVERIFY2(parent->rect().contains(control->geometry()),
                     qPrintable(control->objectName() + QStringLiteral(" sticks out")));
            ++checked;
        }
        QVERIFY2(checked >= 10, qPrintable(QString::number(checked)));
    }
}

void TestMainWindow::spacesPastedAroundTheSecretAreLeftOut()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    window->credentialsPanel()->selectSandboxProfile();
    child<QLineEdit>(window, "clientIdEdit")->setText(QStringLiteral(" ") + m_config.clientId);
    child<QLineEdit>(window, "clientSecretEdit")
        ->setText(QStringLiteral("  ") + m_config.clientSecret + QStringLiteral(" \t"));
    QCOMPARE(window->credentialsPanel()->credentials().clientSecret, m_config.clientSecret);
    QTest::mouseClick(child<QPushButton>(window, "getTokenButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window->tokenPanel()->stateText(), QStringLiteral("Valid"), 10000);
    m_tokensSeen << app.session.tokens()->token().value;
}

void TestMainWindow::aBareAddressShowsTheSchemeItGets()
{
    App app(m_config);
    MainWindow *window = app.window.get();
    window->credentialsPanel()->createProfile(QStringLiteral("Bare"), Kind::Custom);
    auto *baseUrl = child<QLineEdit>(window, "baseUrlEdit");
    baseUrl->setText(QStringLiteral("127.0.0.1:18009"));
    emit baseUrl->editingFinished();
    QCOMPARE(baseUrl->text(), QStringLiteral("http://127.0.0.1:18009"));
    baseUrl->setText(QStringLiteral("api.example.test/"));
    emit baseUrl->editingFinished();
    QCOMPARE(baseUrl->text(), QStringLiteral("https://api.example.test"));
    QCOMPARE(window->credentialsPanel()->currentProfile().baseUrl,
             QStringLiteral("https://api.example.test"));
    // What is not an address stays as typed, to be explained.
    baseUrl->setText(QStringLiteral("not a url"));
    emit baseUrl->editingFinished();
    QCOMPARE(baseUrl->text(), QStringLiteral("not a url"));
    QVERIFY(window->credentialsPanel()->deleteCurrentProfile());
}

int main(int argc, char *argv[])
{
    g_home = gloo::test::isolateHome();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Gloo Console Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    TestMainWindow test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindow.moc"
