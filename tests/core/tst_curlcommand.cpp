#include "core/curlcommand.h"

#include <QProcess>
#include <QTest>

using gloo::CurlCommand;

namespace {

// What bash makes of a command line: each word on a line of its own.
QStringList wordsAsBashSeesThem(const QString &command, const QByteArray &token = {},
                                const QString &secret = {})
{
    QProcess bash;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(CurlCommand::placeholderVariable(), QString::fromLatin1(token));
    environment.insert(CurlCommand::secretVariable(), secret);
    bash.setProcessEnvironment(environment);
    // "curl" is replaced by a function that prints its arguments, so nothing
    // is sent anywhere.
    bash.start(QStringLiteral("bash"),
               {QStringLiteral("-c"),
                QStringLiteral("curl() { printf '%s\\0' \"$@\"; }\n") + command});
    if (!bash.waitForFinished(10000) || bash.exitCode() != 0)
        return {QStringLiteral("bash failed: ") + QString::fromUtf8(bash.readAllStandardError())};
    QStringList words = QString::fromUtf8(bash.readAllStandardOutput()).split(QChar(0));
    words.removeLast();
    return words;
}

CurlCommand postCommand()
{
    CurlCommand command;
    command.method = "POST";
    command.url = QUrl(QStringLiteral("http://127.0.0.1:8787/ai/v2/chat/completions"));
    command.headers = {{"Accept", "application/json"}, {"Content-Type", "application/json"}};
    command.body = "{\"messages\":[{\"role\":\"user\",\"content\":"
                   "\"It's \\\"quoted\\\" $HOME `x`\"}]}";
    return command;
}

} // namespace

class TestCurlCommand : public QObject
{
    Q_OBJECT

private slots:
    void shellQuotingSurvivesAnyText_data();
    void shellQuotingSurvivesAnyText();
    void placeholderIsExpandedByTheShell();
    void realTokenOnlyWhenAskedFor();
    void secretsTypedIntoTheRequestBecomeVariables();
    void noTokenMeansNoAuthorizationHeader();
    void methodIsOnlyNamedWhenCurlWouldGuessWrong_data();
    void methodIsOnlyNamedWhenCurlWouldGuessWrong();
};

void TestCurlCommand::shellQuotingSurvivesAnyText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QStringLiteral("hello");
    QTest::newRow("single quotes") << QStringLiteral("it's 'quoted'");
    QTest::newRow("shell syntax") << QStringLiteral("$HOME `id` $(id) \"x\" \\ ; | & * ?");
    QTest::newRow("new lines") << QStringLiteral("a\nb\n\n'c'\n");
    QTest::newRow("unicode") << QStringLiteral("grüße ✓");
    QTest::newRow("empty") << QString();
}

void TestCurlCommand::shellQuotingSurvivesAnyText()
{
    QFETCH(QString, text);
    const QStringList words = wordsAsBashSeesThem(QStringLiteral("curl ")
                                                  + CurlCommand::shellQuoted(text));
    QCOMPARE(words, QStringList{text});
}

void TestCurlCommand::placeholderIsExpandedByTheShell()
{
    const CurlCommand command = postCommand();
    const QString shell = command.toShell();
    QVERIFY(shell.contains(QStringLiteral("\"Authorization: Bearer $GLOO_ACCESS_TOKEN\"")));
    QVERIFY(shell.contains(QStringLiteral(" \\\n  ")));

    const QStringList words = wordsAsBashSeesThem(shell, "tok-123");
    QCOMPARE(words, QStringList({"-sS", "http://127.0.0.1:8787/ai/v2/chat/completions", "-H",
                                 "Accept: application/json", "-H", "Content-Type: application/json",
                                 "-H", "Authorization: Bearer tok-123", "--data-raw",
                                 QString::fromUtf8(command.body)}));
}

void TestCurlCommand::secretsTypedIntoTheRequestBecomeVariables()
{
    const QString secret = QStringLiteral("It's-a-$ecret");
    CurlCommand command = postCommand();
    command.url = QUrl(QStringLiteral("http://127.0.0.1:8787/oauth2/token?k=") + secret);
    command.headers.append({"X-Secret", secret.toUtf8()});
    command.body = "client_secret=" + secret.toUtf8() + "&again=" + secret.toUtf8();
    command.variables.append({secret, CurlCommand::secretVariable()});
    const QString shell = command.toShell();
    QVERIFY2(!shell.contains(QStringLiteral("-a-$ecret")), qPrintable(shell));
    QVERIFY(!shell.contains(QString::fromLatin1(QUrl::toPercentEncoding(secret))));
    QStringList used = command.variablesUsed();
    used.sort();
    QCOMPARE(used,
             QStringList({CurlCommand::placeholderVariable(), CurlCommand::secretVariable()}));

    // A token-shaped value is read from the token's variable even when no
    // variable names it (the application may no longer hold that token).
    CurlCommand pasted = postCommand();
    const QString jwt = QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln");
    pasted.headers.append({"X-Pasted", "Bearer " + jwt.toUtf8()});
    QVERIFY(!pasted.toShell().contains(jwt));
    QVERIFY(pasted.toShell().contains(QStringLiteral("'X-Pasted: Bearer '\"$GLOO_ACCESS_TOKEN\"")));

    // The shell puts each back, as typed.
    const QStringList words = wordsAsBashSeesThem(shell, "tok-123", secret);
    QVERIFY2(words.contains(QStringLiteral("X-Secret: ") + secret), qPrintable(words.join('|')));
    QVERIFY(words.contains(QStringLiteral("client_secret=%1&again=%1").arg(secret)));
    QVERIFY(words.contains(QStringLiteral("http://127.0.0.1:8787/oauth2/token?k=") + secret));
}

void TestCurlCommand::realTokenOnlyWhenAskedFor()
{
    CurlCommand command = postCommand();
    // An Authorization header among the others never slips through.
    command.headers.append(
        qMakePair(QByteArray("authorization"), QByteArray("Bearer stale-value")));
    QVERIFY(!command.toShell().contains(QStringLiteral("stale-value")));

    command.token = CurlCommand::Token::Value;
    command.authorizationValue = "Bearer real-token-value";
    const QString shell = command.toShell();
    QVERIFY(!shell.contains(QStringLiteral("GLOO_ACCESS_TOKEN")));
    QVERIFY(!shell.contains(QStringLiteral("stale-value")));
    const QStringList words = wordsAsBashSeesThem(shell, "not-this-one");
    QVERIFY(words.contains(QStringLiteral("Authorization: Bearer real-token-value")));
    QVERIFY(!words.join(QLatin1Char(' ')).contains(QStringLiteral("not-this-one")));
}

void TestCurlCommand::noTokenMeansNoAuthorizationHeader()
{
    CurlCommand command;
    command.url = QUrl(QStringLiteral("http://127.0.0.1:8787/platform/v2/models"));
    command.token = CurlCommand::Token::None;
    QCOMPARE(command.toShell(),
             QStringLiteral("curl -sS \\\n  'http://127.0.0.1:8787/platform/v2/models'"));
}

void TestCurlCommand::methodIsOnlyNamedWhenCurlWouldGuessWrong_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("option");

    QTest::newRow("GET without body") << QByteArray("GET") << QByteArray() << QString();
    QTest::newRow("POST with body") << QByteArray("post") << QByteArray("{}") << QString();
    QTest::newRow("POST without body")
        << QByteArray("POST") << QByteArray() << QStringLiteral("-X POST");
    QTest::newRow("PUT") << QByteArray("PUT") << QByteArray("{}") << QStringLiteral("-X PUT");
    QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray() << QStringLiteral("-X DELETE");
}

void TestCurlCommand::methodIsOnlyNamedWhenCurlWouldGuessWrong()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(QString, option);
    CurlCommand command;
    command.method = method;
    command.body = body;
    command.url = QUrl(QStringLiteral("http://127.0.0.1:1/x"));
    const QString shell = command.toShell();
    if (option.isEmpty())
        QVERIFY2(!shell.contains(QStringLiteral("-X")), qPrintable(shell));
    else
        QVERIFY2(shell.contains(option + QStringLiteral(" \\\n")), qPrintable(shell));
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
