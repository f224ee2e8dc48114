#include "core/profilestore.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using gloo::Environment;
using gloo::Profile;
using gloo::ProfileStore;
using Kind = gloo::Environment::Kind;

// The profile list and its storage, against INI files in a temporary folder.
class TestProfileStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void firstUseCreatesProductionAndSandboxOnTheOldKeys();
    void savedEnvironmentSettingsAreTakenOver();
    void createRenameDuplicateAndRemove();
    void everythingSurvivesANewStore();
    void namesAreCheckedAndMadeUnique();
    void lastProfileCannotBeRemoved();
    void removingTheCurrentProfileSelectsItsNeighbour();
    void overridesReachTheEnvironment();
    void overridesAreValidated_data();
    void overridesAreValidated();
    void savedSecretOnlyFitsWhereItWasSavedFor();
    void noSecretIsEverStored();

private:
    QString settingsPath() const { return m_folder->filePath(QStringLiteral("settings.ini")); }

    std::unique_ptr<QTemporaryDir> m_folder;
};

void TestProfileStore::init()
{
    m_folder = std::make_unique<QTemporaryDir>();
    QVERIFY(m_folder->isValid());
}

void TestProfileStore::firstUseCreatesProductionAndSandboxOnTheOldKeys()
{
    ProfileStore store(settingsPath());
    // Asking does not create them.
    QVERIFY(!store.hasSavedProfiles());
    QVERIFY(!QFile::exists(settingsPath()));
    QSignalSpy changed(&store, &ProfileStore::profilesChanged);
    store.load();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(store.count(), 2);
    QVERIFY(store.hasSavedProfiles());

    const Profile production = store.profiles().at(0);
    QCOMPARE(production.name, QStringLiteral("Production"));
    QCOMPARE(production.kind, Kind::Production);
    // The ids are the keychain keys of the versions before profiles.
    QCOMPARE(production.id, Environment::production().profileKey());
    QCOMPARE(store.profiles().at(1).id, Environment::sandbox().profileKey());
    QCOMPARE(store.profiles().at(1).kind, Kind::Sandbox);
    QCOMPARE(store.currentId(), production.id);
    QVERIFY(production.secretFits());
}

void TestProfileStore::savedEnvironmentSettingsAreTakenOver()
{
    {
        QSettings old(settingsPath(), QSettings::IniFormat);
        old.setValue(QStringLiteral("connection/environment"), QStringLiteral("custom"));
        old.setValue(QStringLiteral("connection/customBaseUrl"),
                     QStringLiteral("gloo.example.org/"));
    }
    ProfileStore store(settingsPath());
    store.load();
    QCOMPARE(store.count(), 3);
    const Profile custom = store.current();
    QCOMPARE(custom.kind, Kind::Custom);
    QCOMPARE(custom.name, QStringLiteral("Custom (gloo.example.org)"));
    QCOMPARE(custom.environment().baseUrl, QUrl(QStringLiteral("https://gloo.example.org")));
    // The key under which the earlier version saved this server's secret.
    QCOMPARE(custom.id,
             Environment::custom(QUrl(QStringLiteral("https://gloo.example.org"))).profileKey());
    QVERIFY(custom.secretFits());
}

void TestProfileStore::createRenameDuplicateAndRemove()
{
    ProfileStore store(settingsPath());
    store.load();

    const Profile created = store.create(QStringLiteral("My org, production"));
    QCOMPARE(store.count(), 3);
    QVERIFY(!created.id.isEmpty());
    QVERIFY(created.id != store.profiles().at(0).id);
    QCOMPARE(store.profile(created.id).name, QStringLiteral("My org, production"));

    QVERIFY(store.rename(created.id, QStringLiteral("  Personal key ")));
    QCOMPARE(store.profile(created.id).name, QStringLiteral("Personal key"));
    // The id, and with it the keychain entry, stays.
    QVERIFY(store.contains(created.id));

    Profile edited = store.profile(created.id);
    edited.kind = Kind::Custom;
    edited.baseUrl = QStringLiteral("https://gloo.example.org");
    edited.tokenUrl = QStringLiteral("https://auth.example.org/oauth2/token");
    edited.scope = QStringLiteral("api/access extra");
    edited.clientId = QStringLiteral("client-1");
    store.update(edited);

    const Profile copy = store.duplicate(created.id);
    QCOMPARE(store.count(), 4);
    QVERIFY(copy.id != created.id);
    QCOMPARE(copy.name, QStringLiteral("Personal key (copy)"));
    QCOMPARE(copy.kind, Kind::Custom);
    QCOMPARE(copy.baseUrl, edited.baseUrl);
    QCOMPARE(copy.tokenUrl, edited.tokenUrl);
    QCOMPARE(copy.scope, edited.scope);
    QCOMPARE(copy.clientId, edited.clientId);
    // The copy sits right after its original.
    QCOMPARE(store.profiles().at(3).id, copy.id);

    QCOMPARE(store.duplicate(created.id).name, QStringLiteral("Personal key (copy) 2"));
    // A long name is shortened to make room for " (copy)", which stays.
    const Profile longName = store.create(
        QStringLiteral("Springfield Ministry Communications Team production key"), Kind::Sandbox);
    const Profile longCopy = store.duplicate(longName.id);
    QVERIFY2(longCopy.name.endsWith(QStringLiteral(" (copy)")), qPrintable(longCopy.name));
    QVERIFY(longCopy.name.startsWith(QStringLiteral("Springfield Ministry")));
    QVERIFY(store.checkName(longCopy.name, longCopy.id).isEmpty());
    QVERIFY(store.remove(longCopy.id));
    QVERIFY(store.remove(longName.id));
    QVERIFY(store.remove(copy.id));
    QVERIFY(!store.contains(copy.id));
    QVERIFY(!store.remove(copy.id));
    QVERIFY(store.profile(copy.id).id.isEmpty());
}

void TestProfileStore::everythingSurvivesANewStore()
{
    QString id;
    {
        ProfileStore store(settingsPath());
        store.load();
        Profile profile = store.create(QStringLiteral("Sandbox with a twist"), Kind::Sandbox);
        profile.tokenUrl = QStringLiteral("http://127.0.0.1:9/token");
        profile.scope = QStringLiteral("api/access");
        profile.clientId = QStringLiteral("id-42");
        profile.secretDestination = profile.environment().secretDestination();
        store.update(profile);
        store.setCurrent(profile.id);
        QVERIFY(store.remove(store.profiles().at(0).id));
        id = profile.id;
    }
    ProfileStore reopened(settingsPath());
    reopened.load();
    QCOMPARE(reopened.count(), 2);
    QCOMPARE(reopened.currentId(), id);
    const Profile profile = reopened.current();
    QCOMPARE(profile.name, QStringLiteral("Sandbox with a twist"));
    QCOMPARE(profile.kind, Kind::Sandbox);
    QCOMPARE(profile.tokenUrl, QStringLiteral("http://127.0.0.1:9/token"));
    QCOMPARE(profile.scope, QStringLiteral("api/access"));
    QCOMPARE(profile.clientId, QStringLiteral("id-42"));
    QVERIFY(profile.secretFits());
    // The removed first profile stays removed: no stale entry came back.
    QCOMPARE(reopened.profiles().at(0).kind, Kind::Sandbox);
}

void TestProfileStore::namesAreCheckedAndMadeUnique()
{
    ProfileStore store(settingsPath());
    store.load();
    QVERIFY(!store.checkName(QStringLiteral("   ")).isEmpty());
    QVERIFY(!store.checkName(QStringLiteral("production")).isEmpty());
    QVERIFY(store.checkName(QStringLiteral("Production"), store.profiles().at(0).id).isEmpty());
    QVERIFY(store.checkName(QStringLiteral("Personal key")).isEmpty());

    QCOMPARE(store.create(QStringLiteral("Sandbox")).name, QStringLiteral("Sandbox 2"));
    const QString sandboxId = store.profiles().at(1).id;
    QVERIFY(!store.rename(sandboxId, QStringLiteral("PRODUCTION")));
    QVERIFY(!store.rename(sandboxId, QString()));
    QCOMPARE(store.profile(sandboxId).name, QStringLiteral("Sandbox"));

    // A name fits in one line of the window; copies of a long one still get
    // a name that is accepted.
    const QString longest(ProfileStore::maxNameLength(), QLatin1Char('L'));
    QVERIFY(store.checkName(longest).isEmpty());
    QVERIFY(!store.checkName(longest + QLatin1Char('L')).isEmpty());
    QVERIFY(!store.rename(sandboxId, longest + QLatin1Char('L')));
    QVERIFY(store.rename(sandboxId, longest));
    const Profile copy = store.duplicate(sandboxId);
    QVERIFY(!copy.id.isEmpty());
    QVERIFY2(store.checkName(copy.name, copy.id).isEmpty(), qPrintable(copy.name));
    QVERIFY(store.duplicate(sandboxId).name != copy.name);
}

void TestProfileStore::lastProfileCannotBeRemoved()
{
    ProfileStore store(settingsPath());
    store.load();
    QVERIFY(store.remove(store.profiles().at(0).id));
    QCOMPARE(store.count(), 1);
    QVERIFY(!store.remove(store.profiles().at(0).id));
    QCOMPARE(store.count(), 1);
}

void TestProfileStore::removingTheCurrentProfileSelectsItsNeighbour()
{
    ProfileStore store(settingsPath());
    store.load();
    const Profile last = store.create(QStringLiteral("Last"));
    store.setCurrent(last.id);
    QSignalSpy current(&store, &ProfileStore::currentChanged);
    QVERIFY(store.remove(last.id));
    QCOMPARE(current.size(), 1);
    QCOMPARE(store.currentId(), store.profiles().at(1).id);

    // Removing another profile leaves the current one alone.
    QVERIFY(store.remove(store.profiles().at(0).id));
    QCOMPARE(current.size(), 1);
}

void TestProfileStore::overridesReachTheEnvironment()
{
    Profile profile;
    profile.kind = Kind::Custom;
    profile.baseUrl = QStringLiteral("gloo.example.org/");
    Environment environment = profile.environment();
    QCOMPARE(environment.tokenUrl(), QUrl(QStringLiteral("https://gloo.example.org/oauth2/token")));
    QCOMPARE(environment.scope(), QStringLiteral("api/access"));

    profile.tokenUrl = QStringLiteral(" auth.example.org/custom/token ");
    profile.scope = QStringLiteral("  api/access   extra ");
    environment = profile.environment();
    QCOMPARE(environment.tokenUrl(), QUrl(QStringLiteral("https://auth.example.org/custom/token")));
    QCOMPARE(environment.scope(), QStringLiteral("api/access extra"));
    QVERIFY2(environment.validate().isEmpty(), qPrintable(environment.validate()));

    profile.kind = Kind::Sandbox;
    QVERIFY(profile.environment().baseUrl.isEmpty());
    QCOMPARE(profile.environment().scope(), QStringLiteral("api/access extra"));
}

void TestProfileStore::overridesAreValidated_data()
{
    QTest::addColumn<QString>("tokenUrl");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<bool>("valid");

    QTest::newRow("none") << QString() << QString() << true;
    QTest::newRow("https") << "https://auth.example.org/token"
                           << "api/access" << true;
    QTest::newRow("no scheme means https") << "auth.example.org/token" << QString() << true;
    QTest::newRow("http to this computer") << "http://127.0.0.1:8080/token" << QString() << true;
    QTest::newRow("http to localhost") << "http://localhost/token" << QString() << true;
    QTest::newRow("http elsewhere") << "http://auth.example.org/token" << QString() << false;
    QTest::newRow("other scheme") << "ftp://auth.example.org/token" << QString() << false;
    QTest::newRow("not a url") << "https://exa mple.org/token" << QString() << false;
    QTest::newRow("user info") << "https://user:pw@auth.example.org/token" << QString() << false;
    QTest::newRow("two scopes") << QString() << "api/access other:read" << true;
    QTest::newRow("quote in scope") << QString() << "api/\"access\"" << false;
    QTest::newRow("backslash in scope") << QString() << "api\\access" << false;
    QTest::newRow("newline in scope") << QString() << "api/access\nx" << false;
    QTest::newRow("non-ascii scope") << QString() << "api/zugriff-ä" << false;
}

void TestProfileStore::overridesAreValidated()
{
    QFETCH(QString, tokenUrl);
    QFETCH(QString, scope);
    QFETCH(bool, valid);

    Profile profile;
    profile.tokenUrl = tokenUrl;
    profile.scope = scope;
    QCOMPARE(profile.validateOverrides().isEmpty(), valid);
    // The environment refuses the same, so the exchange never runs with an
    // override that the form would have refused.
    Environment environment = Environment::production();
    environment.tokenUrlOverride = gloo::normalizedTokenUrl(tokenUrl);
    environment.scopeOverride = scope;
    if (valid)
        QVERIFY2(environment.validate().isEmpty(), qPrintable(environment.validate()));
    else if (!environment.tokenUrlOverride.isEmpty() || !scope.isEmpty())
        QVERIFY(!environment.validate().isEmpty());
}

void TestProfileStore::savedSecretOnlyFitsWhereItWasSavedFor()
{
    Profile profile;
    profile.kind = Kind::Custom;
    profile.baseUrl = QStringLiteral("https://gloo.example.org");
    profile.secretDestination = profile.environment().secretDestination();
    QVERIFY(profile.secretFits());

    profile.baseUrl = QStringLiteral("https://gloo.example.org/other/path");
    QVERIFY(profile.secretFits());
    profile.scope = QStringLiteral("api/access");
    QVERIFY(profile.secretFits());

    profile.baseUrl = QStringLiteral("https://elsewhere.example.org");
    QVERIFY(!profile.secretFits());
    profile.baseUrl = QStringLiteral("https://gloo.example.org");
    profile.tokenUrl = QStringLiteral("https://auth.example.org/token");
    QVERIFY(!profile.secretFits());
    profile.tokenUrl.clear();
    profile.kind = Kind::Production;
    QVERIFY(!profile.secretFits());

    // The sandbox's port changes with every start; its secret still fits.
    profile.kind = Kind::Sandbox;
    profile.secretDestination = profile.environment().secretDestination();
    Environment started = profile.environment();
    started.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:4711"));
    QCOMPARE(started.secretDestination(), profile.secretDestination);
}

void TestProfileStore::noSecretIsEverStored()
{
    ProfileStore store(settingsPath());
    store.load();
    Profile profile = store.create(QStringLiteral("Personal key"));
    profile.clientId = QStringLiteral("visible-client-id");
    store.update(profile);

    QSettings settings(settingsPath(), QSettings::IniFormat);
    const QStringList keys = settings.allKeys();
    QVERIFY(!keys.isEmpty());
    for (const QString &key : keys)
        QVERIFY2(!key.contains(QStringLiteral("secret"), Qt::CaseInsensitive)
                     || key.endsWith(QStringLiteral("secretDestination")),
                 qPrintable(key));
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
