#include "core/failure.h"

#include <QTest>

using Kind = gloo::Failure::Kind;

class TestFailure : public QObject
{
    Q_OBJECT

private slots:
    void tokenEndpointAnswersAreClassified_data();
    void tokenEndpointAnswersAreClassified();
    void apiAnswersAreClassified_data();
    void apiAnswersAreClassified();
    void networkErrorsAreClassified_data();
    void networkErrorsAreClassified();
    void everyKindHasAPlainMessageAndNextStep();
    void detailKeepsTheStatusAndALimitedBody();
};

void TestFailure::tokenEndpointAnswersAreClassified_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<Kind>("kind");

    const QByteArray json = "application/json";
    QTest::newRow("invalid_client 400")
        << 400 << QByteArray(R"({"error":"invalid_client"})") << json << Kind::InvalidCredentials;
    QTest::newRow("invalid_client 401")
        << 401 << QByteArray(R"({"error":"invalid_client"})") << json << Kind::InvalidCredentials;
    QTest::newRow("unauthorized_client") << 400 << QByteArray(R"({"error":"unauthorized_client"})")
                                         << json << Kind::InvalidCredentials;
    QTest::newRow("bare 401") << 401 << QByteArray() << QByteArray() << Kind::InvalidCredentials;
    QTest::newRow("invalid_grant")
        << 400 << QByteArray(R"({"error":"invalid_grant"})") << json << Kind::InvalidRequest;
    QTest::newRow("403") << 403 << QByteArray(R"({"error":"forbidden"})") << json
                         << Kind::AccessDenied;
    QTest::newRow("429") << 429 << QByteArray() << QByteArray() << Kind::RateLimited;
    QTest::newRow("502 html") << 502 << QByteArray("<html>bad gateway</html>")
                              << QByteArray("text/html") << Kind::ServerError;
    QTest::newRow("400 html page") << 400 << QByteArray("<!DOCTYPE html><html></html>")
                                   << QByteArray() << Kind::UnexpectedResponse;
    QTest::newRow("404") << 404 << QByteArray("nothing") << QByteArray("text/plain")
                         << Kind::NotFound;
    QTest::newRow("400 without error code")
        << 400 << QByteArray("oops") << QByteArray() << Kind::UnexpectedResponse;
}

void TestFailure::tokenEndpointAnswersAreClassified()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(Kind, kind);

    const gloo::Failure failure = gloo::Failure::fromTokenEndpoint(status, body, contentType);
    QCOMPARE(gloo::Failure::kindName(failure.kind), gloo::Failure::kindName(kind));
    QCOMPARE(failure.httpStatus, status);
}

void TestFailure::apiAnswersAreClassified_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("messageContains");

    QTest::newRow("401") << 401 << QByteArray() << Kind::Unauthorized << QString();
    QTest::newRow("403") << 403 << QByteArray() << Kind::AccessDenied
                         << QStringLiteral("not allowed");
    QTest::newRow("404") << 404 << QByteArray() << Kind::NotFound << QString();
    QTest::newRow("429") << 429 << QByteArray() << Kind::RateLimited << QString();
    QTest::newRow("500") << 500 << QByteArray() << Kind::ServerError << QString();
    QTest::newRow("400 with Gloo envelope")
        << 400
        << QByteArray(R"({"error":{"type":"INVALID_REQUEST","code":1001,)"
                      R"("message":"Exactly one routing choice is required"}})")
        << Kind::InvalidRequest << QStringLiteral("Exactly one routing choice");
    QTest::newRow("422 with message")
        << 422 << QByteArray(R"({"message":"temperature out of range"})") << Kind::InvalidRequest
        << QStringLiteral("temperature out of range");
}

void TestFailure::apiAnswersAreClassified()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(QString, messageContains);

    const gloo::Failure failure = gloo::Failure::fromApiResponse(status, body);
    QCOMPARE(gloo::Failure::kindName(failure.kind), gloo::Failure::kindName(kind));
    QVERIFY2(failure.message.contains(messageContains), qPrintable(failure.message));
}

void TestFailure::networkErrorsAreClassified_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<Kind>("kind");

    QTest::newRow("host") << QNetworkReply::HostNotFoundError << Kind::HostNotFound;
    QTest::newRow("refused") << QNetworkReply::ConnectionRefusedError << Kind::ConnectionRefused;
    QTest::newRow("timeout") << QNetworkReply::TimeoutError << Kind::Timeout;
    QTest::newRow("tls") << QNetworkReply::SslHandshakeFailedError << Kind::Tls;
    QTest::newRow("proxy") << QNetworkReply::ProxyConnectionRefusedError << Kind::Proxy;
    QTest::newRow("proxy auth") << QNetworkReply::ProxyAuthenticationRequiredError << Kind::Proxy;
    QTest::newRow("closed") << QNetworkReply::RemoteHostClosedError << Kind::Network;
}

void TestFailure::networkErrorsAreClassified()
{
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(Kind, kind);

    const gloo::Failure failure = gloo::Failure::fromNetworkError(error, QStringLiteral("x"));
    QCOMPARE(gloo::Failure::kindName(failure.kind), gloo::Failure::kindName(kind));
    QCOMPARE(failure.detail, QStringLiteral("x"));
}

void TestFailure::everyKindHasAPlainMessageAndNextStep()
{
    for (int i = static_cast<int>(Kind::MissingCredentials);
         i <= static_cast<int>(Kind::KeychainDenied); ++i) {
        const auto kind = static_cast<Kind>(i);
        const gloo::Failure failure = gloo::Failure::make(kind);
        QVERIFY2(!failure.message.isEmpty(), qPrintable(gloo::Failure::kindName(kind)));
        QVERIFY2(!failure.nextStep.isEmpty(), qPrintable(gloo::Failure::kindName(kind)));
        QVERIFY(failure.isFailure());
    }
}

void TestFailure::detailKeepsTheStatusAndALimitedBody()
{
    const QByteArray body = QByteArray(5000, 'x');
    const gloo::Failure failure = gloo::Failure::fromApiResponse(500, body);
    QVERIFY(failure.detail.startsWith(QStringLiteral("HTTP status 500")));
    QVERIFY(failure.detail.size() < 1000);
}

QTEST_GUILESS_MAIN(TestFailure)
#include "tst_failure.moc"
