#include "core/backoff.h"

#include <QTest>

using gloo::Backoff;
using gloo::BackoffPolicy;

namespace {

BackoffPolicy policy()
{
    BackoffPolicy policy;
    policy.initialDelayMs = 1000;
    policy.maxDelayMs = 8000;
    policy.maxRetries = 6;
    policy.jitter = 0.5;
    policy.maxRetryAfterMs = 60000;
    return policy;
}

const QDateTime kNow(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);

} // namespace

class TestBackoff : public QObject
{
    Q_OBJECT

private slots:
    void waitsGrowAndStopAtTheCap_data();
    void waitsGrowAndStopAtTheCap();
    void jitterOnlyShortensTheWait_data();
    void jitterOnlyShortensTheWait();
    void retryAfterIsHonoured();
    void retriesAreLimited_data();
    void retriesAreLimited();
    void retryAfterIsParsed_data();
    void retryAfterIsParsed();
    void defaultRandomStaysWithinBounds();
};

void TestBackoff::waitsGrowAndStopAtTheCap_data()
{
    QTest::addColumn<int>("retry");
    QTest::addColumn<int>("expected");

    QTest::newRow("first") << 1 << 1000;
    QTest::newRow("second") << 2 << 2000;
    QTest::newRow("third") << 3 << 4000;
    QTest::newRow("fourth reaches the cap") << 4 << 8000;
    QTest::newRow("fifth stays at the cap") << 5 << 8000;
    QTest::newRow("far beyond stays at the cap") << 40 << 8000;
}

void TestBackoff::waitsGrowAndStopAtTheCap()
{
    QFETCH(int, retry);
    QFETCH(int, expected);
    const Backoff backoff(policy(), [] { return 0.0; });
    QCOMPARE(backoff.delayMs(retry), expected);
}

void TestBackoff::jitterOnlyShortensTheWait_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("expected");

    QTest::newRow("no jitter") << 0.0 << 4000;
    QTest::newRow("half") << 0.5 << 3000;
    QTest::newRow("almost all") << 0.999 << 2002;
    QTest::newRow("out of range is clamped") << 7.0 << 2000;
}

void TestBackoff::jitterOnlyShortensTheWait()
{
    QFETCH(double, random);
    QFETCH(int, expected);
    const Backoff backoff(policy(), [random] { return random; });
    QCOMPARE(backoff.delayMs(3), expected);
}

void TestBackoff::retryAfterIsHonoured()
{
    const Backoff backoff(policy(), [] { return 0.0; });
    QCOMPARE(backoff.delayMs(1, 5000), 5000);
    QCOMPARE(backoff.delayMs(4, 5000), 8000);
    QCOMPARE(backoff.delayMs(1, 0), 1000);
}

void TestBackoff::retriesAreLimited_data()
{
    QTest::addColumn<int>("retry");
    QTest::addColumn<int>("retryAfterMs");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("first") << 1 << -1 << true;
    QTest::newRow("last") << 6 << -1 << true;
    QTest::newRow("one too many") << 7 << -1 << false;
    QTest::newRow("zero is not a retry") << 0 << -1 << false;
    QTest::newRow("acceptable Retry-After") << 1 << 60000 << true;
    QTest::newRow("Retry-After too long to wait for") << 1 << 60001 << false;
}

void TestBackoff::retriesAreLimited()
{
    QFETCH(int, retry);
    QFETCH(int, retryAfterMs);
    QFETCH(bool, allowed);
    QCOMPARE(Backoff(policy()).allows(retry, retryAfterMs), allowed);
}

void TestBackoff::retryAfterIsParsed_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("expectedMs");

    QTest::newRow("seconds") << QByteArray("7") << 7000;
    QTest::newRow("spaces") << QByteArray(" 2 ") << 2000;
    QTest::newRow("zero") << QByteArray("0") << 0;
    QTest::newRow("absent") << QByteArray() << -1;
    QTest::newRow("negative") << QByteArray("-3") << -1;
    QTest::newRow("garbage") << QByteArray("soon") << -1;
    QTest::newRow("http date") << QByteArray("Fri, 02 Jan 2026 03:04:35 GMT") << 30000;
    QTest::newRow("http date in the past") << QByteArray("Fri, 02 Jan 2026 03:00:00 GMT") << 0;
    QTest::newRow("huge is capped at a day") << QByteArray("999999999") << 24 * 3600 * 1000;
}

void TestBackoff::retryAfterIsParsed()
{
    QFETCH(QByteArray, value);
    QFETCH(int, expectedMs);
    QCOMPARE(gloo::parseRetryAfter(value, kNow), expectedMs);
}

void TestBackoff::defaultRandomStaysWithinBounds()
{
    const Backoff backoff(policy());
    for (int i = 0; i < 200; ++i) {
        const int delay = backoff.delayMs(2);
        QVERIFY(delay >= 1000 && delay <= 2000);
    }
}

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
