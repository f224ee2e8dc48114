#include "core/apiclient.h"
#include "core/credentialstore.h"
#include "core/session.h"
#include "gui/credentialspanel.h"
#include "gui/failureview.h"
#include "gui/mainwindow.h"
#include "gui/requestconsole.h"
#include "gui/responseview.h"
#include "gui/tokenpanel.h"
#include "guitestsupport.h"
#include "recordingrelay.h"
#include "sandboxadapter.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUuid>

#include <functional>
#include <memory>

using gloo::gui::CredentialsPanel;
using gloo::gui::MainWindow;
using Kind = gloo::Environment::Kind;

namespace {

QString g_home;

template<typename T> T *child(QWidget *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no widget named %s", name);
    return widget;
}

// Runs 'handle' on the next modal dialog once it is open; the dialog's own
// event loop is what runs the timer.
void onNextDialog(std::function<void(QWidget *dialog)> handle)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, handle] {
        QWidget *dialog = QApplication::activeModalWidget();
        if (!dialog)
            return;
        timer->stop();
        timer->deleteLater();
        handle(dialog);
    });
    timer->start();
}

void answerNameDialog(const QString &name)
{
    onNextDialog([name](QWidget *dialog) {
        auto *input = qobject_cast<QInputDialog *>(dialog);
        QVERIFY(input);
        input->setTextValue(name);
        input->accept();
    });
}

void answerDeleteDialog(bool confirm, QString *text = nullptr)
{
    onNextDialog([confirm, text](QWidget *dialog) {
        auto *box = qobject_cast<QMessageBox *>(dialog);
        QVERIFY(box);
        if (text)
            *text = box->text() + QLatin1Char('\n') + box->informativeText();
        // Cancel is the default, so a stray Enter deletes nothing.
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        for (QAbstractButton *button : box->buttons()) {
            if (button->text() == (confirm ? QStringLiteral("Delete") : QStringLiteral("Cancel"))) {
                button->click();
                return;
            }
        }
        QFAIL("the confirmation has no such button");
    });
}

// What the system keychain holds for a profile right now, asked through a
// store of its own, the way the next launch would.
enum class Entry { Found, NotFound, Failed };
Entry keychainEntry(const QString &profileId, gloo::ClientCredentials *found = nullptr)
{
    gloo::CredentialStore store;
    QSignalSpy loaded(&store, &gloo::CredentialStore::loaded);
    QSignalSpy notFound(&store, &gloo::CredentialStore::notFound);
    QSignalSpy failed(&store, &gloo::CredentialStore::failed);
    store.load(profileId);
    if (!QTest::qWaitFor([&] { return loaded.size() + notFound.size() + failed.size() > 0; },
                         10000)) {
        return Entry::Failed;
    }
    if (!loaded.isEmpty()) {
        if (found)
            *found = loaded.first().at(1).value<gloo::ClientCredentials>();
        return Entry::Found;
    }
    return notFound.isEmpty() ? Entry::Failed : Entry::NotFound;
}

} // namespace

// Named profiles in the real main window, with the in-process sandbox and a
// real Secret Service behind the keychain.
class TestMainWindowProfiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstLaunchOffersProductionAndSandbox();
    void createRenameDuplicateAndDeleteWithTheirDialogs();
    void switchingProfilesWipesTheToken();
    void pickingTheSameProfileKeepsWhatWasTyped();
    void profilesSurviveANewWindow();
    void overridesAreUsedByTheExchange();
    void insecureOrMalformedOverridesAreRefusedBeforeSending();
    void keychainSecretStaysWithItsServerAcrossProfileSwitches();
    void aSandboxThatCannotStartIsExplainedAtOnce();
    void profileNamesAreShownAsTyped();

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

        CredentialsPanel *panel() const { return window->credentialsPanel(); }
        void waitForKeychain() const
        {
            QVERIFY(QTest::qWaitFor(
                [this] { return !panel()->keychainStatusText().endsWith(QStringLiteral("…")); },
                10000));
        }

        SandboxAdapter sandbox;
        gloo::Session session;
        std::unique_ptr<MainWindow> window;
    };

    gloo::sandbox::SandboxConfig m_config;
    QString m_personalId;
};

void TestMainWindowProfiles::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run with scripts/test.sh, which starts a D-Bus session with a Secret Service");
    m_config.clientId = QStringLiteral("profiles-") + QUuid::createUuid().toString(QUuid::Id128);
    m_config.clientSecret = QStringLiteral("profile-secret-")
                            + QUuid::createUuid().toString(QUuid::Id128);
}

void TestMainWindowProfiles::firstLaunchOffersProductionAndSandbox()
{
    App app(m_config);
    QCOMPARE(app.panel()->profileNames(), QStringList({"Production", "Sandbox"}));
    QCOMPARE(app.panel()->currentProfile().name, QStringLiteral("Production"));
    QCOMPARE(child<QComboBox>(app.window.get(), "profileCombo")->currentText(),
             QStringLiteral("Production"));
    // Only one profile cannot be deleted; two can.
    QVERIFY(app.panel()->deleteProfileAction()->isEnabled());
    // The overrides are tucked away until asked for.
    QVERIFY(!child<QLineEdit>(app.window.get(), "tokenUrlEdit")->isVisible());
    QTest::mouseClick(child<QWidget>(app.window.get(), "overridesToggle"), Qt::LeftButton);
    QVERIFY(child<QLineEdit>(app.window.get(), "tokenUrlEdit")->isVisible());
    QCOMPARE(child<QLineEdit>(app.window.get(), "tokenUrlEdit")->placeholderText(),
             QStringLiteral("Default: https://platform.ai.gloo.com/oauth2/token"));
    app.waitForKeychain();
}

void TestMainWindowProfiles::createRenameDuplicateAndDeleteWithTheirDialogs()
{
    App app(m_config);
    CredentialsPanel *panel = app.panel();
    app.waitForKeychain();

    // New: asks for a name, starts empty and on production.
    answerNameDialog(QStringLiteral("My org, production"));
    panel->newProfileAction()->trigger();
    QCOMPARE(panel->currentProfile().name, QStringLiteral("My org, production"));
    QCOMPARE(panel->environmentKind(), Kind::Production);
    QVERIFY(panel->credentials().clientId.isEmpty());
    const QString id = panel->currentProfile().id;
    QVERIFY(!QUuid::fromString(id).isNull());
    QCOMPARE(child<QComboBox>(app.window.get(), "profileCombo")->currentText(),
             QStringLiteral("My org, production"));
    QTRY_COMPARE_WITH_TIMEOUT(panel->keychainStatusText(),
                              QStringLiteral("Not saved in the keychain."), 10000);

    // Its secret goes to the keychain under the profile's id.
    panel->selectEnvironment(Kind::Sandbox);
    panel->useDemoCredentials();
    QTest::mouseClick(child<QPushButton>(app.window.get(), "saveButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(panel->keychainStatusText(),
                              QStringLiteral("Saved in the system keychain."), 10000);
    gloo::ClientCredentials stored;
    QCOMPARE(keychainEntry(id, &stored), Entry::Found);
    QCOMPARE(stored.clientSecret, m_config.clientSecret);

    // Rename: a taken name is refused in the dialog, which stays open.
    QString refusal;
    onNextDialog([&refusal](QWidget *dialog) {
        auto *input = qobject_cast<QInputDialog *>(dialog);
        input->setTextValue(QStringLiteral("production"));
        input->accept();
        onNextDialog([&refusal](QWidget *again) {
            auto *retry = qobject_cast<QInputDialog *>(again);
            refusal = retry->labelText();
            retry->setTextValue(QStringLiteral("Personal key"));
            retry->accept();
        });
    });
    panel->renameProfileAction()->trigger();
    QVERIFY2(refusal.contains(QStringLiteral("already a profile named \"Production\"")),
             qPrintable(refusal));
    QCOMPARE(panel->currentProfile().name, QStringLiteral("Personal key"));
    QCOMPARE(panel->currentProfile().id, id);
    QCOMPARE(keychainEntry(id), Entry::Found);

    // Duplicate: settings, Client ID and the saved secret are copied.
    panel->setScopeOverride(QStringLiteral("api/access"));
    panel->duplicateProfileAction()->trigger();
    const gloo::Profile copy = panel->currentProfile();
    QVERIFY(copy.id != id);
    QCOMPARE(copy.name, QStringLiteral("Personal key (copy)"));
    QCOMPARE(copy.kind, Kind::Sandbox);
    QCOMPARE(copy.scope, QStringLiteral("api/access"));
    QCOMPARE(copy.clientId, m_config.clientId);
    QCOMPARE(panel->credentials().clientSecret, m_config.clientSecret);
    QTRY_COMPARE_WITH_TIMEOUT(panel->keychainStatusText(),
                              QStringLiteral("Saved in the system keychain."), 10000);
    QCOMPARE(keychainEntry(copy.id, &stored), Entry::Found);
    QCOMPARE(stored.clientSecret, m_config.clientSecret);
    QCOMPARE(panel->profileNames(),
             QStringList({"Production", "Sandbox", "Personal key", "Personal key (copy)"}));

    // Delete: nothing happens when the confirmation is cancelled.
    QString question;
    answerDeleteDialog(false, &question);
    panel->deleteProfileAction()->trigger();
    QVERIFY2(question.contains(QStringLiteral("\"Personal key (copy)\"")), qPrintable(question));
    QVERIFY(question.contains(QStringLiteral("system keychain")));
    QCOMPARE(panel->currentProfile().id, copy.id);
    QCOMPARE(keychainEntry(copy.id), Entry::Found);

    // Confirmed, the profile and its keychain entry are gone; the original
    // keeps its own.
    answerDeleteDialog(true);
    panel->deleteProfileAction()->trigger();
    QVERIFY(!panel->profileNames().contains(QStringLiteral("Personal key (copy)")));
    QVERIFY(panel->currentProfile().id != copy.id);
    QTRY_COMPARE_WITH_TIMEOUT(keychainEntry(copy.id), Entry::NotFound, 10000);
    QCOMPARE(keychainEntry(id), Entry::Found);
    QVERIFY(!app.window->findChild<gloo::gui::FailureView *>(QStringLiteral("formProblemView"))
                 ->isVisible());
    m_personalId = id;

    // A profile with nothing in the keychain is not said to lose a secret.
    const QString emptyId = panel->createProfile(QStringLiteral("Nothing saved"), Kind::Sandbox);
    app.waitForKeychain();
    QCOMPARE(panel->keychainStatusText(), QStringLiteral("Not saved in the keychain."));
    answerDeleteDialog(false, &question);
    panel->deleteProfileAction()->trigger();
    QVERIFY2(question.contains(QStringLiteral("It has no Client Secret saved")),
             qPrintable(question));
    QVERIFY(panel->deleteCurrentProfile());
    QVERIFY(!panel->profileNames().contains(QStringLiteral("Nothing saved")));
    QVERIFY(panel->currentProfile().id != emptyId);
}

void TestMainWindowProfiles::switchingProfilesWipesTheToken()
{
    App app(m_config);
    CredentialsPanel *panel = app.panel();
    QVERIFY(panel->selectProfile(m_personalId));
    QTRY_COMPARE_WITH_TIMEOUT(panel->credentials().clientSecret, m_config.clientSecret, 10000);

    // A copy that points at the same server with the same credentials: the
    // token still must not follow the switch.
    const QString copyId = panel->duplicateCurrentProfile();
    QTRY_COMPARE_WITH_TIMEOUT(panel->keychainStatusText(),
                              QStringLiteral("Saved in the system keychain."), 10000);
    QVERIFY(panel->selectProfile(m_personalId));
    app.waitForKeychain();

    QTest::mouseClick(child<QPushButton>(app.window.get(), "getTokenButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(app.window->tokenPanel()->stateText(), QStringLiteral("Valid"),
                              10000);
    QVERIFY(app.window->statusBarTokenText().contains(QStringLiteral("Personal key")));
    QSignalSpy cleared(app.session.tokens(), &gloo::TokenManager::tokenCleared);

    auto *combo = child<QComboBox>(app.window.get(), "profileCombo");
    combo->setFocus();
    const int copyIndex = combo->findData(copyId);
    QVERIFY(copyIndex >= 0);
    // Chosen as a user would: through the combo box.
    combo->showPopup();
    QTest::qWait(50);
    combo->hidePopup();
    while (combo->currentIndex() != copyIndex)
        QTest::keyClick(combo, combo->currentIndex() < copyIndex ? Qt::Key_Down : Qt::Key_Up);
    QCOMPARE(panel->currentProfile().id, copyId);
    QCOMPARE(cleared.size(), 1);
    QVERIFY(app.session.tokens()->token().isNull());
    QCOMPARE(app.window->tokenPanel()->stateText(), QStringLiteral("No token"));
    QVERIFY(app.window->statusBarTokenText().contains(QStringLiteral("Personal key (copy)")));

    // Nor does it come back when switching back.
    QVERIFY(panel->selectProfile(m_personalId));
    QVERIFY(app.session.tokens()->token().isNull());

    // A secret shown on one profile is hidden again on the next.
    auto *show = child<QToolButton>(app.window.get(), "showSecretButton");
    auto *secret = child<QLineEdit>(app.window.get(), "clientSecretEdit");
    QTest::mouseClick(show, Qt::LeftButton);
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);
    QVERIFY(panel->selectProfile(copyId));
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QCOMPARE(show->text(), QStringLiteral("Show"));

    QVERIFY(panel->selectProfile(copyId));
    QVERIFY(panel->deleteCurrentProfile());
    QTRY_COMPARE_WITH_TIMEOUT(keychainEntry(copyId), Entry::NotFound, 10000);
}

void TestMainWindowProfiles::pickingTheSameProfileKeepsWhatWasTyped()
{
    App app(m_config);
    CredentialsPanel *panel = app.panel();
    QVERIFY(panel->selectProfile(m_personalId));
    QTRY_COMPARE_WITH_TIMEOUT(panel->keychainStatusText(),
                              QStringLiteral("Saved in the system keychain."), 10000);

    // Typed over the saved secret: the status no longer claims it is saved.
    auto *secret = child<QLineEdit>(app.window.get(), "clientSecretEdit");
    secret->selectAll();
    QTest::keyClicks(secret, QStringLiteral("typed-over-it"));
    QVERIFY(panel->keychainStatusText().startsWith(QStringLiteral("Changed, not saved")));

    // The same profile picked again in the list: nothing changes.
    auto *combo = child<QComboBox>(app.window.get(), "profileCombo");
    emit combo->activated(combo->currentIndex());
    QTest::qWait(100);
    QCOMPARE(secret->text(), QStringLiteral("typed-over-it"));
    QVERIFY(panel->keychainStatusText().startsWith(QStringLiteral("Changed, not saved")));
    QCOMPARE(keychainEntry(m_personalId), Entry::Found);
}

void TestMainWindowProfiles::profilesSurviveANewWindow()
{
    QString sandboxId;
    {
        App app(m_config);
        CredentialsPanel *panel = app.panel();
        app.waitForKeychain();
        sandboxId = panel->createProfile(QStringLiteral("Staging"), Kind::Custom);
        panel->setCustomBaseUrl(QStringLiteral("https://staging.gloo.example.invalid/"));
        panel->setTokenUrlOverride(
            QStringLiteral("https://auth.gloo.example.invalid/oauth2/token"));
        panel->setScopeOverride(QStringLiteral("api/access"));
        QTest::keyClicks(child<QLineEdit>(app.window.get(), "clientIdEdit"),
                         QStringLiteral("staging-client"));
        // Typing a Client ID is kept when the field is left.
        QVERIFY(panel->selectProfile(m_personalId));
        QVERIFY(panel->selectProfileByName(QStringLiteral("Staging")));
        app.waitForKeychain();
        QVERIFY(app.window->findChild<QAction *>(QStringLiteral("deleteProfileAction")));
    }
    // A new window and a new QSettings: the same profiles, the same current
    // profile, its settings on screen.
    QSettings().sync();
    App app(m_config);
    CredentialsPanel *panel = app.panel();
    QCOMPARE(panel->profileNames(),
             QStringList({"Production", "Sandbox", "Personal key", "Staging"}));
    QCOMPARE(panel->currentProfile().id, sandboxId);
    QCOMPARE(panel->environmentKind(), Kind::Custom);
    QCOMPARE(child<QLineEdit>(app.window.get(), "baseUrlEdit")->text(),
             QStringLiteral("https://staging.gloo.example.invalid/"));
    QVERIFY(child<QLineEdit>(app.window.get(), "tokenUrlEdit")->isVisible());
    QCOMPARE(child<QLineEdit>(app.window.get(), "tokenUrlEdit")->text(),
             QStringLiteral("https://auth.gloo.example.invalid/oauth2/token"));
    QCOMPARE(child<QLineEdit>(app.window.get(), "scopeEdit")->text(), QStringLiteral("api/access"));
    QCOMPARE(panel->credentials().clientId, QStringLiteral("staging-client"));
    QCOMPARE(app.session.tokens()->environment().tokenUrl(),
             QUrl(QStringLiteral("https://auth.gloo.example.invalid/oauth2/token")));
    app.waitForKeychain();

    // The renamed profile still finds its secret after the restart.
    QVERIFY(panel->selectProfileByName(QStringLiteral("Personal key")));
    QTRY_COMPARE_WITH_TIMEOUT(panel->credentials().clientSecret, m_config.clientSecret, 10000);

    // The window layout is kept beside the profiles, and no secret is.
    QSettings settings;
    QVERIFY(settings.contains(QStringLiteral("window/geometry")));
    QVERIFY(settings.contains(QStringLiteral("profiles/current")));
    const QStringList leaks = gloo::test::filesContaining(g_home, {m_config.clientSecret.toUtf8()});
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
}

void TestMainWindowProfiles::overridesAreUsedByTheExchange()
{
    App app(m_config);
    CredentialsPanel *panel = app.panel();
    QVERIFY(panel->selectProfileByName(QStringLiteral("Personal key")));
    QTRY_COMPARE_WITH_TIMEOUT(panel->credentials().clientSecret, m_config.clientSecret, 10000);
    const QUrl sandboxUrl = app.sandbox.baseUrl();
    QVERIFY(!sandboxUrl.isEmpty());

    // The token endpoint is reached through a relay on another port: only
    // an exchange that uses the override passes through it.
    gloo::test::RecordingRelay relay(quint16(sandboxUrl.port()));
    QVERIFY(relay.listen());
    const QString tokenUrl = relay.baseUrl().toString() + QStringLiteral("/oauth2/token");
    panel->setTokenUrlOverride(tokenUrl);
    panel->setScopeOverride(QStringLiteral("api/admin   reports"));
    QCOMPARE(app.session.tokens()->environment().tokenUrl(), QUrl(tokenUrl));
    // The saved secret was saved for the sandbox's own token endpoint, so it
    // is not sent to the new one until the user enters it again.
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->keychainStatusText().contains(QStringLiteral("for another server")), 10000);
    QVERIFY(panel->credentials().clientSecret.isEmpty());
    // Typed in, the secret is no longer missing: the line says what is left.
    auto *secretEdit = child<QLineEdit>(app.window.get(), "clientSecretEdit");
    secretEdit->setFocus();
    QTest::keyClicks(secretEdit, m_config.clientSecret);
    QVERIFY2(panel->keychainStatusText().startsWith(QStringLiteral("Typed for this server")),
             qPrintable(panel->keychainStatusText()));
    panel->setCredentials({m_config.clientId, m_config.clientSecret});

    // The sandbox grants api/access only, so this scope is refused: by the
    // server, which therefore received it.
    QTest::mouseClick(child<QPushButton>(app.window.get(), "getTokenButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(app.window->tokenPanel()->stateText(), QStringLiteral("Failed"),
                              10000);
    QCOMPARE(relay.sent().size(), 1);
    const QByteArray refused = relay.sent().at(0);
    QVERIFY2(refused.startsWith("POST /oauth2/token HTTP/1.1"), refused.left(60).constData());
    QVERIFY2(refused.endsWith("grant_type=client_credentials&scope=api/admin%20reports"),
             refused.right(80).constData());
    QVERIFY(relay.received().at(0).contains("invalid_scope"));

    panel->setScopeOverride(QStringLiteral("api/access"));
    QTest::mouseClick(child<QPushButton>(app.window.get(), "getTokenButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(app.window->tokenPanel()->stateText(), QStringLiteral("Valid"),
                              10000);
    QByteArray allSent;
    for (const QByteArray &bytes : relay.sent())
        allSent += bytes;
    QVERIFY(allSent.endsWith("grant_type=client_credentials&scope=api/access"));
    // The token the window holds is the one that came through the override.
    QCOMPARE(relay.accessTokens(), QList<QByteArray>{app.session.tokens()->token().value});

    // API requests still go to the base URL, never to the token URL.
    gloo::gui::RequestConsole *console = app.window->requestConsole();
    console->setBody(gloo::gui::RequestConsole::exampleBody());
    console->send();
    QTRY_COMPARE_WITH_TIMEOUT(console->statusText(), QStringLiteral("200 OK"), 10000);
    QVERIFY(console->sentText().contains(sandboxUrl.toString()));
    for (const QByteArray &bytes : relay.sent())
        QVERIFY(!bytes.contains("/ai/v2/chat/completions"));

    panel->setTokenUrlOverride(QString());
    panel->setScopeOverride(QString());
    QVERIFY(app.session.tokens()->token().isNull());
}

void TestMainWindowProfiles::keychainSecretStaysWithItsServerAcrossProfileSwitches()
{
    // The Sandbox profile with its secret in the keychain, as a later start
    // finds it.
    {
        App app(m_config);
        app.panel()->selectSandboxProfile();
        app.panel()->useDemoCredentials();
        app.panel()->saveToKeychain();
        QTRY_COMPARE_WITH_TIMEOUT(app.panel()->keychainStatusText(),
                                  QStringLiteral("Saved in the system keychain."), 10000);
    }
    App app(m_config);
    CredentialsPanel *panel = app.panel();
    panel->selectSandboxProfile();
    QTRY_COMPARE_WITH_TIMEOUT(panel->credentials().clientSecret, m_config.clientSecret, 10000);

    // Away and back: the secret is kept, and still known to be the saved one.
    const QString name = panel->currentProfile().name;
    QString other = panel->profileNames().constFirst();
    if (other == name)
        other = panel->profileNames().constLast();
    QVERIFY(panel->selectProfileByName(other));
    QVERIFY(panel->credentials().clientSecret != m_config.clientSecret);
    QVERIFY(panel->selectProfileByName(name));
    QCOMPARE(panel->credentials().clientSecret, m_config.clientSecret);

    // So a new token URL does not get it.
    QTcpServer elsewhere;
    QVERIFY(elsewhere.listen(QHostAddress::LocalHost, 0));
    panel->setTokenUrlOverride(
        QStringLiteral("http://127.0.0.1:%1/oauth2/token").arg(elsewhere.serverPort()));
    QVERIFY(panel->credentials().clientSecret.isEmpty());
    QTest::mouseClick(child<QPushButton>(app.window.get(), "getTokenButton"), Qt::LeftButton);
    QVERIFY(!elsewhere.waitForNewConnection(300));

    panel->setTokenUrlOverride(QString());
    panel->forgetFromKeychain();
    QTRY_VERIFY_WITH_TIMEOUT(panel->keychainStatusText().startsWith(QStringLiteral("Removed")),
                             10000);
}

void TestMainWindowProfiles::aSandboxThatCannotStartIsExplainedAtOnce()
{
    // As when the sandbox module is missing.
    class MissingSandbox : public gloo::BuiltInSandbox
    {
    public:
        bool ensureRunning(QString *errorMessage) override
        {
            *errorMessage = QStringLiteral("the module is missing");
            return false;
        }
        QUrl baseUrl() const override { return {}; }
        QString demoClientId() const override { return QStringLiteral("sandbox-client"); }
        QString demoClientSecret() const override { return QStringLiteral("sandbox-secret"); }
        int tokenLifetimeSeconds() const override { return 3600; }
    };
    MissingSandbox missing;
    gloo::Session session;
    session.setBuiltInSandbox(&missing);
    MainWindow window(&session);
    window.show();
    CredentialsPanel *panel = window.credentialsPanel();

    // From another profile, as a user picks it.
    for (const QString &name : panel->profileNames()) {
        QVERIFY(panel->selectProfileByName(name));
        if (panel->currentProfile().kind != Kind::Sandbox)
            break;
    }
    panel->selectSandboxProfile();
    auto *problem = window.findChild<gloo::gui::FailureView *>(QStringLiteral("formProblemView"));
    QVERIFY(problem);
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->failure().message.contains(QStringLiteral("the module is missing")),
             qPrintable(problem->failure().message));
    QVERIFY(problem->failure().nextStep.contains(QStringLiteral("build or install")));

    // A request (the Models tab's, here) says there is no sandbox to send it
    // to, not that its path is wrong.
    gloo::ApiRequest request;
    request.method = "GET";
    request.target = QStringLiteral("/platform/v2/models");
    request.authorize = false;
    gloo::ApiCall *call = session.api()->send(request);
    QTRY_VERIFY_WITH_TIMEOUT(call->isFinished(), 10000);
    QCOMPARE(call->response().failure.message,
             QStringLiteral("The built-in sandbox is not running, so there is nowhere to send "
                            "the request."));
    call->deleteLater();
    window.close();
}

void TestMainWindowProfiles::profileNamesAreShownAsTyped()
{
    App app(m_config);
    CredentialsPanel *panel = app.panel();
    const QString name = QStringLiteral("<b>x</b> & 50%");
    answerNameDialog(name);
    panel->newProfileAction()->trigger();
    QTRY_COMPARE(panel->currentProfile().name, name);

    // In the status bar: as typed, not as markup.
    QLabel *status = nullptr;
    for (QLabel *label : app.window->statusBar()->findChildren<QLabel *>()) {
        if (label->text().contains(name))
            status = label;
    }
    QVERIFY(status);
    QCOMPARE(status->textFormat(), Qt::PlainText);

    QString asked;
    answerDeleteDialog(true, &asked);
    panel->deleteProfileAction()->trigger();
    QVERIFY(asked.contains(name));
    QVERIFY(!panel->profileNames().contains(name));
}

void TestMainWindowProfiles::insecureOrMalformedOverridesAreRefusedBeforeSending()
{
    App app(m_config);
    CredentialsPanel *panel = app.panel();
    QVERIFY(panel->selectProfileByName(QStringLiteral("Personal key")));
    QTRY_COMPARE_WITH_TIMEOUT(panel->credentials().clientSecret, m_config.clientSecret, 10000);
    QSignalSpy networkRequests(app.session.network(), &QNetworkAccessManager::finished);

    // Plain http to another computer would carry the secret unencrypted.
    panel->setTokenUrlOverride(QStringLiteral("http://auth.gloo.example.invalid/oauth2/token"));
    QCOMPARE(panel->formProblem().kind, gloo::Failure::Kind::InsecureTransport);
    // Typed again by hand, the secret still does not go there.
    panel->setCredentials({m_config.clientId, m_config.clientSecret});
    QTest::mouseClick(child<QPushButton>(app.window.get(), "getTokenButton"), Qt::LeftButton);
    QCOMPARE(panel->formProblem().kind, gloo::Failure::Kind::InsecureTransport);
    QCOMPARE(panel->formProblem().nextStep, QStringLiteral("Use an https:// address."));
    // Even asked directly, the token manager refuses to send.
    app.session.tokens()->requestToken();
    QTRY_COMPARE(app.window->tokenPanel()->stateText(), QStringLiteral("Failed"));
    QCOMPARE(app.session.tokens()->lastFailure().kind, gloo::Failure::Kind::InsecureTransport);

    panel->setTokenUrlOverride(QStringLiteral("https://exa mple.org/token"));
    QVERIFY2(panel->formProblem().message.contains(QStringLiteral("not a valid web address")),
             qPrintable(panel->formProblem().message));
    panel->setTokenUrlOverride(QString());
    panel->setScopeOverride(QStringLiteral("api/\"access\""));
    QVERIFY(panel->formProblem().message.contains(QStringLiteral("scope")));
    QTest::mouseClick(child<QPushButton>(app.window.get(), "getTokenButton"), Qt::LeftButton);
    QTest::qWait(200);
    QCOMPARE(networkRequests.size(), 0);
    panel->setScopeOverride(QString());
    QVERIFY(panel->formProblem().message.isEmpty());
}

int main(int argc, char *argv[])
{
    g_home = gloo::test::isolateHome();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Gloo Console Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow_profiles"));
    TestMainWindowProfiles test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindow_profiles.moc"
