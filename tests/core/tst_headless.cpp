#include "core/credentialstore.h"
#include "core/profilestore.h"
#include "sandbox/faultplan.h"
#include "sandbox/sandboxserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using gloo::sandbox::FaultPlan;
using gloo::sandbox::SandboxThread;

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs gloo-console-cli with the given arguments and environment additions.
Result runCli(const QStringList &arguments, const QMap<QString, QString> &environment = {},
              const QStringList &removeFromEnvironment = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("GLOO_CLIENT_ID"));
    env.remove(QStringLiteral("GLOO_CLIENT_SECRET"));
    for (const QString &name : removeFromEnvironment)
        env.remove(name);
    for (auto it = environment.begin(); it != environment.end(); ++it)
        env.insert(it.key(), it.value());

    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(GLOO_CLI_PATH), arguments);
    Result result;
    if (!process.waitForFinished(30000)) {
        process.kill();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace

// The headless mode as a script uses it: exit codes per failure class, the
// same plain messages as the window, and no secret in its output.
class TestHeadless : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void checkSucceedsWithEnvironmentCredentials();
    void exitCodesNameTheFailureClass_data();
    void exitCodesNameTheFailureClass();
    void tokenPrintsAUsableToken();
    void requestPrintsTheBodyAndReplaysAfterARevokedToken();
    void forbiddenRequestExitsWithAccess();
    void keychainWithoutBackendExitsWithKeychain();
    void windowProfileIsFoundByNameWithItsSavedSecret();
    void windowProfileSecretIsNotSentToAnotherServer();
    void unknownProfileListsTheProfiles();
    void customMeansTheWindowsCustomProfile();
    void aProfileWithoutASavedSecretSaysSo();
    void helpDocumentsTheExitCodes();

private:
    // A profile named "Staging" for the sandbox, as the window saves it:
    // settings under a private XDG_CONFIG_HOME and the secret in the
    // keychain under the profile's id. Returns the environment to run with.
    QMap<QString, QString> makeWindowProfile(QTemporaryDir &config, gloo::Profile *made);
    void forgetSecret(const QString &id);

    QMap<QString, QString> credentials(const QString &secret = {}) const;
    QStringList base() const;

    std::unique_ptr<SandboxThread> m_sandbox;
};

void TestHeadless::init()
{
    m_sandbox = std::make_unique<SandboxThread>();
    QVERIFY(m_sandbox->start());
}

void TestHeadless::cleanup()
{
    m_sandbox.reset();
}

QMap<QString, QString> TestHeadless::makeWindowProfile(QTemporaryDir &config, gloo::Profile *made)
{
    gloo::ProfileStore store(config.filePath(QStringLiteral("Gloo Console/Gloo Console.conf")));
    store.load();
    gloo::Profile profile = store.create(QStringLiteral("Staging"),
                                         gloo::Environment::Kind::Custom);
    profile.baseUrl = m_sandbox->baseUrl().toString();
    profile.clientId = m_sandbox->config().clientId;
    profile.secretDestination = profile.environment().secretDestination();
    store.update(profile);
    *made = profile;

    gloo::CredentialStore keychain;
    QSignalSpy saved(&keychain, &gloo::CredentialStore::saved);
    QSignalSpy failed(&keychain, &gloo::CredentialStore::failed);
    keychain.save(profile.id, {profile.clientId, m_sandbox->config().clientSecret});
    if (!saved.wait(10000) || !failed.isEmpty())
        return {};
    return {{QStringLiteral("XDG_CONFIG_HOME"), config.path()}};
}

void TestHeadless::forgetSecret(const QString &id)
{
    gloo::CredentialStore keychain;
    QSignalSpy forgotten(&keychain, &gloo::CredentialStore::forgotten);
    keychain.forget(id);
    forgotten.wait(10000);
}

QMap<QString, QString> TestHeadless::credentials(const QString &secret) const
{
    return {{QStringLiteral("GLOO_CLIENT_ID"), m_sandbox->config().clientId},
            {QStringLiteral("GLOO_CLIENT_SECRET"),
             secret.isEmpty() ? m_sandbox->config().clientSecret : secret}};
}

QStringList TestHeadless::base() const
{
    return {QStringLiteral("--base-url"), m_sandbox->baseUrl().toString()};
}

void TestHeadless::checkSucceedsWithEnvironmentCredentials()
{
    const Result result = runCli(QStringList{QStringLiteral("check")} + base(), credentials());
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith(QStringLiteral("OK: Gloo accepted client sandbox-client")),
             qPrintable(result.out + result.err));
    QVERIFY(!result.out.contains(m_sandbox->config().clientSecret));
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);
}

void TestHeadless::exitCodesNameTheFailureClass_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<int>("tokenFailures");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("errContains");

    QTest::newRow("wrong secret") << QStringList{QStringLiteral("check")} << QStringLiteral("wrong")
                                  << 0 << 3
                                  << QStringLiteral("FAILED (credentials): Gloo did not accept");
    QTest::newRow("server error after retries")
        << QStringList{QStringLiteral("check"), QStringLiteral("--max-retries"),
                       QStringLiteral("0")}
        << QString() << 1 << 6 << QStringLiteral("FAILED (server)");
    QTest::newRow("request rejected")
        << QStringList{QStringLiteral("request"), QStringLiteral("POST"),
                       QStringLiteral("/ai/v2/chat/completions"), QStringLiteral("--data"),
                       QStringLiteral(R"({"messages":[{"role":"user","content":"x"}]})")}
        << QString() << 0 << 8 << QStringLiteral("FAILED (request rejected)");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QString() << 0
                                     << 2 << QStringLiteral("unknown command");
    QTest::newRow("request without path") << QStringList{QStringLiteral("request")} << QString()
                                          << 0 << 2 << QStringLiteral("METHOD and a PATH");
}

void TestHeadless::exitCodesNameTheFailureClass()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, secret);
    QFETCH(int, tokenFailures);
    QFETCH(int, exitCode);
    QFETCH(QString, errContains);

    FaultPlan plan;
    plan.tokenFailureCount = tokenFailures;
    plan.tokenFailureStatus = 503;
    m_sandbox->setFaultPlan(plan);

    const Result result = runCli(arguments + base(), credentials(secret));
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(errContains), qPrintable(result.err));
    QVERIFY(!result.err.contains(m_sandbox->config().clientSecret));
}

void TestHeadless::tokenPrintsAUsableToken()
{
    const Result result = runCli(QStringList{QStringLiteral("token")} + base(), credentials());
    QCOMPARE(result.exitCode, 0);
    const QString token = result.out.trimmed();
    QCOMPARE(token.count(QLatin1Char('.')), 2);

    // The printed token works with another tool: here, a plain request.
    QNetworkAccessManager network;
    QNetworkRequest request(
        QUrl(m_sandbox->baseUrl().toString() + QStringLiteral("/ai/v2/chat/completions")));
    request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.post(
        request, R"({"messages":[{"role":"user","content":"x"}],"auto_routing":true})");
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

void TestHeadless::requestPrintsTheBodyAndReplaysAfterARevokedToken()
{
    const QStringList arguments{QStringLiteral("request"), QStringLiteral("post"),
                                QStringLiteral("/ai/v2/chat/completions"), QStringLiteral("--data"),
                                QStringLiteral(R"({"messages":[{"role":"user","content":)"
                                               R"("Hello there"}],"auto_routing":true})")};
    // The first API request finds its token revoked, as if mid-session.
    FaultPlan plan;
    plan.apiRevokeCount = 1;
    m_sandbox->setFaultPlan(plan);

    const Result result = runCli(arguments + base(), credentials());
    QCOMPARE(result.exitCode, 0);
    const QJsonObject body = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(body.value(QLatin1String("object")).toString(), QStringLiteral("chat.completion"));
    QVERIFY2(result.err.contains(QStringLiteral("HTTP 200 OK")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("sent again after a 401")), qPrintable(result.err));
    QCOMPARE(m_sandbox->tokenRequestCount(), 2);
    QCOMPARE(m_sandbox->apiRequestCount(), 2);
}

void TestHeadless::forbiddenRequestExitsWithAccess()
{
    FaultPlan plan;
    plan.forbiddenClientId = m_sandbox->config().clientId;
    m_sandbox->setFaultPlan(plan);

    const Result result = runCli(
        QStringList{QStringLiteral("request"), QStringLiteral("POST"),
                    QStringLiteral("/ai/v2/chat/completions"), QStringLiteral("--data"),
                    QStringLiteral(R"({"messages":[{"role":"user","content":"x"}],)"
                                   R"("auto_routing":true})")}
            + base(),
        credentials());
    QCOMPARE(result.exitCode, 4);
    QVERIFY(result.err.contains(QStringLiteral("FAILED (access)")));
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);
}

void TestHeadless::keychainWithoutBackendExitsWithKeychain()
{
    const Result result = runCli(
        QStringList{QStringLiteral("check")} + base(),
        {{QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
          QStringLiteral("unix:path=/nonexistent/gloo-console-test-bus")}});
    QCOMPARE(result.exitCode, 7);
    QVERIFY2(result.err.contains(QStringLiteral("GLOO_CLIENT_ID")), qPrintable(result.err));
    QCOMPARE(m_sandbox->tokenRequestCount(), 0);
}

void TestHeadless::helpDocumentsTheExitCodes()
{
    const Result result = runCli({QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    for (const char *line : {"0  success", "2  usage", "3  credentials", "4  access", "5  network",
                             "6  server", "7  keychain", "8  request rejected"}) {
        QVERIFY2(result.out.contains(QLatin1String(line)), line);
    }
}

void TestHeadless::windowProfileIsFoundByNameWithItsSavedSecret()
{
    QTemporaryDir config;
    QVERIFY(config.isValid());
    gloo::Profile profile;
    const QMap<QString, QString> environment = makeWindowProfile(config, &profile);
    QVERIFY(!environment.isEmpty());

    // By name in any case, and by id.
    for (const QString &name : {QStringLiteral("staging"), profile.id}) {
        const Result result = runCli({QStringLiteral("check"), QStringLiteral("--profile"), name},
                                     environment);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(QStringLiteral("OK: Gloo accepted client sandbox-client")),
                 qPrintable(result.out + result.err));
        QVERIFY(!QString(result.out + result.err).contains(m_sandbox->config().clientSecret));
    }
    QCOMPARE(m_sandbox->tokenRequestCount(), 2);
    forgetSecret(profile.id);
}

void TestHeadless::windowProfileSecretIsNotSentToAnotherServer()
{
    QTemporaryDir config;
    QVERIFY(config.isValid());
    gloo::Profile profile;
    const QMap<QString, QString> environment = makeWindowProfile(config, &profile);
    QVERIFY(!environment.isEmpty());
    QTcpServer other;
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    const QString otherUrl = QStringLiteral("http://127.0.0.1:%1").arg(other.serverPort());

    for (const QString &option : {QStringLiteral("--base-url"), QStringLiteral("--token-url")}) {
        const Result result = runCli({QStringLiteral("check"), QStringLiteral("--profile"),
                                      QStringLiteral("Staging"), option, otherUrl},
                                     environment);
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains(QStringLiteral("belongs to another server")),
                 qPrintable(result.err));
    }
    QVERIFY(!other.hasPendingConnections());
    QCOMPARE(m_sandbox->tokenRequestCount(), 0);

    // Naming the profile's own token URL is no other server.
    const Result same = runCli({QStringLiteral("check"), QStringLiteral("--profile"),
                                QStringLiteral("Staging"), QStringLiteral("--token-url"),
                                m_sandbox->baseUrl().toString() + QStringLiteral("/oauth2/token")},
                               environment);
    QCOMPARE(same.exitCode, 0);
    QCOMPARE(m_sandbox->tokenRequestCount(), 1);
    forgetSecret(profile.id);
}

void TestHeadless::unknownProfileListsTheProfiles()
{
    QTemporaryDir config;
    QVERIFY(config.isValid());
    gloo::Profile profile;
    const QMap<QString, QString> environment = makeWindowProfile(config, &profile);
    QVERIFY(!environment.isEmpty());
    forgetSecret(profile.id);

    const Result result = runCli({QStringLiteral("check"), QStringLiteral("--profile"),
                                  QStringLiteral("Stagng")},
                                 environment);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("unknown profile \"Stagng\"")),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("\"Staging\"")), qPrintable(result.err));
    QCOMPARE(m_sandbox->tokenRequestCount(), 0);
}

void TestHeadless::customMeansTheWindowsCustomProfile()
{
    QTemporaryDir config;
    QVERIFY(config.isValid());
    gloo::Profile profile;
    const QMap<QString, QString> environment = makeWindowProfile(config, &profile);
    QVERIFY(!environment.isEmpty());

    for (const QString &word : {QStringLiteral("custom"), QStringLiteral("Custom")}) {
        const Result result = runCli({QStringLiteral("check"), QStringLiteral("--profile"), word},
                                     environment);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(QStringLiteral("OK: Gloo accepted client sandbox-client")),
                 qPrintable(result.out + result.err));
    }
    forgetSecret(profile.id);
}

void TestHeadless::aProfileWithoutASavedSecretSaysSo()
{
    QTemporaryDir config;
    QVERIFY(config.isValid());
    gloo::Profile profile;
    const QMap<QString, QString> environment = makeWindowProfile(config, &profile);
    QVERIFY(!environment.isEmpty());
    forgetSecret(profile.id);

    // Even with --base-url elsewhere: there is no secret to keep from it.
    QTcpServer other;
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    const Result result = runCli({QStringLiteral("check"), QStringLiteral("--profile"),
                                  QStringLiteral("Staging"), QStringLiteral("--base-url"),
                                  QStringLiteral("http://127.0.0.1:%1").arg(other.serverPort())},
                                 environment);
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains(
                 QStringLiteral("No credentials are saved for the Staging profile")),
             qPrintable(result.err));
    QVERIFY(!other.hasPendingConnections());
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
