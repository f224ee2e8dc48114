#include "core/redaction.h"

#include <QTest>

using gloo::SecretRegistry;

namespace {

QStringList g_captured;

void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_captured << message;
}

} // namespace

class TestRedaction : public QObject
{
    Q_OBJECT

private slots:
    void registeredSecretsAreScrubbed();
    void credentialPatternsAreScrubbed_data();
    void credentialPatternsAreScrubbed();
    void unregisteredValuesStayOnceNoHolderIsLeft();
    void everyLogLinePassesThroughTheRedaction();
};

void TestRedaction::registeredSecretsAreScrubbed()
{
    SecretRegistry::add(QStringLiteral("hunter2-secret"));
    QCOMPARE(SecretRegistry::redact(QStringLiteral("id=a secret=hunter2-secret end")),
             QStringLiteral("id=a secret=[redacted] end"));
    SecretRegistry::remove(QStringLiteral("hunter2-secret"));
}

void TestRedaction::credentialPatternsAreScrubbed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("bearer header") << "Authorization: Bearer abcdefgh12345678"
                                   << "Authorization: Bearer [redacted]";
    QTest::newRow("basic header") << "authorization: basic c2FuZGJveDpzZWNyZXQ="
                                  << "authorization: basic [redacted]";
    QTest::newRow("bare jwt") << "token eyJhbGciOi.eyJzdWIiOiJ4In0.c2lnbmF0dXJl here"
                              << "token [redacted] here";
    QTest::newRow("ordinary text stays") << "token issued, fingerprint 1a2b3c4d"
                                         << "token issued, fingerprint 1a2b3c4d";
    QTest::newRow("the word bearer alone stays") << "Bearer token"
                                                 << "Bearer token";
}

void TestRedaction::credentialPatternsAreScrubbed()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(SecretRegistry::redact(text), expected);
}

void TestRedaction::unregisteredValuesStayOnceNoHolderIsLeft()
{
    const QString secret = QStringLiteral("shared-secret-value");
    SecretRegistry::add(secret);
    SecretRegistry::add(secret);
    SecretRegistry::remove(secret);
    QCOMPARE(SecretRegistry::redact(secret), QStringLiteral("[redacted]"));
    SecretRegistry::remove(secret);
    QCOMPARE(SecretRegistry::redact(secret), secret);
}

void TestRedaction::everyLogLinePassesThroughTheRedaction()
{
    const QtMessageHandler previous = qInstallMessageHandler(capture);
    gloo::installRedactingMessageHandler();
    SecretRegistry::add(QStringLiteral("debug-level-secret"));

    qDebug("sending with secret %s", "debug-level-secret");
    qWarning() << "header"
               << "Bearer eyJhbGciOiJI.eyJzdWIiOiJ4In0.sig";

    qInstallMessageHandler(previous);
    SecretRegistry::remove(QStringLiteral("debug-level-secret"));
    QCOMPARE(g_captured.size(), 2);
    QCOMPARE(g_captured.at(0), QStringLiteral("sending with secret [redacted]"));
    QVERIFY2(!g_captured.at(1).contains(QStringLiteral("eyJ")), qPrintable(g_captured.at(1)));
}

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
