#include "gui/failureview.h"
#include "gui/tokenpanel.h"
#include "sandbox/sandboxserver.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>

namespace {

gloo::BackoffPolicy fastRetries()
{
    gloo::BackoffPolicy policy;
    policy.initialDelayMs = 300;
    policy.maxDelayMs = 300;
    policy.maxRetries = 2;
    policy.jitter = 0;
    return policy;
}

// A token manager on a sandbox of its own, with the demo credentials.
struct SandboxTokens
{
    gloo::sandbox::SandboxThread sandbox;
    QNetworkAccessManager network;
    gloo::TokenManager tokens{&network};

    bool start()
    {
        if (!sandbox.start())
            return false;
        tokens.setEnvironment(gloo::Environment::custom(sandbox.baseUrl()));
        tokens.setCredentials({sandbox.config().clientId, sandbox.config().clientSecret});
        return true;
    }
};

} // namespace

using gloo::gui::TokenPanel;
using State = gloo::TokenManager::State;

class TestTokenPanel : public QObject
{
    Q_OBJECT

private slots:
    void countdownIsFormattedForPeople_data();
    void countdownIsFormattedForPeople();
    void everyStateHasItsOwnBadge();
    void newPanelShowsThatThereIsNoToken();
    void copyingConfirmsAndAnExpiredTokenCannotBeCopied();
    void failedRenewalOfAnExpiredTokenShowsFailed();
    void theWaitForARetryCountsDown();
    void clearingTheTokenTakesItOffTheClipboard();
    void aTokenRequestCanBeStopped();
};

void TestTokenPanel::countdownIsFormattedForPeople_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");

    QTest::newRow("one hour") << qint64(3600) << QStringLiteral("1:00:00");
    QTest::newRow("just under an hour") << qint64(3599) << QStringLiteral("59:59");
    QTest::newRow("ninety seconds") << qint64(90) << QStringLiteral("01:30");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("00:00");
    QTest::newRow("negative is zero") << qint64(-5) << QStringLiteral("00:00");
}

void TestTokenPanel::countdownIsFormattedForPeople()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    QCOMPARE(TokenPanel::formatCountdown(seconds), expected);
}

void TestTokenPanel::everyStateHasItsOwnBadge()
{
    QSet<QString> texts;
    for (State state : {State::None, State::Requesting, State::Valid, State::Expiring,
                        State::Refreshing, State::Expired, State::Failed}) {
        const QString text = TokenPanel::badgeText(state);
        QVERIFY(!text.isEmpty());
        texts.insert(text);
    }
    QCOMPARE(texts.size(), 7);
}

void TestTokenPanel::newPanelShowsThatThereIsNoToken()
{
    QNetworkAccessManager network;
    gloo::TokenManager tokens(&network);
    TokenPanel panel(&tokens);
    QCOMPARE(panel.stateText(), QStringLiteral("No token"));
    QVERIFY(panel.countdownText().isEmpty());
}

void TestTokenPanel::copyingConfirmsAndAnExpiredTokenCannotBeCopied()
{
    SandboxTokens fixture;
    QVERIFY(fixture.start());
    gloo::TokenManager &tokens = fixture.tokens;
    TokenPanel panel(&tokens);
    panel.show();
    auto *copy = panel.findChild<QToolButton *>(QStringLiteral("copyTokenButton"));
    QVERIFY(copy);

    QSignalSpy issued(&tokens, &gloo::TokenManager::tokenIssued);
    tokens.requestToken();
    QVERIFY(issued.wait(10000));
    QVERIFY(copy->isEnabled());
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QString::fromLatin1(tokens.token().value));
    QCOMPARE(copy->text(), QStringLiteral("Copied"));
    QTRY_COMPARE_WITH_TIMEOUT(copy->text(), QStringLiteral("Copy token"), 4000);
    QApplication::clipboard()->clear();

    // Half a minute before its end, when its renewal is due, it still works.
    const QByteArray first = tokens.token().value;
    const QDateTime nearEnd = tokens.token().expiresAt.addSecs(-30);
    tokens.setClock([nearEnd] { return nearEnd; });
    QVERIFY(copy->isEnabled());
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QString::fromLatin1(first));
    QApplication::clipboard()->clear();
    // The renewal that was due comes before the clock moves on.
    QVERIFY(issued.size() > 1 || issued.wait(10000));

    // After its expiry the token is no use elsewhere, and the button says so.
    const QDateTime later = tokens.token().expiresAt.addSecs(100);
    tokens.setClock([later] { return later; });
    QCOMPARE(panel.stateText(), QStringLiteral("Expired"));
    QVERIFY(!copy->isEnabled());
    QVERIFY(copy->toolTip().contains(QStringLiteral("expired")));
    copy->click();
    QVERIFY(QApplication::clipboard()->text().isEmpty());
}

void TestTokenPanel::failedRenewalOfAnExpiredTokenShowsFailed()
{
    SandboxTokens fixture;
    QVERIFY(fixture.start());
    gloo::TokenManager &tokens = fixture.tokens;
    tokens.backoff().setPolicy(fastRetries());
    TokenPanel panel(&tokens);
    panel.show();
    auto *failureView = panel.findChild<gloo::gui::FailureView *>();
    auto *summary = panel.findChild<QLabel *>(QStringLiteral("summaryLabel"));
    QVERIFY(failureView);
    QVERIFY(summary);

    QSignalSpy issued(&tokens, &gloo::TokenManager::tokenIssued);
    tokens.requestToken();
    QVERIFY(issued.wait(10000));
    fixture.sandbox.stop();
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(3700);
    tokens.setClock([later] { return later; });

    // The renewal fails (the server is gone) after its retries: the badge
    // says Failed, not merely Expired, and the failure is explained.
    QSignalSpy failed(&tokens, &gloo::TokenManager::exchangeFailed);
    tokens.requestToken(gloo::TokenManager::Reason::Manual);
    QVERIFY(failed.wait(10000));
    QCOMPARE(panel.stateText(), QStringLiteral("Failed"));
    QVERIFY(failureView->isVisible());

    // Trying again: while the new exchange waits for its retry, the summary
    // tells about the retry and the old failure box is gone.
    QSignalSpy retries(&tokens, &gloo::TokenManager::retryScheduled);
    tokens.requestToken(gloo::TokenManager::Reason::Manual);
    QVERIFY(retries.wait(10000));
    QCOMPARE(panel.stateText(), QStringLiteral("Refreshing…"));
    QVERIFY(!failureView->isVisible());
    // The expired token being renewed cannot be copied meanwhile.
    QVERIFY(!panel.findChild<QToolButton *>(QStringLiteral("copyTokenButton"))->isEnabled());
    QVERIFY2(summary->text().contains(QStringLiteral("Trying again")), qPrintable(summary->text()));
    QVERIFY(failed.wait(10000));
    QCOMPARE(panel.stateText(), QStringLiteral("Failed"));
    QVERIFY(failureView->isVisible());
}

void TestTokenPanel::theWaitForARetryCountsDown()
{
    SandboxTokens fixture;
    QVERIFY(fixture.start());
    gloo::TokenManager &tokens = fixture.tokens;
    gloo::BackoffPolicy slow;
    slow.initialDelayMs = 2500;
    slow.maxDelayMs = 2500;
    slow.maxRetries = 1;
    slow.jitter = 0;
    tokens.backoff().setPolicy(slow);
    TokenPanel panel(&tokens);
    panel.show();
    auto *summary = panel.findChild<QLabel *>(QStringLiteral("summaryLabel"));
    fixture.sandbox.stop();

    QSignalSpy retries(&tokens, &gloo::TokenManager::retryScheduled);
    tokens.requestToken(gloo::TokenManager::Reason::Manual);
    QVERIFY(retries.wait(10000));
    // Numbered as the Auth log numbers it, and counted down in seconds.
    QVERIFY2(summary->text().contains(QStringLiteral("Trying again in 3 s (retry 1).")),
             qPrintable(summary->text()));
    QTRY_VERIFY2_WITH_TIMEOUT(summary->text().contains(QStringLiteral("Trying again in 1 s")),
                              qPrintable(summary->text()), 3000);
    QSignalSpy failed(&tokens, &gloo::TokenManager::exchangeFailed);
    QVERIFY(failed.wait(10000));
    QVERIFY(!summary->text().contains(QStringLiteral("Trying again")));
}

void TestTokenPanel::clearingTheTokenTakesItOffTheClipboard()
{
    SandboxTokens fixture;
    QVERIFY(fixture.start());
    gloo::TokenManager &tokens = fixture.tokens;
    TokenPanel panel(&tokens);
    panel.show();
    QSignalSpy issued(&tokens, &gloo::TokenManager::tokenIssued);
    tokens.requestToken();
    QVERIFY(issued.wait(10000));
    QTest::mouseClick(panel.findChild<QToolButton *>(QStringLiteral("copyTokenButton")),
                      Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QString::fromLatin1(tokens.token().value));
    tokens.clear();
    QVERIFY(QApplication::clipboard()->text().isEmpty());

    // What the user copied afterwards is theirs and stays.
    tokens.requestToken();
    QVERIFY(issued.wait(10000));
    QTest::mouseClick(panel.findChild<QToolButton *>(QStringLiteral("copyTokenButton")),
                      Qt::LeftButton);
    QApplication::clipboard()->setText(QStringLiteral("something else"));
    tokens.clear();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("something else"));
    QApplication::clipboard()->clear();
}

void TestTokenPanel::aTokenRequestCanBeStopped()
{
    // A server that accepts the connection and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QNetworkAccessManager network;
    gloo::TokenManager tokens(&network);
    tokens.setEnvironment(gloo::Environment::custom(
        QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()))));
    tokens.setCredentials({QStringLiteral("someone"), QStringLiteral("some-secret")});
    TokenPanel panel(&tokens);
    panel.show();

    QSignalSpy failed(&tokens, &gloo::TokenManager::exchangeFailed);
    tokens.requestToken(gloo::TokenManager::Reason::Manual);
    auto *stop = panel.findChild<QToolButton *>(QStringLiteral("stopTokenButton"));
    QVERIFY(stop);
    QTRY_VERIFY(stop->isVisible());
    QTest::mouseClick(stop, Qt::LeftButton);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(panel.stateText(), QStringLiteral("Failed"));
    QVERIFY(!stop->isVisible());
    auto *failureView = panel.findChild<gloo::gui::FailureView *>();
    QCOMPARE(failureView->failure().message, QStringLiteral("You stopped the token request."));
    // And it stays stopped: no retry follows.
    QTest::qWait(1500);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(panel.stateText(), QStringLiteral("Failed"));
}

QTEST_MAIN(TestTokenPanel)
#include "tst_tokenpanel.moc"
