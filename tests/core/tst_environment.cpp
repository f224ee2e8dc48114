#include "core/environment.h"

#include <QTest>

using gloo::Environment;

class TestEnvironment : public QObject
{
    Q_OBJECT

private slots:
    void productionIsTheDefault();
    void targetsResolveAgainstTheBaseUrl_data();
    void targetsResolveAgainstTheBaseUrl();
    void transportNeedsHttpsExceptOnThisComputer_data();
    void transportNeedsHttpsExceptOnThisComputer();
    void baseUrlsAreValidated_data();
    void baseUrlsAreValidated();
    void typedBaseUrlsAreNormalized_data();
    void typedBaseUrlsAreNormalized();
    void kindKeysRoundTrip();
    void secretDestinationNamesTheServers();
};

void TestEnvironment::productionIsTheDefault()
{
    const Environment environment;
    QCOMPARE(environment.kind, Environment::Kind::Production);
    QCOMPARE(environment.baseUrl, QUrl(QStringLiteral("https://platform.ai.gloo.com")));
    QCOMPARE(environment.tokenUrl(),
             QUrl(QStringLiteral("https://platform.ai.gloo.com/oauth2/token")));
}

void TestEnvironment::targetsResolveAgainstTheBaseUrl_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("expected");

    QTest::newRow("path") << "https://h.test"
                          << "/ai/v2/chat/completions"
                          << "https://h.test/ai/v2/chat/completions";
    QTest::newRow("path without slash") << "https://h.test"
                                        << "platform/v2/models"
                                        << "https://h.test/platform/v2/models";
    QTest::newRow("base with path prefix") << "https://h.test/gloo/"
                                           << "/oauth2/token"
                                           << "https://h.test/gloo/oauth2/token";
    QTest::newRow("query kept") << "http://127.0.0.1:8080"
                                << "/ai/v1/chat?chat_id=7"
                                << "http://127.0.0.1:8080/ai/v1/chat?chat_id=7";
    QTest::newRow("absolute url wins") << "https://h.test"
                                       << "https://other.test/x"
                                       << "https://other.test/x";
    QTest::newRow("surrounding spaces") << "https://h.test"
                                        << "  /x  "
                                        << "https://h.test/x";
}

void TestEnvironment::targetsResolveAgainstTheBaseUrl()
{
    QFETCH(QString, base);
    QFETCH(QString, target);
    QFETCH(QString, expected);
    QCOMPARE(Environment::custom(QUrl(base)).resolve(target), QUrl(expected));
}

void TestEnvironment::transportNeedsHttpsExceptOnThisComputer_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("https") << "https://platform.ai.gloo.com" << true;
    QTest::newRow("http remote") << "http://platform.ai.gloo.com" << false;
    QTest::newRow("http loopback v4") << "http://127.0.0.1:9000" << true;
    QTest::newRow("http loopback range") << "http://127.0.0.2:9000" << true;
    QTest::newRow("http localhost") << "http://localhost:9000" << true;
    QTest::newRow("http loopback v6") << "http://[::1]:9000" << true;
    QTest::newRow("http private range") << "http://192.168.1.10" << false;
    QTest::newRow("ftp") << "ftp://127.0.0.1" << false;
}

void TestEnvironment::transportNeedsHttpsExceptOnThisComputer()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    QCOMPARE(gloo::isTransportAllowed(QUrl(url)), allowed);
}

void TestEnvironment::baseUrlsAreValidated_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");

    QTest::newRow("https") << "https://api.example.test" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("http remote") << "http://api.example.test" << false;
    QTest::newRow("no host") << "https://" << false;
    QTest::newRow("other scheme") << "ftp://example.test" << false;
}

void TestEnvironment::baseUrlsAreValidated()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QCOMPARE(Environment::custom(QUrl(url)).validate().isEmpty(), valid);
}

void TestEnvironment::typedBaseUrlsAreNormalized_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expected");

    QTest::newRow("bare host") << "api.example.test"
                               << "https://api.example.test";
    QTest::newRow("trailing slashes") << "https://api.example.test//"
                                      << "https://api.example.test";
    QTest::newRow("spaces") << "  http://127.0.0.1:9/ "
                            << "http://127.0.0.1:9";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("this computer, no scheme") << "127.0.0.1:18009/"
                                              << "http://127.0.0.1:18009";
    QTest::newRow("localhost, no scheme") << "localhost:8080"
                                          << "http://localhost:8080";
    QTest::newRow("another computer, no scheme") << "10.0.0.5:8080"
                                                 << "https://10.0.0.5:8080";
}

void TestEnvironment::typedBaseUrlsAreNormalized()
{
    QFETCH(QString, typed);
    QFETCH(QString, expected);
    QCOMPARE(gloo::normalizedBaseUrl(typed), QUrl(expected));
}

void TestEnvironment::kindKeysRoundTrip()
{
    using Kind = Environment::Kind;
    for (Kind kind : {Kind::Production, Kind::Sandbox, Kind::Custom})
        QCOMPARE(Environment::kindFromKey(Environment::kindKey(kind)), kind);
    QCOMPARE(Environment::kindFromKey(QStringLiteral("nonsense"), Kind::Sandbox), Kind::Sandbox);
}

void TestEnvironment::secretDestinationNamesTheServers()
{
    Environment staging = Environment::custom(QUrl(QStringLiteral("https://staging.example/")));
    const QString plain = staging.secretDestination();
    QCOMPARE(plain, staging.profileKey());

    // Naming the default token URL changes nothing; another server does.
    staging.tokenUrlOverride = QUrl(QStringLiteral("https://staging.example/oauth2/token"));
    QCOMPARE(staging.secretDestination(), plain);
    staging.tokenUrlOverride = QUrl(QStringLiteral("https://auth.example/oauth2/token"));
    QVERIFY(staging.secretDestination() != plain);
    // The base URL's server is part of it; its path is not.
    Environment other = Environment::custom(QUrl(QStringLiteral("https://other.example/")));
    QVERIFY(other.secretDestination() != plain);
    Environment sub = Environment::custom(QUrl(QStringLiteral("https://staging.example/ai")));
    QCOMPARE(sub.secretDestination(), plain);
}

QTEST_GUILESS_MAIN(TestEnvironment)
#include "tst_environment.moc"
