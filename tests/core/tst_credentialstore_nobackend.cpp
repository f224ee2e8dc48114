#include "core/credentialstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using gloo::CredentialStore;
using Kind = gloo::Failure::Kind;

// Runs with DBUS_SESSION_BUS_ADDRESS pointing nowhere: no keychain can be
// reached. Every operation must fail cleanly, after one retry, and never
// fall back to storing the secret in a file.
class TestCredentialStoreNoBackend : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void operationsFailWithAPlainMessage_data();
    void operationsFailWithAPlainMessage();
    void withoutASessionBusNoneIsStarted();
};

void TestCredentialStoreNoBackend::initTestCase()
{
    QVERIFY2(
        qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(QLatin1String("nonexistent")),
        "this test must run without a reachable D-Bus session");
}

void TestCredentialStoreNoBackend::operationsFailWithAPlainMessage_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("save") << QStringLiteral("save");
    QTest::newRow("load") << QStringLiteral("load");
    QTest::newRow("forget") << QStringLiteral("forget");
}

void TestCredentialStoreNoBackend::operationsFailWithAPlainMessage()
{
    QFETCH(QString, operation);

    CredentialStore store(QStringLiteral("Gloo Console no-backend test"));
    store.setRetryDelay(50);
    QSignalSpy failed(&store, &CredentialStore::failed);
    QSignalSpy saved(&store, &CredentialStore::saved);
    QSignalSpy loaded(&store, &CredentialStore::loaded);
    QSignalSpy forgotten(&store, &CredentialStore::forgotten);
    QSignalSpy retrying(&store, &CredentialStore::retrying);

    if (operation == QLatin1String("save"))
        store.save(QStringLiteral("p"), {QStringLiteral("id"), QStringLiteral("secret-value")});
    else if (operation == QLatin1String("load"))
        store.load(QStringLiteral("p"));
    else
        store.forget(QStringLiteral("p"));

    QVERIFY(failed.wait(20000));
    // An unreachable keychain gets exactly one second chance.
    QCOMPARE(retrying.size(), 1);
    QCOMPARE(failed.size(), 1);
    const auto failure = failed.first().at(1).value<gloo::Failure>();
    QCOMPARE(failure.kind, Kind::KeychainUnavailable);
    QVERIFY(!failure.message.isEmpty());
    QVERIFY(failure.nextStep.contains(QStringLiteral("session only")));
    QCOMPARE(saved.size() + loaded.size() + forgotten.size(), 0);
    QVERIFY(!failure.detail.contains(QStringLiteral("secret-value")));
}

void TestCredentialStoreNoBackend::withoutASessionBusNoneIsStarted()
{
    // No address and no bus socket in the runtime folder: the store answers
    // at once instead of letting D-Bus start a bus of its own.
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    const QByteArray address = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    const QByteArray runtimeDir = qgetenv("XDG_RUNTIME_DIR");
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));

    CredentialStore store(QStringLiteral("Gloo Console no-backend test"));
    QSignalSpy failed(&store, &CredentialStore::failed);
    QSignalSpy retrying(&store, &CredentialStore::retrying);
    QElapsedTimer clock;
    clock.start();
    store.load(QStringLiteral("p"));
    // Asynchronous, like every answer.
    QCOMPARE(failed.size(), 0);
    QVERIFY(failed.wait(5000));
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(retrying.size(), 0);
    const auto failure = failed.first().at(1).value<gloo::Failure>();
    QCOMPARE(failure.kind, Kind::KeychainUnavailable);
    QVERIFY2(failure.detail.contains(QStringLiteral("D-Bus")), qPrintable(failure.detail));

    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    qputenv("XDG_RUNTIME_DIR", runtimeDir);
}

QTEST_GUILESS_MAIN(TestCredentialStoreNoBackend)
#include "tst_credentialstore_nobackend.moc"
