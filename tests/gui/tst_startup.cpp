#include "core/apiclient.h"
#include "core/credentialstore.h"
#include "core/modelcatalogloader.h"
#include "core/session.h"
#include "core/tokenmanager.h"
#include "gui/appstyle.h"
#include "gui/authlogview.h"
#include "gui/chatview.h"
#include "gui/completionsview.h"
#include "gui/credentialspanel.h"
#include "gui/failureview.h"
#include "gui/headerstable.h"
#include "gui/historypanel.h"
#include "gui/mainwindow.h"
#include "gui/modelstablemodel.h"
#include "gui/modelsview.h"
#include "gui/requestconsole.h"
#include "gui/responseview.h"
#include "guitestsupport.h"
#include "sandboxadapter.h"

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using gloo::gui::MainWindow;

// What the main window does before its first frame and right after it: only
// what that frame shows is built, the keychain is asked once the window is on
// screen, the other tabs are built the first time they are shown, and a
// layout that did not change is not written back at every quit.
class TestStartup : public QObject
{
    Q_OBJECT

private slots:
    // First, while no image has been read in this process.
    void firstWindowLoadsNoImagePlugin();
    void onlyTheRequestConsoleIsBuiltAtStart();
    void hiddenPartsOfTheConsoleAreBuiltWhenFirstOpened();
    void failureViewsAreFilledWhenAFailureComes();
    void otherTabsAreBuiltWhenFirstShown();
    void viewsAskedForAreBuiltWithoutSwitchingTabs();
    void keychainIsAskedOnceTheWindowIsOnScreen();
    void keychainIsNotAskedTwiceAfterAnEarlySwitch();
    void modelsViewBuiltLateShowsTheCatalogAlreadyLoaded();
    void modelsViewBuiltDuringALoadShowsItIsLoading();
    void unchangedLayoutIsNotWrittenAgainOnQuit();

private:
    struct App
    {
        App()
            : sandbox(gloo::sandbox::SandboxConfig())
        {
            session.setBuiltInSandbox(&sandbox);
            window = std::make_unique<MainWindow>(&session);
        }
        ~App()
        {
            if (window->isVisible())
                window->close();
        }

        SandboxAdapter sandbox;
        gloo::Session session;
        std::unique_ptr<MainWindow> window;
    };

    static QTabWidget *tabs(MainWindow *window)
    {
        return window->findChild<QTabWidget *>(QStringLiteral("workTabs"));
    }
};

void TestStartup::firstWindowLoadsNoImagePlugin()
{
    // Reading the first image makes Qt load every image-format plugin; the
    // first window draws what it would otherwise read from image files.
    const auto imagePluginsLoaded = [] {
        QFile maps(QStringLiteral("/proc/self/maps"));
        return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("/imageformats/");
    };
    QVERIFY(!imagePluginsLoaded());
    App app;
    app.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
    app.window->repaint();
    QVERIFY(!imagePluginsLoaded());

    // The check itself can see a plugin: a style without the drawn images
    // loads them for the same window.
    QApplication::setStyle(QStringLiteral("fusion"));
    app.window->repaint();
    QVERIFY(imagePluginsLoaded());
    gloo::gui::AppStyle::install();
}

void TestStartup::onlyTheRequestConsoleIsBuiltAtStart()
{
    App app;
    app.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));

    QVERIFY(app.window->requestConsole()->isVisible());
    // The response pane shows a line of help until the first answer.
    QVERIFY(!app.window->findChild<gloo::gui::ResponseView *>());
    auto *placeholder = app.window->findChild<QLabel *>(QStringLiteral("responsePlaceholder"));
    QVERIFY(placeholder);
    QVERIFY(placeholder->isVisible());
    QVERIFY(!app.window->findChild<gloo::gui::AuthLogView *>());
    QVERIFY(!app.window->findChild<gloo::gui::ChatView *>());
    QVERIFY(!app.window->findChild<gloo::gui::CompletionsView *>());
    QVERIFY(!app.window->findChild<gloo::gui::ModelsView *>());

    QTabWidget *workTabs = tabs(app.window.get());
    QVERIFY(workTabs);
    const QStringList expected{QStringLiteral("Request console"), QStringLiteral("Auth log"),
                               QStringLiteral("Chat"), QStringLiteral("Completions"),
                               QStringLiteral("Models")};
    QStringList titles;
    for (int i = 0; i < workTabs->count(); ++i)
        titles << workTabs->tabText(i);
    QCOMPARE(titles, expected);
    QCOMPARE(workTabs->currentIndex(), 0);
}

void TestStartup::hiddenPartsOfTheConsoleAreBuiltWhenFirstOpened()
{
    App app;
    app.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
    gloo::gui::RequestConsole *console = app.window->requestConsole();
    gloo::gui::ResponseView *response = console->responseView();
    QVERIFY(response->isVisible());
    QVERIFY(!console->findChild<QLabel *>(QStringLiteral("responsePlaceholder"))->isVisible());
    QVERIFY(!console->findChild<gloo::gui::HeadersTable *>());
    QVERIFY(!console->findChild<gloo::gui::HistoryPanel *>());
    QVERIFY(!response->findChild<QTreeView *>());
    QVERIFY(!response->findChild<QPlainTextEdit *>());

    auto *requestTabs = console->findChild<QTabWidget *>(QStringLiteral("requestTabs"));
    QVERIFY(requestTabs);
    for (int i = 0; i < requestTabs->count(); ++i)
        requestTabs->setCurrentIndex(i);
    QVERIFY(console->findChild<gloo::gui::HeadersTable *>(QStringLiteral("queryTable")));
    QVERIFY(console->findChild<gloo::gui::HeadersTable *>(QStringLiteral("headersTable")));
    QCOMPARE(console->findChildren<gloo::gui::HistoryPanel *>().size(), 2);
    QCOMPARE(console->historyPanel(),
             console->findChild<gloo::gui::HistoryPanel *>(QStringLiteral("historyPanel")));

    auto *responseTabs = response->findChild<QTabWidget *>(QStringLiteral("responseTabs"));
    QVERIFY(responseTabs);
    for (int i = 0; i < responseTabs->count(); ++i)
        responseTabs->setCurrentIndex(i);
    QVERIFY(response->findChild<QTreeView *>(QStringLiteral("treeView")));
    QVERIFY(response->findChild<QPlainTextEdit *>(QStringLiteral("responseHeadersView")));
    QVERIFY(response->findChild<QPlainTextEdit *>(QStringLiteral("sentView")));
}

void TestStartup::failureViewsAreFilledWhenAFailureComes()
{
    App app;
    app.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
    // The credentials', the token panel's and, once made, the response's.
    app.window->requestConsole()->responseView();
    const QList<gloo::gui::FailureView *> views =
        app.window->findChildren<gloo::gui::FailureView *>();
    QVERIFY(views.size() >= 3);
    for (gloo::gui::FailureView *view : views)
        QVERIFY(view->findChildren<QWidget *>().isEmpty());

    gloo::Failure failure;
    failure.kind = gloo::Failure::Kind::Network;
    failure.message = QStringLiteral("The server could not be reached.");
    failure.detail = QStringLiteral("Connection refused");
    views.first()->showFailure(failure);
    QVERIFY(views.first()->findChild<QPlainTextEdit *>(QStringLiteral("failureDetails")));
    QCOMPARE(views.first()->messageText(), failure.summary());
}

void TestStartup::otherTabsAreBuiltWhenFirstShown()
{
    App app;
    app.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
    QTabWidget *workTabs = tabs(app.window.get());

    workTabs->setCurrentIndex(2);
    auto *chat = app.window->findChild<gloo::gui::ChatView *>();
    QVERIFY(chat);
    // Visible at once, so the tab is never painted empty.
    QVERIFY(chat->isVisible());
    QCOMPARE(app.window->chatView(), chat);
    QVERIFY(!app.window->findChild<gloo::gui::CompletionsView *>());

    workTabs->setCurrentIndex(4);
    auto *models = app.window->findChild<gloo::gui::ModelsView *>();
    QVERIFY(models);
    QVERIFY(models->isVisible());
    QVERIFY(!chat->isVisible());

    // Switching back reuses the view built before.
    workTabs->setCurrentIndex(2);
    QCOMPARE(app.window->findChildren<gloo::gui::ChatView *>().size(), 1);
    QVERIFY(chat->isVisible());
}

void TestStartup::viewsAskedForAreBuiltWithoutSwitchingTabs()
{
    App app;
    app.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));

    gloo::gui::CompletionsView *completions = app.window->completionsView();
    QVERIFY(completions);
    QCOMPARE(tabs(app.window.get())->currentIndex(), 0);
    QVERIFY(!completions->isVisible());
    QCOMPARE(app.window->completionsView(), completions);

    // The auth log built late still lists what happened before it existed.
    app.window->credentialsPanel()->selectSandboxProfile();
    app.window->credentialsPanel()->useDemoCredentials();
    QVERIFY(app.window->credentialsPanel()->applyToSession());
    app.session.tokens()->requestToken(gloo::TokenManager::Reason::Manual);
    QTRY_VERIFY_WITH_TIMEOUT(!app.session.tokens()->token().isNull(), 10000);
    const int events = app.session.authLog()->events().size();
    QVERIFY(events > 0);
    QCOMPARE(app.window->authLogView()->rowCount(), events);

    tabs(app.window.get())->setCurrentIndex(3);
    QVERIFY(completions->isVisible());
}

void TestStartup::keychainIsAskedOnceTheWindowIsOnScreen()
{
    App app;
    gloo::CredentialStore *store = app.session.store();
    QSignalSpy loaded(store, &gloo::CredentialStore::loaded);
    QSignalSpy notFound(store, &gloo::CredentialStore::notFound);
    QSignalSpy failed(store, &gloo::CredentialStore::failed);
    const auto answers = [&] {
        return loaded.size() + notFound.size() + failed.size();
    };
    const QString looking = QStringLiteral("Looking in the system keychain…");

    // Built but not shown: the form says what it is waiting for, and the
    // keychain has not been asked (it answers within milliseconds when it is).
    QCOMPARE(app.window->credentialsPanel()->keychainStatusText(), looking);
    QTest::qWait(500);
    QCOMPARE(answers(), 0);
    QCOMPARE(app.window->credentialsPanel()->keychainStatusText(), looking);

    app.window->show();
    QTRY_COMPARE_WITH_TIMEOUT(answers(), 1, 10000);
    QVERIFY(app.window->credentialsPanel()->keychainStatusText() != looking);
    // Asked once only.
    QTest::qWait(300);
    QCOMPARE(answers(), 1);
}

void TestStartup::keychainIsNotAskedTwiceAfterAnEarlySwitch()
{
    App app;
    gloo::CredentialStore *store = app.session.store();
    QSignalSpy loaded(store, &gloo::CredentialStore::loaded);
    QSignalSpy notFound(store, &gloo::CredentialStore::notFound);
    QSignalSpy failed(store, &gloo::CredentialStore::failed);
    const auto answers = [&] {
        return loaded.size() + notFound.size() + failed.size();
    };

    // As the app does with --sandbox: a profile chosen before the first frame
    // is looked up by the switch itself, and only that one.
    gloo::gui::CredentialsPanel *panel = app.window->credentialsPanel();
    QString other;
    const QList<gloo::Profile> profiles = app.session.profiles()->profiles();
    for (const gloo::Profile &profile : profiles) {
        if (profile.id != panel->currentProfile().id) {
            other = profile.id;
            break;
        }
    }
    QVERIFY(!other.isEmpty());
    QVERIFY(panel->selectProfile(other));
    app.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
    QTRY_COMPARE_WITH_TIMEOUT(answers(), 1, 10000);
    QTest::qWait(300);
    QCOMPARE(answers(), 1);
    QCOMPARE(panel->currentProfile().id, other);
}

void TestStartup::modelsViewBuiltLateShowsTheCatalogAlreadyLoaded()
{
    gloo::sandbox::SandboxThread sandbox;
    QVERIFY(sandbox.start());
    QNetworkAccessManager network;
    gloo::TokenManager tokens(&network);
    tokens.setEnvironment(gloo::Environment::custom(sandbox.baseUrl()));
    gloo::ApiClient api(&network, &tokens);
    gloo::ModelCatalogLoader catalog(&api);
    catalog.load();
    QTRY_VERIFY_WITH_TIMEOUT(catalog.hasLoaded(), 10000);

    gloo::gui::ModelsView view(&catalog);
    QCOMPARE(view.tableModel()->rowCount(), 6);
    QCOMPARE(view.statusText(), QStringLiteral("6 models, 5 usable for chat."));
    view.show();
    QVERIFY(!catalog.isLoading());
}

void TestStartup::modelsViewBuiltDuringALoadShowsItIsLoading()
{
    gloo::sandbox::SandboxThread sandbox;
    QVERIFY(sandbox.start());
    QNetworkAccessManager network;
    gloo::TokenManager tokens(&network);
    tokens.setEnvironment(gloo::Environment::custom(sandbox.baseUrl()));
    gloo::ApiClient api(&network, &tokens);
    gloo::ModelCatalogLoader catalog(&api);
    catalog.load();
    QVERIFY(catalog.isLoading());

    gloo::gui::ModelsView view(&catalog);
    QCOMPARE(view.statusText(), QStringLiteral("Loading the model catalog…"));
    QTRY_COMPARE_WITH_TIMEOUT(view.statusText(), QStringLiteral("6 models, 5 usable for chat."),
                              10000);
}

void TestStartup::unchangedLayoutIsNotWrittenAgainOnQuit()
{
    const QString file = QSettings().fileName();
    const auto openAndClose = [] {
        App app;
        app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(app.window.get()));
        app.window->close();
    };
    // The first windows may still move the layout by a frame's width.
    openAndClose();
    openAndClose();
    const QFileInfo before(file);
    QVERIFY(before.exists());
    const QDateTime written = before.fileTime(QFileDevice::FileModificationTime);
    QTest::qWait(50);

    openAndClose();
    const QFileInfo after(file);
    QCOMPARE(after.fileTime(QFileDevice::FileModificationTime), written);
}

int main(int argc, char *argv[])
{
    gloo::test::isolateHome();
    QApplication app(argc, argv);
    // As Gloo Console starts.
    gloo::gui::AppStyle::install();
    QCoreApplication::setOrganizationName(QStringLiteral("Gloo Console Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_startup"));
    TestStartup test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_startup.moc"
