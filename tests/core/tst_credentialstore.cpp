#include "core/credentialstore.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using gloo::ClientCredentials;
using gloo::CredentialStore;

// Runs against the real Secret Service of the private D-Bus session that the
// test command starts (gnome-keyring-daemon, unlocked). Each run uses its own
// service name so runs never see each other's entries.
class TestCredentialStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void storeLoadAndForget_data();
    void storeLoadAndForget();
    void profilesAreSeparate();
    void loadingWhatWasNeverSavedSaysNotFound();
    void forgettingWhatWasNeverSavedSucceeds();
    void storeDestroyedDuringAnOperationIsSafe();
    void entryFormatRoundTrips();
    void malformedEntryIsRejected_data();
    void malformedEntryIsRejected();

private:
    QString m_service;
};

void TestCredentialStore::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("No D-Bus session: run the tests with scripts/test.sh, which starts one with an "
              "unlocked Secret Service.");
    m_service = QStringLiteral("Gloo Console test ") + QUuid::createUuid().toString();
}

void TestCredentialStore::storeLoadAndForget_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("clientSecret");

    QTest::newRow("alphanumeric") << QStringLiteral("6a1b2c3d4e") << QStringLiteral("s3cr3tV4lue");
    QTest::newRow("special characters")
        << QStringLiteral("id with space") << QStringLiteral("a+b/c:d=e%f&g h ü \"q\"");
}

void TestCredentialStore::storeLoadAndForget()
{
    QFETCH(QString, clientId);
    QFETCH(QString, clientSecret);
    const QString profile = QStringLiteral("roundtrip-")
                            + QString::fromLatin1(QTest::currentDataTag());

    CredentialStore store(m_service);
    QSignalSpy saved(&store, &CredentialStore::saved);
    QSignalSpy loaded(&store, &CredentialStore::loaded);
    QSignalSpy notFound(&store, &CredentialStore::notFound);
    QSignalSpy forgotten(&store, &CredentialStore::forgotten);
    QSignalSpy failed(&store, &CredentialStore::failed);

    store.save(profile, {clientId, clientSecret});
    QVERIFY(saved.wait(10000));
    QCOMPARE(failed.size(), 0);

    // A second store, as after a restart, finds the same values.
    CredentialStore reopened(m_service);
    QSignalSpy reloaded(&reopened, &CredentialStore::loaded);
    reopened.load(profile);
    QVERIFY(reloaded.wait(10000));
    QCOMPARE(reloaded.first().at(0).toString(), profile);
    const auto credentials = reloaded.first().at(1).value<ClientCredentials>();
    QCOMPARE(credentials.clientId, clientId);
    QCOMPARE(credentials.clientSecret, clientSecret);

    store.forget(profile);
    QVERIFY(forgotten.wait(10000));
    store.load(profile);
    QVERIFY(notFound.wait(10000));
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(failed.size(), 0);
}

void TestCredentialStore::profilesAreSeparate()
{
    CredentialStore store(m_service);
    QSignalSpy saved(&store, &CredentialStore::saved);
    QSignalSpy loaded(&store, &CredentialStore::loaded);
    QSignalSpy forgotten(&store, &CredentialStore::forgotten);

    store.save(QStringLiteral("first"), {QStringLiteral("id-1"), QStringLiteral("secret-1")});
    QVERIFY(saved.wait(10000));
    store.save(QStringLiteral("second"), {QStringLiteral("id-2"), QStringLiteral("secret-2")});
    QVERIFY(saved.wait(10000));

    store.load(QStringLiteral("first"));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.last().at(1).value<ClientCredentials>().clientSecret,
             QStringLiteral("secret-1"));
    store.load(QStringLiteral("second"));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.last().at(1).value<ClientCredentials>().clientSecret,
             QStringLiteral("secret-2"));

    store.forget(QStringLiteral("first"));
    QVERIFY(forgotten.wait(10000));
    store.forget(QStringLiteral("second"));
    QVERIFY(forgotten.wait(10000));
}

void TestCredentialStore::loadingWhatWasNeverSavedSaysNotFound()
{
    CredentialStore store(m_service);
    QSignalSpy notFound(&store, &CredentialStore::notFound);
    QSignalSpy failed(&store, &CredentialStore::failed);
    store.load(QStringLiteral("never-saved"));
    QVERIFY(notFound.wait(10000));
    QCOMPARE(notFound.first().first().toString(), QStringLiteral("never-saved"));
    QCOMPARE(failed.size(), 0);
}

void TestCredentialStore::forgettingWhatWasNeverSavedSucceeds()
{
    CredentialStore store(m_service);
    QSignalSpy forgotten(&store, &CredentialStore::forgotten);
    QSignalSpy failed(&store, &CredentialStore::failed);
    store.forget(QStringLiteral("never-saved"));
    QVERIFY(forgotten.wait(10000));
    QCOMPARE(failed.size(), 0);
}

void TestCredentialStore::storeDestroyedDuringAnOperationIsSafe()
{
    // Closing a window while the keychain still answers must not crash.
    {
        CredentialStore store(m_service);
        store.save(QStringLiteral("short-lived"), {QStringLiteral("id"), QStringLiteral("s")});
        store.load(QStringLiteral("short-lived"));
    }
    QTest::qWait(500);

    CredentialStore store(m_service);
    QSignalSpy forgotten(&store, &CredentialStore::forgotten);
    store.forget(QStringLiteral("short-lived"));
    QVERIFY(forgotten.wait(10000));
}

void TestCredentialStore::entryFormatRoundTrips()
{
    const ClientCredentials original{QStringLiteral("id"), QStringLiteral("sé:cret\"\n")};
    ClientCredentials decoded;
    QVERIFY(gloo::deserializeCredentials(gloo::serializeCredentials(original), &decoded));
    QCOMPARE(decoded, original);
}

void TestCredentialStore::malformedEntryIsRejected_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("plain text") << QByteArray("just-a-secret");
    QTest::newRow("missing secret") << QByteArray(R"({"client_id":"x"})");
    QTest::newRow("wrong types") << QByteArray(R"({"client_id":1,"client_secret":2})");
}

void TestCredentialStore::malformedEntryIsRejected()
{
    QFETCH(QByteArray, data);
    ClientCredentials decoded;
    QVERIFY(!gloo::deserializeCredentials(data, &decoded));
}

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
