#include "lazysandbox.h"

#include "core/clientcredentials.h"

#include <QFile>
#include <QLibrary>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Whether a library whose file name contains 'name' is mapped into this
// process.
bool isMapped(const QByteArray &name)
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return false;
    return maps.readAll().contains(name);
}

} // namespace

class TestLazySandbox : public QObject
{
    Q_OBJECT

private slots:
    void demoCredentialsAreKnownWithoutLoading();
    void loadsTheModuleOnFirstUseAndIssuesTokens();
    void aMissingModuleIsNamedWithItsFolders();
    void aBrokenModuleIsReported();
    void anotherLibraryIsNotTakenForTheModule();
};

void TestLazySandbox::demoCredentialsAreKnownWithoutLoading()
{
    gloo::sandbox::SandboxConfig config;
    config.tokenLifetimeSeconds = 90;
    const LazySandbox sandbox(config, {QStringLiteral(GLOO_SANDBOX_MODULE_DIR)});

    QCOMPARE(sandbox.demoClientId(), config.clientId);
    QCOMPARE(sandbox.demoClientSecret(), config.clientSecret);
    QCOMPARE(sandbox.tokenLifetimeSeconds(), 90);
    QVERIFY(sandbox.baseUrl().isEmpty());
    QVERIFY(!sandbox.isLoaded());
}

void TestLazySandbox::loadsTheModuleOnFirstUseAndIssuesTokens()
{
    // This test links only the loader: Qt's HTTP server arrives with the
    // module.
    QVERIFY(!isMapped("libQt6HttpServer"));

    LazySandbox sandbox({}, {QStringLiteral("/nonexistent/gloo-console"),
                             QStringLiteral(GLOO_SANDBOX_MODULE_DIR)});
    QString error;
    QVERIFY2(sandbox.ensureRunning(&error), qPrintable(error));
    QVERIFY(sandbox.isLoaded());
    QVERIFY(isMapped("libQt6HttpServer"));
    QCOMPARE(sandbox.baseUrl().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(sandbox.ensureRunning(&error));

    // The sandbox answers the token exchange with its demo credentials.
    gloo::ClientCredentials credentials;
    credentials.clientId = sandbox.demoClientId();
    credentials.clientSecret = sandbox.demoClientSecret();
    QNetworkRequest request(sandbox.baseUrl().resolved(QUrl(QStringLiteral("/oauth2/token"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QStringLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Authorization", gloo::basicAuthorization(credentials));
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(network.post(request, "grant_type=client_credentials"));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("\"access_token\""));
}

void TestLazySandbox::aMissingModuleIsNamedWithItsFolders()
{
    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    LazySandbox sandbox({}, {empty.path()});

    QString error;
    QVERIFY(!sandbox.ensureRunning(&error));
    QVERIFY(!sandbox.isLoaded());
    QVERIFY2(error.contains(LazySandbox::moduleFileName()), qPrintable(error));
    QVERIFY2(error.contains(empty.path()), qPrintable(error));
    QVERIFY(sandbox.baseUrl().isEmpty());
}

void TestLazySandbox::aBrokenModuleIsReported()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QFile fake(folder.filePath(LazySandbox::moduleFileName()));
    QVERIFY(fake.open(QIODevice::WriteOnly));
    fake.write("not a shared library\n");
    fake.close();
    LazySandbox sandbox({}, {folder.path()});

    QString error;
    QVERIFY(!sandbox.ensureRunning(&error));
    QVERIFY(!sandbox.isLoaded());
    QVERIFY2(error.startsWith(QStringLiteral("The built-in sandbox could not be loaded")),
             qPrintable(error));
}

void TestLazySandbox::anotherLibraryIsNotTakenForTheModule()
{
    // A real shared library under the module's name: it loads, but it is
    // not the sandbox.
    QLibrary zlib(QStringLiteral("z"), 1);
    QVERIFY2(zlib.load(), qPrintable(zlib.errorString()));
    QString zlibPath;
    QFile maps(QStringLiteral("/proc/self/maps"));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    for (const QByteArray &line : maps.readAll().split('\n')) {
        const qsizetype start = line.indexOf('/');
        if (start >= 0 && line.contains("/libz.so"))
            zlibPath = QString::fromLocal8Bit(line.mid(start));
    }
    QVERIFY(!zlibPath.isEmpty());
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(LazySandbox::moduleFileName());
    QVERIFY(QFile::copy(zlibPath, path));
    LazySandbox sandbox({}, {folder.path()});

    QString error;
    QVERIFY(!sandbox.ensureRunning(&error));
    QVERIFY(!sandbox.isLoaded());
    QVERIFY2(error.endsWith(QStringLiteral("is not Gloo Console's sandbox module.")),
             qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestLazySandbox)
#include "tst_lazysandbox.moc"
