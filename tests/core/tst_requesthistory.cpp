#include "core/redaction.h"
#include "core/requesthistory.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using gloo::RequestHistory;
using gloo::StoredRequest;

namespace {

StoredRequest sample(const QString &body = QStringLiteral(R"({"query":"grace"})"))
{
    StoredRequest request;
    request.sentAt = QDateTime(QDate(2025, 3, 4), QTime(5, 6, 7, 890), Qt::UTC);
    request.method = "POST";
    request.target = QStringLiteral("/ai/data/v1/search");
    request.url = QStringLiteral("http://127.0.0.1:8787/ai/data/v1/search");
    request.headers = {{"X-Trace", "abc"}};
    request.body = body;
    request.timeoutMs = 30000;
    request.status = 200;
    request.durationMs = 42;
    return request;
}

QByteArray allFiles(const QString &folder)
{
    QByteArray content;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            content += file.readAll();
    }
    return content;
}

} // namespace

class TestRequestHistory : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void historySurvivesARestart();
    void savedRequestsSurviveARestartAndReplaceByName();
    void credentialsNeverReachTheFiles_data();
    void credentialsNeverReachTheFiles();
    void redactedValuesAreCutOutEverywhere();
    void theClientSecretAndUrlPasswordsNeverReachTheFiles();
    void oversizedBodiesAreNotKept();
    void historyKeepsTheNewestEntries();
    void deleteAndClearArePersistent();
    void damagedFileGivesAnEmptyHistory();
    void longHistoryIsReadEntryByEntry();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRequestHistory::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestRequestHistory::historySurvivesARestart()
{
    {
        RequestHistory history(m_dir->path());
        QSignalSpy changed(&history, &RequestHistory::historyChanged);
        history.record(sample());
        StoredRequest second = sample(QString());
        second.method = "GET";
        second.target = QStringLiteral("/platform/v2/models");
        second.sendsToken = false;
        second.status = 0;
        history.record(second);
        QCOMPARE(changed.size(), 2);
        QVERIFY(history.errorString().isEmpty());
    }
    RequestHistory reopened(m_dir->path());
    const QList<StoredRequest> entries = reopened.history();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).method, QByteArray("GET"));
    QCOMPARE(entries.at(0).sendsToken, false);
    QCOMPARE(entries.at(0).status, 0);
    const StoredRequest &first = entries.at(1);
    QCOMPARE(first.method, QByteArray("POST"));
    QCOMPARE(first.target, QStringLiteral("/ai/data/v1/search"));
    QCOMPARE(first.url, QStringLiteral("http://127.0.0.1:8787/ai/data/v1/search"));
    QCOMPARE(first.body, QStringLiteral(R"({"query":"grace"})"));
    QCOMPARE(first.headers, gloo::HeaderList({{"X-Trace", "abc"}}));
    QCOMPARE(first.status, 200);
    QCOMPARE(first.durationMs, qint64(42));
    QCOMPARE(first.timeoutMs, 30000);
    QCOMPARE(first.sentAt, sample().sentAt);
    QVERIFY(!first.id.isEmpty());
    QVERIFY(first.id != entries.at(0).id);
    QVERIFY(reopened.saved().isEmpty());
}

void TestRequestHistory::savedRequestsSurviveARestartAndReplaceByName()
{
    {
        RequestHistory history(m_dir->path());
        history.save(QStringLiteral("Search grace"), sample());
        history.save(QStringLiteral("Other"), sample(QStringLiteral("{}")));
        history.save(QStringLiteral(" Search grace "), sample(QStringLiteral(R"({"q":2})")));
        QCOMPARE(history.saved().size(), 2);
        QVERIFY(history.history().isEmpty());
    }
    RequestHistory reopened(m_dir->path());
    QCOMPARE(reopened.saved().size(), 2);
    QCOMPARE(reopened.saved().at(0).name, QStringLiteral("Search grace"));
    QCOMPARE(reopened.saved().at(0).body, QStringLiteral(R"({"q":2})"));
    QCOMPARE(reopened.saved().at(1).name, QStringLiteral("Other"));

    reopened.removeSaved(reopened.saved().at(0).id);
    QCOMPARE(RequestHistory(m_dir->path()).saved().size(), 1);
}

void TestRequestHistory::credentialsNeverReachTheFiles_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");

    QTest::newRow("Authorization") << QByteArray("Authorization") << QByteArray("Bearer s3cr3t-a");
    QTest::newRow("lower case") << QByteArray("authorization") << QByteArray("Basic s3cr3t-b");
    QTest::newRow("proxy") << QByteArray("Proxy-Authorization") << QByteArray("s3cr3t-c");
    QTest::newRow("cookie") << QByteArray("Cookie") << QByteArray("session=s3cr3t-d");
    QTest::newRow("api key") << QByteArray("X-Api-Key") << QByteArray("s3cr3t-e");
    QTest::newRow("bearer under another name")
        << QByteArray("X-Forward-Auth") << QByteArray("bearer s3cr3t-f");
}

void TestRequestHistory::credentialsNeverReachTheFiles()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    StoredRequest request = sample();
    request.headers.append({name, value});
    {
        RequestHistory history(m_dir->path());
        history.record(request);
        history.save(QStringLiteral("saved"), request);
        QCOMPARE(history.history().first().headers, gloo::HeaderList({{"X-Trace", "abc"}}));
    }
    const QByteArray files = allFiles(m_dir->path());
    QVERIFY(files.contains("X-Trace"));
    QVERIFY(!files.contains("s3cr3t"));
    QVERIFY(!files.contains(name));
}

void TestRequestHistory::redactedValuesAreCutOutEverywhere()
{
    const QByteArray token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl";
    const QByteArray other = "plain-token-1234567890";
    StoredRequest request = sample(
        QStringLiteral(R"({"note":"%1 and %2"})")
            .arg(QString::fromLatin1(token), QString::fromLatin1(other)));
    request.target = QStringLiteral("/ai/v1/chat?chat_id=7&access_token=")
                     + QString::fromLatin1(other);
    request.url = QStringLiteral("http://127.0.0.1:1/x?client_secret=hunter2-secret");
    request.headers.append({"X-Note", other});
    {
        RequestHistory history(m_dir->path());
        // The token is also found without being named, by its JWT shape.
        history.setRedactions({other});
        history.record(request);
        const StoredRequest kept = history.history().first();
        QCOMPARE(kept.body, QStringLiteral(R"({"note":"<redacted> and <redacted>"})"));
        QVERIFY(kept.target.startsWith(QStringLiteral("/ai/v1/chat?chat_id=7&access_token=")));
        QVERIFY(kept.headers.contains({"X-Note", "<redacted>"}));
    }
    const QByteArray files = allFiles(m_dir->path());
    QVERIFY(!files.contains(token));
    QVERIFY(!files.contains(other));
    QVERIFY(!files.contains("hunter2"));
    QVERIFY(files.contains("chat_id=7"));
}

void TestRequestHistory::theClientSecretAndUrlPasswordsNeverReachTheFiles()
{
    // The Client Secret the application holds, with characters that are
    // percent-encoded in a URL and a form body.
    const QString secret = QStringLiteral("My secret+/=&ü value");
    gloo::SecretRegistry::add(secret);
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
    QString form = encoded;
    form.replace(QLatin1String("%20"), QLatin1String("+"));

    StoredRequest typedByHand = sample(QStringLiteral("grant_type=client_credentials&client_id=me"
                                                      "&client_secret=other-secret-value&x=")
                                       + form);
    typedByHand.target = QStringLiteral("/oauth2/token?note=") + encoded;
    typedByHand.url = QStringLiteral("http://me:pa55word-here@127.0.0.1:1/oauth2/token?note=")
                      + encoded;
    typedByHand.headers.append({"X-Client-Secret", secret.toUtf8()});
    typedByHand.name = QStringLiteral("by hand");
    StoredRequest json = sample(QStringLiteral(
        R"({"client_id": "me", "client_secret": "json-secret-value", "Password": "pw\"quoted\""})"));
    {
        RequestHistory history(m_dir->path());
        history.record(typedByHand);
        history.record(json);
        history.save(QStringLiteral("by hand"), typedByHand);
        const StoredRequest kept = history.history().at(1);
        QCOMPARE(kept.url, QStringLiteral("http://me@127.0.0.1:1/oauth2/token?note=<redacted>"));
        QVERIFY2(kept.body.startsWith(QStringLiteral(
                     "grant_type=client_credentials&client_id=me&client_secret=<redacted>")),
                 qPrintable(kept.body));
        QCOMPARE(history.history().at(0).body,
                 QStringLiteral(R"({"client_id": "me", "client_secret": "<redacted>", )"
                                R"("Password": "<redacted>"})"));
    }
    gloo::SecretRegistry::remove(secret);
    const QByteArray files = allFiles(m_dir->path());
    for (const QByteArray &leak : {secret.toUtf8(), encoded.toLatin1(), form.toLatin1(),
                                   QByteArray("pa55word-here"), QByteArray("other-secret-value"),
                                   QByteArray("json-secret-value"), QByteArray("quoted")}) {
        QVERIFY2(!files.contains(leak), leak.constData());
    }
    QVERIFY(files.contains("client_id=me"));
}

void TestRequestHistory::oversizedBodiesAreNotKept()
{
    RequestHistory history(m_dir->path());
    history.record(sample(QString(RequestHistory::maxBodyBytes() + 1, QLatin1Char('x'))));
    QVERIFY(history.history().first().bodyOmitted);
    QVERIFY(history.history().first().body.isEmpty());
    QVERIFY(RequestHistory(m_dir->path()).history().first().bodyOmitted);
    QVERIFY(allFiles(m_dir->path()).size() < 10000);
}

void TestRequestHistory::historyKeepsTheNewestEntries()
{
    RequestHistory history(m_dir->path());
    for (int i = 0; i < RequestHistory::maxEntries() + 5; ++i) {
        StoredRequest request = sample();
        request.durationMs = i;
        history.record(request);
    }
    QCOMPARE(history.history().size(), RequestHistory::maxEntries());
    QCOMPARE(history.history().first().durationMs, qint64(RequestHistory::maxEntries() + 4));
    QCOMPARE(history.history().last().durationMs, qint64(5));
}

void TestRequestHistory::deleteAndClearArePersistent()
{
    RequestHistory history(m_dir->path());
    for (int i = 0; i < 3; ++i) {
        StoredRequest request = sample();
        request.status = 200 + i;
        history.record(request);
    }
    history.removeFromHistory(history.history().at(1).id);
    QList<StoredRequest> left = RequestHistory(m_dir->path()).history();
    QCOMPARE(left.size(), 2);
    QCOMPARE(left.at(0).status, 202);
    QCOMPARE(left.at(1).status, 200);

    history.save(QStringLiteral("kept"), sample());
    history.clearHistory();
    RequestHistory reopened(m_dir->path());
    QVERIFY(reopened.history().isEmpty());
    QCOMPARE(reopened.saved().size(), 1);
}

void TestRequestHistory::damagedFileGivesAnEmptyHistory()
{
    QFile file(QDir(m_dir->path()).filePath(QStringLiteral("console-history.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"version":1,"requests":[{"id":"a","method":"GET","target":"/x"},)"
               R"({"method":"POST"},"nonsense"]})");
    file.close();
    RequestHistory history(m_dir->path());
    QCOMPARE(history.history().size(), 1);
    QCOMPARE(history.history().first().target, QStringLiteral("/x"));

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{not json");
    file.close();
    QVERIFY(RequestHistory(m_dir->path()).history().isEmpty());
}

void TestRequestHistory::longHistoryIsReadEntryByEntry()
{
    // A file written elsewhere, longer than the console keeps, with damaged
    // entries and a token pasted into one body.
    const QByteArray token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl";
    QJsonArray requests;
    for (int i = 0; i < 500; ++i) {
        StoredRequest request = sample(
            i == 7 ? QStringLiteral("{\"t\":\"%1\"}").arg(QString::fromLatin1(token))
                   : QStringLiteral("{\"n\":%1}").arg(i));
        request.id = QStringLiteral("entry-%1").arg(i);
        request.durationMs = i;
        request.headers = {{"Authorization", "Bearer " + token}, {"X-Row", QByteArray::number(i)}};
        QJsonObject object = request.toJson();
        if (i % 100 == 50)
            object.remove(QStringLiteral("method"));
        requests.append(object);
    }
    requests.append(QStringLiteral("not an object"));
    QFile file(QDir(m_dir->path()).filePath(QStringLiteral("console-history.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                         {QStringLiteral("requests"), requests}})
                   .toJson());
    file.close();

    RequestHistory history(m_dir->path());
    QCOMPARE(history.historyCount(), 495);
    // Rows are asked for out of order, as a scrolled view does.
    const StoredRequest last = history.historyEntry(494);
    QCOMPARE(last.id, QStringLiteral("entry-499"));
    QCOMPARE(last.durationMs, qint64(499));
    const StoredRequest pasted = history.historyEntry(7);
    QCOMPARE(pasted.id, QStringLiteral("entry-7"));
    QVERIFY(!pasted.body.contains(QString::fromLatin1(token)));
    QVERIFY(pasted.body.contains(QStringLiteral("<redacted>")));
    QCOMPARE(pasted.headers, gloo::HeaderList({{"X-Row", "7"}}));
    // Entries after a damaged one move up a row.
    QCOMPARE(history.historyEntry(50).id, QStringLiteral("entry-51"));

    // The whole list agrees with the entries one by one.
    const QList<StoredRequest> all = history.history();
    QCOMPARE(all.size(), 495);
    for (int row : {0, 7, 49, 50, 494})
        QCOMPARE(all.at(row).id, history.historyEntry(row).id);

    // A change keeps the newest entries, cleaned, and writes them.
    history.record(sample());
    QCOMPARE(history.historyCount(), RequestHistory::maxEntries());
    QCOMPARE(history.historyEntry(1).id, QStringLiteral("entry-0"));
    QVERIFY(!allFiles(m_dir->path()).contains(token));
    QCOMPARE(RequestHistory(m_dir->path()).historyCount(), RequestHistory::maxEntries());
}

QTEST_GUILESS_MAIN(TestRequestHistory)
#include "tst_requesthistory.moc"
