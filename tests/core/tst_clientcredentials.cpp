#include "core/clientcredentials.h"

#include <QTest>

using gloo::ClientCredentials;

class TestClientCredentials : public QObject
{
    Q_OBJECT

private slots:
    void formUrlEncodeFollowsTheFormEncoding_data();
    void formUrlEncodeFollowsTheFormEncoding();
    void basicAuthorizationEncodesEachPartBeforeJoining_data();
    void basicAuthorizationEncodesEachPartBeforeJoining();
    void completenessNeedsBothValues_data();
    void completenessNeedsBothValues();
    void wipeEmptiesBothValues();
};

void TestClientCredentials::formUrlEncodeFollowsTheFormEncoding_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("alphanumeric stays") << QStringLiteral("abcXYZ019") << QByteArray("abcXYZ019");
    QTest::newRow("unreserved stays") << QStringLiteral("a-b.c_d~e") << QByteArray("a-b.c_d~e");
    QTest::newRow("space becomes plus") << QStringLiteral("a b") << QByteArray("a+b");
    QTest::newRow("plus is escaped") << QStringLiteral("a+b") << QByteArray("a%2Bb");
    QTest::newRow("colon is escaped") << QStringLiteral("a:b") << QByteArray("a%3Ab");
    QTest::newRow("slash is escaped") << QStringLiteral("a/b") << QByteArray("a%2Fb");
    QTest::newRow("equals and ampersand") << QStringLiteral("=&") << QByteArray("%3D%26");
    QTest::newRow("percent is escaped") << QStringLiteral("100%") << QByteArray("100%25");
    QTest::newRow("non-ASCII as UTF-8") << QStringLiteral("ü") << QByteArray("%C3%BC");
    QTest::newRow("empty") << QString() << QByteArray();
}

void TestClientCredentials::formUrlEncodeFollowsTheFormEncoding()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(gloo::formUrlEncode(value), expected);
}

void TestClientCredentials::basicAuthorizationEncodesEachPartBeforeJoining_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("clientSecret");
    QTest::addColumn<QByteArray>("joined");

    QTest::newRow("alphanumeric") << QStringLiteral("client") << QStringLiteral("secret")
                                  << QByteArray("client:secret");
    QTest::newRow("colon in the secret is escaped, not a separator")
        << QStringLiteral("id") << QStringLiteral("se:cret") << QByteArray("id:se%3Acret");
    QTest::newRow("every special character")
        << QStringLiteral("id 1") << QStringLiteral("a+b/c:d=e%f&g h ü")
        << QByteArray("id+1:a%2Bb%2Fc%3Ad%3De%25f%26g+h+%C3%BC");
}

void TestClientCredentials::basicAuthorizationEncodesEachPartBeforeJoining()
{
    QFETCH(QString, clientId);
    QFETCH(QString, clientSecret);
    QFETCH(QByteArray, joined);

    const QByteArray header = gloo::basicAuthorization({clientId, clientSecret});
    QVERIFY(header.startsWith("Basic "));
    QCOMPARE(QByteArray::fromBase64(header.mid(6)), joined);
}

void TestClientCredentials::completenessNeedsBothValues_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("clientSecret");
    QTest::addColumn<bool>("complete");

    QTest::newRow("both") << QStringLiteral("id") << QStringLiteral("secret") << true;
    QTest::newRow("no id") << QString() << QStringLiteral("secret") << false;
    QTest::newRow("blank id") << QStringLiteral("  ") << QStringLiteral("secret") << false;
    QTest::newRow("no secret") << QStringLiteral("id") << QString() << false;
}

void TestClientCredentials::completenessNeedsBothValues()
{
    QFETCH(QString, clientId);
    QFETCH(QString, clientSecret);
    QFETCH(bool, complete);
    QCOMPARE(ClientCredentials({clientId, clientSecret}).isComplete(), complete);
}

void TestClientCredentials::wipeEmptiesBothValues()
{
    ClientCredentials credentials{QStringLiteral("id"), QStringLiteral("secret")};
    credentials.wipe();
    QVERIFY(credentials.clientId.isEmpty());
    QVERIFY(credentials.clientSecret.isEmpty());
}

QTEST_GUILESS_MAIN(TestClientCredentials)
#include "tst_clientcredentials.moc"
