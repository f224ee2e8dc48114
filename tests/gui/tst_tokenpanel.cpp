#include "gui/tokenpanel.h"

#include <QNetworkAccessManager>
#include <QSet>
#include <QTest>

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

QTEST_MAIN(TestTokenPanel)
#include "tst_tokenpanel.moc"
