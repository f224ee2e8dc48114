#include "core/accesstoken.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 5, 1), QTime(12, 0, 0), Qt::UTC);

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray makeJwt(const QJsonObject &payload)
{
    const QByteArray header = QJsonDocument(
                                  QJsonObject{{QStringLiteral("alg"), QStringLiteral("HS256")}})
                                  .toJson(QJsonDocument::Compact);
    return base64Url(header) + '.' + base64Url(QJsonDocument(payload).toJson()) + '.'
           + base64Url("signature");
}

QByteArray tokenAnswer(const QByteArray &token, const QByteArray &extraFields)
{
    return QByteArrayLiteral("{\"access_token\":\"") + token + '"' + extraFields + '}';
}

} // namespace

class TestAccessToken : public QObject
{
    Q_OBJECT

private slots:
    void expiryComesFromTheBestAvailableSource_data();
    void expiryComesFromTheBestAvailableSource();
    void unusableAnswersAreExplained_data();
    void unusableAnswersAreExplained();
    void tokenTypeIsMatchedWithoutRegardToCase();
    void jwtClaimsAreDecoded();
    void nonJwtTokensStillWork();
    void decodeRejectsWhatIsNotAJwt_data();
    void decodeRejectsWhatIsNotAJwt();
    void fingerprintIsShortStableAndNotTheToken();
    void wipeForgetsTheValue();
};

void TestAccessToken::expiryComesFromTheBestAvailableSource_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("expectedLifetime");
    QTest::addColumn<bool>("expectNote");

    const QByteArray jwtIn600 = makeJwt({{QStringLiteral("exp"), kNow.toSecsSinceEpoch() + 600}});
    const QByteArray opaque = "opaque-token-value";

    QTest::newRow("expires_in number")
        << tokenAnswer(opaque, ",\"expires_in\":3600,\"token_type\":\"Bearer\"") << qint64(3600)
        << false;
    QTest::newRow("expires_in as a string")
        << tokenAnswer(opaque, ",\"expires_in\":\"1800\"") << qint64(1800) << false;
    QTest::newRow("expires_in wins over exp")
        << tokenAnswer(jwtIn600, ",\"expires_in\":3600") << qint64(3600) << false;
    QTest::newRow("missing expires_in uses the JWT exp")
        << tokenAnswer(jwtIn600, {}) << qint64(600) << true;
    QTest::newRow("zero expires_in uses the JWT exp")
        << tokenAnswer(jwtIn600, ",\"expires_in\":0") << qint64(600) << true;
    QTest::newRow("negative expires_in uses the JWT exp")
        << tokenAnswer(jwtIn600, ",\"expires_in\":-5") << qint64(600) << true;
    QTest::newRow("garbage expires_in uses the JWT exp")
        << tokenAnswer(jwtIn600, ",\"expires_in\":\"soon\"") << qint64(600) << true;
    QTest::newRow("no expiry anywhere uses the conservative default")
        << tokenAnswer(opaque, {}) << qint64(gloo::kFallbackTokenLifetimeSeconds) << true;
    QTest::newRow("expires_in beyond any integer is capped")
        << tokenAnswer(opaque, ",\"expires_in\":999999999223372036854775807999")
        << gloo::kMaxTokenLifetimeSeconds << true;
    QTest::newRow("JWT exp beyond any integer is capped")
        << tokenAnswer(makeJwt({{QStringLiteral("exp"), 1e300}}), {})
        << gloo::kMaxTokenLifetimeSeconds << true;
    QTest::newRow("absurd expires_in is capped") << tokenAnswer(opaque, ",\"expires_in\":999999999")
                                                 << gloo::kMaxTokenLifetimeSeconds << true;
}

void TestAccessToken::expiryComesFromTheBestAvailableSource()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, expectedLifetime);
    QFETCH(bool, expectNote);

    const gloo::TokenParseResult result = gloo::parseTokenResponse(body, kNow);
    QVERIFY2(result.problem.isEmpty(), qPrintable(result.problem));
    QCOMPARE(result.token.issuedAt, kNow);
    QCOMPARE(result.token.lifetimeSeconds(), expectedLifetime);
    QCOMPARE(!result.expiryNote.isEmpty(), expectNote);
}

void TestAccessToken::unusableAnswersAreExplained_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problemContains");

    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("whitespace") << QByteArray(" \n") << QStringLiteral("empty");
    QTest::newRow("html page") << QByteArray("<html><body>Gateway</body></html>")
                               << QStringLiteral("not JSON");
    QTest::newRow("json array") << QByteArray("[1,2]") << QStringLiteral("not JSON");
    QTest::newRow("truncated json")
        << QByteArray("{\"access_token\":\"ab") << QStringLiteral("not JSON");
    QTest::newRow("no access_token")
        << QByteArray("{\"expires_in\":3600}") << QStringLiteral("no access_token");
    QTest::newRow("access_token not a string")
        << QByteArray("{\"access_token\":42}") << QStringLiteral("no access_token");
    QTest::newRow("other token type")
        << tokenAnswer("abc", ",\"token_type\":\"mac\"") << QStringLiteral("\"mac\"");
    QTest::newRow("oversized") << tokenAnswer(QByteArray(gloo::kMaxTokenResponseBytes, 'a'), {})
                               << QStringLiteral("too large");
    QTest::newRow("already expired")
        << tokenAnswer(makeJwt({{QStringLiteral("exp"), kNow.toSecsSinceEpoch() - 10}}), {})
        << QStringLiteral("already expired");
}

void TestAccessToken::unusableAnswersAreExplained()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, problemContains);

    const gloo::TokenParseResult result = gloo::parseTokenResponse(body, kNow);
    QVERIFY2(result.problem.contains(problemContains),
             qPrintable(QStringLiteral("problem was: ") + result.problem));
    QVERIFY(result.token.isNull());
}

void TestAccessToken::tokenTypeIsMatchedWithoutRegardToCase()
{
    for (const char *type : {"Bearer", "bearer", "BEARER"}) {
        const QByteArray body = tokenAnswer("abc", ",\"expires_in\":60,\"token_type\":\""
                                                       + QByteArray(type) + '"');
        const gloo::TokenParseResult result = gloo::parseTokenResponse(body, kNow);
        QVERIFY2(result.problem.isEmpty(), type);
        QCOMPARE(result.token.tokenType, QStringLiteral("Bearer"));
    }
}

void TestAccessToken::jwtClaimsAreDecoded()
{
    const QJsonObject payload{{QStringLiteral("client_id"), QStringLiteral("abc123")},
                              {QStringLiteral("scope"), QStringLiteral("api/access")},
                              {QStringLiteral("iss"), QStringLiteral("https://issuer.test")},
                              {QStringLiteral("token_use"), QStringLiteral("access")}};
    const gloo::TokenParseResult result = gloo::parseTokenResponse(
        tokenAnswer(makeJwt(payload), ",\"expires_in\":3600"), kNow);
    QVERIFY(result.problem.isEmpty());
    QVERIFY(result.token.isJwt());
    QCOMPARE(result.token.claims, payload);
}

void TestAccessToken::nonJwtTokensStillWork()
{
    const gloo::TokenParseResult result = gloo::parseTokenResponse(
        tokenAnswer("not.a-jwt", ",\"expires_in\":3600"), kNow);
    QVERIFY(result.problem.isEmpty());
    QVERIFY(!result.token.isJwt());
    QCOMPARE(result.token.value, QByteArray("not.a-jwt"));
    QCOMPARE(result.token.lifetimeSeconds(), qint64(3600));
}

void TestAccessToken::decodeRejectsWhatIsNotAJwt_data()
{
    QTest::addColumn<QByteArray>("token");

    QTest::newRow("no dots") << QByteArray("abcdef");
    QTest::newRow("two parts") << QByteArray("abc.def");
    QTest::newRow("four parts") << QByteArray("a.b.c.d");
    QTest::newRow("empty payload") << QByteArray("a..c");
    QTest::newRow("payload not base64url") << QByteArray("a.$$$.c");
    QTest::newRow("payload not json") << QByteArray("a.") + base64Url("hello") + ".c";
    QTest::newRow("payload a json array") << QByteArray("a.") + base64Url("[1]") + ".c";
}

void TestAccessToken::decodeRejectsWhatIsNotAJwt()
{
    QFETCH(QByteArray, token);
    QVERIFY(!gloo::decodeJwtPayload(token).has_value());
}

void TestAccessToken::fingerprintIsShortStableAndNotTheToken()
{
    const QByteArray token = makeJwt({{QStringLiteral("sub"), QStringLiteral("x")}});
    const QString fingerprint = gloo::tokenFingerprint(token);
    QCOMPARE(fingerprint.size(), 8);
    QCOMPARE(gloo::tokenFingerprint(token), fingerprint);
    QVERIFY(!QString::fromLatin1(token).contains(fingerprint));
    QVERIFY(gloo::tokenFingerprint(token + 'x') != fingerprint);
    QVERIFY(gloo::tokenFingerprint({}).isEmpty());
}

void TestAccessToken::wipeForgetsTheValue()
{
    gloo::TokenParseResult result = gloo::parseTokenResponse(
        tokenAnswer("abc", ",\"expires_in\":60"), kNow);
    QVERIFY(!result.token.isNull());
    result.token.wipe();
    QVERIFY(result.token.isNull());
    QVERIFY(!result.token.expiresAt.isValid());
}

QTEST_GUILESS_MAIN(TestAccessToken)
#include "tst_accesstoken.moc"
