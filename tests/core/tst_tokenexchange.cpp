#include "core/tokenmanager.h"
#include "sandbox/sandboxserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using gloo::TokenManager;
using gloo::sandbox::SandboxConfig;
using gloo::sandbox::SandboxThread;
using Kind = gloo::Failure::Kind;
using State = TokenManager::State;

namespace {

// The secret every RFC-conforming client must encode before Basic auth.
const QString kSpecialSecret = QStringLiteral("a+b/c:d=e%f&g h ü");

// Retries without real waiting, and without jitter so waits are exact.
gloo::BackoffPolicy fastRetries(int maxRetries = 2)
{
    gloo::BackoffPolicy policy;
    policy.initialDelayMs = 10;
    policy.maxDelayMs = 40;
    policy.maxRetries = maxRetries;
    policy.jitter = 0;
    return policy;
}

// A port on 127.0.0.1 that nothing listens on.
quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestTokenExchange : public QObject
{
    Q_OBJECT

private slots:
    void validCredentialsGiveAValidJwtToken();
    void wrongSecretIsReportedAsInvalidCredentials();
    void specialCharacterSecretIsEncodedPerTheRfc();
    void unencodedSpecialCharacterSecretIsRejected();
    void missingCredentialsFailWithoutARequest();
    void unreachableServerIsReportedAsConnectionRefused();
    void plainHttpToARemoteHostIsRefusedBeforeSending();
    void concurrentRequestsShareOneExchange();
    void shortLivedTokenIsRenewedBeforeItExpires();
    void failedRenewalIsRetriedWithoutHammering();
    void refusedRenewalIsNotRetried();
    void changingCredentialsWipesTheToken();
    void silentServerTimesOut();
    void renewalMarginShrinksForShortLifetimes_data();
    void renewalMarginShrinksForShortLifetimes();

private:
    struct Fixture
    {
        explicit Fixture(const SandboxConfig &config = {})
            : sandbox(config)
            , tokens(&network)
        {
            if (!sandbox.start())
                qFatal("sandbox did not start: %s", qPrintable(sandbox.errorString()));
            tokens.setEnvironment(gloo::Environment::custom(sandbox.baseUrl()));
            tokens.setCredentials({config.clientId, config.clientSecret});
        }

        SandboxThread sandbox;
        QNetworkAccessManager network;
        TokenManager tokens;
    };
};

void TestTokenExchange::validCredentialsGiveAValidJwtToken()
{
    Fixture fixture;
    QSignalSpy issued(&fixture.tokens, &TokenManager::tokenIssued);
    QSignalSpy states(&fixture.tokens, &TokenManager::stateChanged);

    fixture.tokens.requestToken();
    QCOMPARE(fixture.tokens.state(), State::Requesting);
    QVERIFY(issued.wait(5000));

    QCOMPARE(fixture.tokens.state(), State::Valid);
    const gloo::AccessToken &token = fixture.tokens.token();
    QVERIFY(token.isJwt());
    QCOMPARE(token.lifetimeSeconds(), qint64(3600));
    QCOMPARE(token.claims.value(QLatin1String("client_id")).toString(),
             QStringLiteral("sandbox-client"));
    QCOMPARE(token.claims.value(QLatin1String("scope")).toString(), QStringLiteral("api/access"));
    QVERIFY(token.claims.contains(QLatin1String("iss")));
    QVERIFY(token.claims.contains(QLatin1String("exp")));
    QVERIFY(fixture.tokens.hasUsableToken());
    QVERIFY(fixture.tokens.secondsRemaining() > 3590);
    QCOMPARE(fixture.sandbox.tokenRequestCount(), 1);
    QCOMPARE(states.first().first().value<State>(), State::Requesting);
    QCOMPARE(states.last().first().value<State>(), State::Valid);
}

void TestTokenExchange::wrongSecretIsReportedAsInvalidCredentials()
{
    Fixture fixture;
    fixture.tokens.setCredentials({QStringLiteral("sandbox-client"), QStringLiteral("wrong")});
    fixture.tokens.backoff().setPolicy(fastRetries());
    QSignalSpy finished(&fixture.tokens, &TokenManager::exchangeFinished);
    QSignalSpy retries(&fixture.tokens, &TokenManager::retryScheduled);

    fixture.tokens.requestToken();
    QVERIFY(finished.wait(5000));

    const auto failure = finished.first().first().value<gloo::Failure>();
    QCOMPARE(failure.kind, Kind::InvalidCredentials);
    QVERIFY(failure.httpStatus == 400 || failure.httpStatus == 401);
    QVERIFY(failure.detail.contains(QStringLiteral("invalid_client")));
    QVERIFY(!failure.detail.contains(QStringLiteral("wrong")));
    QCOMPARE(fixture.tokens.state(), State::Failed);
    QVERIFY(fixture.tokens.token().isNull());
    // A permanent failure stops at once: no retry, one request.
    QCOMPARE(retries.size(), 0);
    QCOMPARE(fixture.sandbox.tokenRequestCount(), 1);
}

void TestTokenExchange::specialCharacterSecretIsEncodedPerTheRfc()
{
    SandboxConfig config;
    config.clientId = QStringLiteral("id with space+plus");
    config.clientSecret = kSpecialSecret;
    Fixture fixture(config);
    QSignalSpy finished(&fixture.tokens, &TokenManager::exchangeFinished);

    fixture.tokens.requestToken();
    QVERIFY(finished.wait(5000));
    const auto failure = finished.first().first().value<gloo::Failure>();
    QVERIFY2(!failure.isFailure(), qPrintable(failure.summary() + failure.detail));
    QCOMPARE(fixture.tokens.state(), State::Valid);
}

void TestTokenExchange::unencodedSpecialCharacterSecretIsRejected()
{
    // The same secret joined without the RFC's encoding, as naive clients do:
    // the sandbox must refuse it, which is what makes the previous test mean
    // something.
    SandboxConfig config;
    config.clientSecret = kSpecialSecret;
    SandboxThread sandbox(config);
    QVERIFY(sandbox.start());

    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(sandbox.baseUrl().toString() + QStringLiteral("/oauth2/token")));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    const QByteArray raw = (config.clientId + QLatin1Char(':') + kSpecialSecret).toUtf8();
    request.setRawHeader("Authorization", "Basic " + raw.toBase64());
    QNetworkReply *reply = network.post(request, "grant_type=client_credentials&scope=api/access");
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(5000));

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QVERIFY2(status == 400 || status == 401, QByteArray::number(status).constData());
    QVERIFY(reply->readAll().contains("invalid_client"));
    reply->deleteLater();
}

void TestTokenExchange::missingCredentialsFailWithoutARequest()
{
    Fixture fixture;
    fixture.tokens.setCredentials({QStringLiteral("sandbox-client"), QString()});
    QSignalSpy finished(&fixture.tokens, &TokenManager::exchangeFinished);

    fixture.tokens.requestToken();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<gloo::Failure>().kind, Kind::MissingCredentials);
    QCOMPARE(fixture.sandbox.tokenRequestCount(), 0);
}

void TestTokenExchange::unreachableServerIsReportedAsConnectionRefused()
{
    QNetworkAccessManager network;
    TokenManager tokens(&network);
    tokens.setEnvironment(
        gloo::Environment::custom(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort()))));
    tokens.setCredentials({QStringLiteral("id"), QStringLiteral("secret")});
    tokens.backoff().setPolicy(fastRetries());
    QSignalSpy finished(&tokens, &TokenManager::exchangeFinished);
    QSignalSpy retries(&tokens, &TokenManager::retryScheduled);

    tokens.requestToken();
    QCOMPARE(tokens.state(), State::Requesting);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<gloo::Failure>().kind, Kind::ConnectionRefused);
    // A connection problem is transient: retried as often as the policy
    // allows, with growing waits, before it is reported.
    QCOMPARE(retries.size(), 2);
    QCOMPARE(retries.at(0).at(1).toInt(), 10);
    QCOMPARE(retries.at(1).at(1).toInt(), 20);
    QCOMPARE(tokens.state(), State::Failed);
}

void TestTokenExchange::plainHttpToARemoteHostIsRefusedBeforeSending()
{
    QNetworkAccessManager network;
    TokenManager tokens(&network);
    // Never contacted: the address is refused before anything is sent.
    tokens.setEnvironment(gloo::Environment::custom(QUrl(QStringLiteral("http://gloo.invalid"))));
    tokens.setCredentials({QStringLiteral("id"), QStringLiteral("secret")});
    QSignalSpy finished(&tokens, &TokenManager::exchangeFinished);

    tokens.requestToken();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<gloo::Failure>().kind, Kind::InsecureTransport);
    QVERIFY(!tokens.isExchangeInFlight());
}

void TestTokenExchange::concurrentRequestsShareOneExchange()
{
    Fixture fixture;
    QSignalSpy finished(&fixture.tokens, &TokenManager::exchangeFinished);

    for (int i = 0; i < 20; ++i)
        fixture.tokens.requestToken();
    QVERIFY(finished.wait(5000));
    QTest::qWait(200);

    QCOMPARE(finished.size(), 1);
    QCOMPARE(fixture.sandbox.tokenRequestCount(), 1);
}

void TestTokenExchange::shortLivedTokenIsRenewedBeforeItExpires()
{
    SandboxConfig config;
    config.tokenLifetimeSeconds = 4;
    Fixture fixture(config);
    QSignalSpy issued(&fixture.tokens, &TokenManager::tokenIssued);

    fixture.tokens.requestToken();
    QVERIFY(issued.wait(5000));
    const QByteArray first = fixture.tokens.token().value;
    const QDateTime firstExpiry = fixture.tokens.token().expiresAt;

    // Renewal is due one second before the expiry (a quarter of 4 s).
    QVERIFY(issued.wait(6000));
    QCOMPARE(issued.last().at(2).value<TokenManager::Reason>(), TokenManager::Reason::Scheduled);
    QVERIFY(QDateTime::currentDateTimeUtc() < firstExpiry);
    QVERIFY(fixture.tokens.token().value != first);
    QCOMPARE(fixture.sandbox.tokenRequestCount(), 2);
    QCOMPARE(fixture.tokens.state(), State::Valid);
}

void TestTokenExchange::failedRenewalIsRetriedWithoutHammering()
{
    SandboxConfig config;
    config.tokenLifetimeSeconds = 4;
    Fixture fixture(config);
    fixture.tokens.backoff().setPolicy(fastRetries());
    QSignalSpy issued(&fixture.tokens, &TokenManager::tokenIssued);
    fixture.tokens.requestToken();
    QVERIFY(issued.wait(5000));

    // The server goes away: the renewal one second before expiry fails.
    fixture.sandbox.stop();
    QSignalSpy started(&fixture.tokens, &TokenManager::exchangeStarted);
    QSignalSpy retries(&fixture.tokens, &TokenManager::retryScheduled);
    QSignalSpy failed(&fixture.tokens, &TokenManager::exchangeFailed);
    // Once the token runs out, the state says the renewal failed.
    QTRY_COMPARE_WITH_TIMEOUT(fixture.tokens.state(), State::Failed, 8000);
    QVERIFY(!fixture.tokens.token().isNull());
    QVERIFY(fixture.tokens.lastFailure().isFailure());
    QTest::qWait(1500);

    // One renewal with its two retries, then nothing until the next request.
    QCOMPARE(started.size(), 1);
    QCOMPARE(retries.size(), 2);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(fixture.tokens.state(), State::Failed);
}

void TestTokenExchange::refusedRenewalIsNotRetried()
{
    SandboxConfig config;
    config.tokenLifetimeSeconds = 4;
    Fixture fixture(config);
    fixture.tokens.backoff().setPolicy(fastRetries());
    QSignalSpy issued(&fixture.tokens, &TokenManager::tokenIssued);
    fixture.tokens.requestToken();
    QVERIFY(issued.wait(5000));

    // The same server, restarted with another secret: the credentials are
    // now wrong, which no retry can fix.
    const quint16 port = fixture.sandbox.port();
    fixture.sandbox.stop();
    SandboxConfig changed = config;
    changed.clientSecret = QStringLiteral("rotated-secret");
    SandboxThread rotated(changed);
    QVERIFY(rotated.start(port));

    QSignalSpy failed(&fixture.tokens, &TokenManager::exchangeFailed);
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().first().value<gloo::Failure>().kind, Kind::InvalidCredentials);
    QTRY_COMPARE_WITH_TIMEOUT(fixture.tokens.state(), State::Failed, 5000);
    QTest::qWait(1000);
    QCOMPARE(rotated.tokenRequestCount(), 1);
}

void TestTokenExchange::changingCredentialsWipesTheToken()
{
    Fixture fixture;
    QSignalSpy issued(&fixture.tokens, &TokenManager::tokenIssued);
    QSignalSpy cleared(&fixture.tokens, &TokenManager::tokenCleared);
    fixture.tokens.requestToken();
    QVERIFY(issued.wait(5000));

    fixture.tokens.setCredentials({QStringLiteral("someone-else"), QStringLiteral("x")});
    QVERIFY(fixture.tokens.token().isNull());
    QCOMPARE(fixture.tokens.state(), State::None);
    QCOMPARE(cleared.size(), 1);

    // Setting the same credentials again changes nothing.
    fixture.tokens.setCredentials({QStringLiteral("someone-else"), QStringLiteral("x")});
    QCOMPARE(cleared.size(), 1);
}

void TestTokenExchange::silentServerTimesOut()
{
    // Reading the reply that was stopped would only warn on stderr.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("device not open")));
    // Accepts the connection, never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));

    QNetworkAccessManager network;
    TokenManager tokens(&network);
    tokens.setRequestTimeout(300);
    tokens.backoff().setPolicy(fastRetries(0));
    tokens.setEnvironment(gloo::Environment::custom(
        QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()))));
    tokens.setCredentials({QStringLiteral("id"), QStringLiteral("secret")});
    QSignalSpy finished(&tokens, &TokenManager::exchangeFinished);

    tokens.requestToken();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().first().value<gloo::Failure>().kind, Kind::Timeout);
}

void TestTokenExchange::renewalMarginShrinksForShortLifetimes_data()
{
    QTest::addColumn<qint64>("lifetime");
    QTest::addColumn<qint64>("margin");

    QTest::newRow("one hour") << qint64(3600) << qint64(60);
    QTest::newRow("four minutes") << qint64(240) << qint64(60);
    QTest::newRow("two minutes") << qint64(120) << qint64(30);
    QTest::newRow("thirty seconds") << qint64(30) << qint64(7);
    QTest::newRow("two seconds") << qint64(2) << qint64(1);
}

void TestTokenExchange::renewalMarginShrinksForShortLifetimes()
{
    QFETCH(qint64, lifetime);
    QFETCH(qint64, margin);
    QCOMPARE(TokenManager::renewalMarginSeconds(lifetime), margin);
    QVERIFY(TokenManager::renewalMarginSeconds(lifetime) < lifetime);
}

QTEST_GUILESS_MAIN(TestTokenExchange)
#include "tst_tokenexchange.moc"
