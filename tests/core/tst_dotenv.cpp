#include "core/dotenv.h"

#include <QTest>

class TestDotEnv : public QObject
{
    Q_OBJECT

private slots:
    void tutorialStylesAreRead_data();
    void tutorialStylesAreRead();
    void malformedLinesAreNamed_data();
    void malformedLinesAreNamed();
    void missingVariablesAreNamed_data();
    void missingVariablesAreNamed();
};

void TestDotEnv::tutorialStylesAreRead_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("secret");

    QTest::newRow("plain") << QByteArray("GLOO_CLIENT_ID=abc\nGLOO_CLIENT_SECRET=s3cr3t\n") << "abc"
                           << "s3cr3t";
    QTest::newRow("double quotes")
        << QByteArray("GLOO_CLIENT_ID=\"abc\"\nGLOO_CLIENT_SECRET=\"s3 cr#3t\"\n") << "abc"
        << "s3 cr#3t";
    QTest::newRow("single quotes")
        << QByteArray("GLOO_CLIENT_ID='abc'\nGLOO_CLIENT_SECRET='a\\b\"c'\n") << "abc"
        << "a\\b\"c";
    QTest::newRow("spaces around equals")
        << QByteArray("GLOO_CLIENT_ID = abc\nGLOO_CLIENT_SECRET  =  s3cr3t  \n") << "abc"
        << "s3cr3t";
    QTest::newRow("export prefix")
        << QByteArray("export GLOO_CLIENT_ID=abc\nexport GLOO_CLIENT_SECRET=s3cr3t") << "abc"
        << "s3cr3t";
    QTest::newRow("comments and blank lines")
        << QByteArray("# Gloo\n\nGLOO_CLIENT_ID=abc # from Studio\n  # note\n"
                      "GLOO_CLIENT_SECRET=s3cr3t\n")
        << "abc"
        << "s3cr3t";
    QTest::newRow("CRLF") << QByteArray("GLOO_CLIENT_ID=abc\r\nGLOO_CLIENT_SECRET=s3cr3t\r\n")
                          << "abc"
                          << "s3cr3t";
    QTest::newRow("UTF-8 BOM and other variables")
        << QByteArray("\xEF\xBB\xBFOTHER=1\nGLOO_CLIENT_ID=abc\nGLOO_CLIENT_SECRET=ü+/=\n") << "abc"
        << QStringLiteral("ü+/=");
    QTest::newRow("equals inside the value")
        << QByteArray("GLOO_CLIENT_ID=abc\nGLOO_CLIENT_SECRET=a=b==\n") << "abc"
        << "a=b==";
    QTest::newRow("escaped quote") << QByteArray("GLOO_CLIENT_ID=abc\n"
                                                 "GLOO_CLIENT_SECRET=\"a\\\"b\"\n")
                                   << "abc"
                                   << "a\"b";
    QTest::newRow("later value wins")
        << QByteArray("GLOO_CLIENT_ID=old\nGLOO_CLIENT_ID=abc\nGLOO_CLIENT_SECRET=x\n") << "abc"
        << "x";
}

void TestDotEnv::tutorialStylesAreRead()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, id);
    QFETCH(QString, secret);

    const gloo::DotEnvCredentials result = gloo::credentialsFromDotEnv(gloo::parseDotEnv(content));
    QVERIFY2(result.problem.isEmpty(), qPrintable(result.problem));
    QCOMPARE(result.credentials.clientId, id);
    QCOMPARE(result.credentials.clientSecret, secret);
}

void TestDotEnv::malformedLinesAreNamed_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("problemContains");

    QTest::newRow("no equals") << QByteArray("GLOO_CLIENT_ID=abc\njust words\n") << 2
                               << QStringLiteral("no '='");
    QTest::newRow("bad name") << QByteArray("\n\n1ABC=x\n") << 3
                              << QStringLiteral("not a valid variable name");
    QTest::newRow("unclosed quote") << QByteArray("GLOO_CLIENT_SECRET=\"abc\n") << 1
                                    << QStringLiteral("closing \" quote is missing");
    QTest::newRow("text after quote")
        << QByteArray("A=1\r\nB='x' y\r\n") << 2 << QStringLiteral("after the closing quote");
}

void TestDotEnv::malformedLinesAreNamed()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(QString, problemContains);

    const gloo::DotEnvResult result = gloo::parseDotEnv(content);
    QCOMPARE(result.problemLine, line);
    QVERIFY2(result.problem.startsWith(QStringLiteral("Line %1: ").arg(line)),
             qPrintable(result.problem));
    QVERIFY2(result.problem.contains(problemContains), qPrintable(result.problem));
    QVERIFY(!gloo::credentialsFromDotEnv(result).problem.isEmpty());
}

void TestDotEnv::missingVariablesAreNamed_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("problem");

    QTest::newRow("no secret") << QByteArray("GLOO_CLIENT_ID=abc\n")
                               << QStringLiteral("The file does not set GLOO_CLIENT_SECRET.");
    QTest::newRow("empty id") << QByteArray("GLOO_CLIENT_ID=\nGLOO_CLIENT_SECRET=x\n")
                              << QStringLiteral("The file does not set GLOO_CLIENT_ID.");
    QTest::newRow("neither") << QByteArray("# nothing\n")
                             << QStringLiteral("The file does not set GLOO_CLIENT_ID or "
                                               "GLOO_CLIENT_SECRET.");
}

void TestDotEnv::missingVariablesAreNamed()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, problem);
    QCOMPARE(gloo::credentialsFromDotEnv(gloo::parseDotEnv(content)).problem, problem);
}

QTEST_GUILESS_MAIN(TestDotEnv)
#include "tst_dotenv.moc"
