#include "core/session.h"
#include "gui/credentialspanel.h"
#include "gui/mainwindow.h"
#include "gui/requestconsole.h"
#include "gui/tokenpanel.h"
#include "guitestsupport.h"
#include "sandboxadapter.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QUuid>

using gloo::gui::MainWindow;

namespace {
QString g_home;
}

// Runs with no reachable D-Bus session, so no keychain at all: the window must
// say so plainly, keep working for this session, and write no secret.
class TestMainWindowNoKeychain : public QObject
{
    Q_OBJECT

private slots:
    void withoutAKeychainTheAppStillWorksForThisSession();
};

void TestMainWindowNoKeychain::withoutAKeychainTheAppStillWorksForThisSession()
{
    QVERIFY(
        qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(QLatin1String("nonexistent")));

    gloo::sandbox::SandboxConfig config;
    config.clientSecret = QStringLiteral("nokeychain-")
                          + QUuid::createUuid().toString(QUuid::Id128);
    SandboxAdapter sandbox(config);
    gloo::Session session;
    session.setBuiltInSandbox(&sandbox);
    session.store()->setRetryDelay(50);
    MainWindow window(&session);
    window.show();

    // Loading at start-up already finds no keychain.
    QTRY_VERIFY_WITH_TIMEOUT(window.isKeychainBannerVisible(), 20000);
    QVERIFY(window.credentialsPanel()->isSessionOnly());

    window.credentialsPanel()->selectSandboxProfile();
    window.credentialsPanel()->useDemoCredentials();
    auto *save = window.findChild<QPushButton *>(QStringLiteral("saveButton"));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.credentialsPanel()->keychainStatusText().contains(
                                 QStringLiteral("session only")),
                             20000);
    QVERIFY(window.isKeychainBannerVisible());

    // Nothing typed is lost, and the credentials still work.
    QCOMPARE(window.findChild<QLineEdit *>(QStringLiteral("clientSecretEdit"))->text(),
             config.clientSecret);
    window.requestConsole()->send();
    QTRY_COMPARE_WITH_TIMEOUT(window.requestConsole()->statusText(), QStringLiteral("200 OK"),
                              10000);
    QCOMPARE(window.tokenPanel()->stateText(), QStringLiteral("Valid"));

    // A .env file imported now is not said to be saved anywhere.
    const QString dotEnv = QDir(g_home).filePath(QStringLiteral("imported.env"));
    QFile file(dotEnv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("GLOO_CLIENT_ID=imported-id\nGLOO_CLIENT_SECRET=" + config.clientSecret.toUtf8()
               + "\n");
    file.close();
    QString said;
    QTimer::singleShot(0, &window, [&said] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        said = box->text() + QLatin1Char('\n') + box->informativeText();
        box->accept();
    });
    window.importDotEnvFile(dotEnv);
    QVERIFY2(said.contains(QStringLiteral("for this session only")), qPrintable(said));
    QVERIFY(!said.contains(QStringLiteral("being saved")));
    QVERIFY(said.contains(QStringLiteral("Keep ")));
    QCOMPARE(window.findChild<QLineEdit *>(QStringLiteral("clientIdEdit"))->text(),
             QStringLiteral("imported-id"));
    QFile::remove(dotEnv);

    const QByteArray token = session.tokens()->token().value;
    window.close();
    const QStringList leaks = gloo::test::filesContaining(g_home,
                                                          {config.clientSecret.toUtf8(), token});
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
}

int main(int argc, char *argv[])
{
    g_home = gloo::test::isolateHome();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Gloo Console Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow_nokeychain"));
    TestMainWindowNoKeychain test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindow_nokeychain.moc"
