#include "profilestore.h"

#include "logging.h"

#include <QSettings>
#include <QUuid>

namespace gloo {

namespace {

const QString kGroup = QStringLiteral("profiles");
const QString kList = QStringLiteral("list");
const QString kCurrent = QStringLiteral("current");

// Where versions before profiles kept the environment choice.
const QString kLegacyEnvironmentKey = QStringLiteral("connection/environment");
const QString kLegacyCustomUrlKey = QStringLiteral("connection/customBaseUrl");

Profile firstProfile(const QString &name, const Environment &environment)
{
    Profile profile;
    // The id is the keychain key this environment had before profiles, so
    // a secret saved then is found under it now.
    profile.id = environment.profileKey();
    profile.name = name;
    profile.kind = environment.kind;
    if (environment.kind == Environment::Kind::Custom)
        profile.baseUrl = environment.baseUrl.toString();
    profile.secretDestination = environment.secretDestination();
    return profile;
}

} // namespace

Environment Profile::environment() const
{
    Environment environment;
    switch (kind) {
    case Environment::Kind::Production: environment = Environment::production(); break;
    case Environment::Kind::Sandbox: environment = Environment::sandbox(); break;
    case Environment::Kind::Custom:
        environment = Environment::custom(normalizedBaseUrl(baseUrl));
        break;
    }
    environment.tokenUrlOverride = normalizedTokenUrl(tokenUrl);
    environment.scopeOverride = scope.simplified();
    return environment;
}

bool Profile::secretFits() const
{
    return secretDestination.isEmpty() || secretDestination == environment().secretDestination();
}

QString Profile::validateOverrides() const
{
    const QUrl url = normalizedTokenUrl(tokenUrl);
    if (!tokenUrl.trimmed().isEmpty() && (!url.isValid() || url.host().isEmpty())) {
        return Environment::tr("The token URL \"%1\" is not a valid web address.")
            .arg(tokenUrl.trimmed());
    }
    if (QString problem = validateTokenUrlOverride(url); !problem.isEmpty())
        return problem;
    return validateScopeOverride(scope.trimmed());
}

bool Profile::operator==(const Profile &other) const
{
    return id == other.id && name == other.name && kind == other.kind && baseUrl == other.baseUrl
           && tokenUrl == other.tokenUrl && scope == other.scope && clientId == other.clientId
           && secretDestination == other.secretDestination;
}

ProfileStore::ProfileStore(const QString &settingsPath, QObject *parent)
    : QObject(parent)
    , m_settingsPath(settingsPath)
{
}

ProfileStore::~ProfileStore() = default;

std::unique_ptr<QSettings> ProfileStore::openSettings() const
{
    if (m_settingsPath.isEmpty())
        return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(m_settingsPath, QSettings::IniFormat);
}

QString ProfileStore::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool ProfileStore::hasSavedProfiles() const
{
    const std::unique_ptr<QSettings> settings = openSettings();
    settings->beginGroup(kGroup);
    const int size = settings->beginReadArray(kList);
    settings->endArray();
    settings->endGroup();
    return size > 0;
}

void ProfileStore::load()
{
    const std::unique_ptr<QSettings> settings = openSettings();
    m_profiles.clear();
    settings->beginGroup(kGroup);
    const int size = settings->beginReadArray(kList);
    for (int i = 0; i < size; ++i) {
        settings->setArrayIndex(i);
        Profile profile;
        profile.id = settings->value(QStringLiteral("id")).toString();
        if (profile.id.isEmpty() || indexOf(profile.id) >= 0)
            continue;
        profile.name = settings->value(QStringLiteral("name")).toString();
        profile.kind = Environment::kindFromKey(
            settings->value(QStringLiteral("environment")).toString());
        profile.baseUrl = settings->value(QStringLiteral("baseUrl")).toString();
        profile.tokenUrl = settings->value(QStringLiteral("tokenUrl")).toString();
        profile.scope = settings->value(QStringLiteral("scope")).toString();
        profile.clientId = settings->value(QStringLiteral("clientId")).toString();
        profile.secretDestination = settings->value(QStringLiteral("secretDestination")).toString();
        if (profile.name.trimmed().isEmpty())
            profile.name = uniqueName(tr("Profile"));
        m_profiles << profile;
    }
    settings->endArray();
    m_currentId = settings->value(kCurrent).toString();
    settings->endGroup();

    if (m_profiles.isEmpty())
        createFirstProfiles(*settings);
    if (indexOf(m_currentId) < 0)
        m_currentId = m_profiles.constFirst().id;
    qCInfo(lcKeychain) << "profiles loaded:" << m_profiles.size();
    emit profilesChanged();
    emit currentChanged(m_currentId);
}

void ProfileStore::createFirstProfiles(QSettings &settings)
{
    m_profiles << firstProfile(tr("Production"), Environment::production())
               << firstProfile(tr("Sandbox"), Environment::sandbox());

    const QUrl customUrl = normalizedBaseUrl(settings.value(kLegacyCustomUrlKey).toString());
    const Environment custom = Environment::custom(customUrl);
    if (!customUrl.isEmpty() && customUrl.isValid() && !customUrl.host().isEmpty())
        m_profiles << firstProfile(tr("Custom (%1)").arg(customUrl.host()), custom);

    const Environment::Kind legacyKind = Environment::kindFromKey(
        settings.value(kLegacyEnvironmentKey).toString());
    switch (legacyKind) {
    case Environment::Kind::Production: m_currentId = m_profiles[0].id; break;
    case Environment::Kind::Sandbox: m_currentId = m_profiles[1].id; break;
    case Environment::Kind::Custom:
        m_currentId = m_profiles.size() > 2 ? m_profiles[2].id : m_profiles[0].id;
        break;
    }
    qCInfo(lcKeychain) << "first profiles created from the saved environment settings";
    save();
}

void ProfileStore::save() const
{
    const std::unique_ptr<QSettings> settings = openSettings();
    settings->beginGroup(kGroup);
    // Removed first, so a shorter list leaves no stale entries behind.
    settings->remove(kList);
    settings->beginWriteArray(kList, int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        const Profile &profile = m_profiles.at(i);
        settings->setArrayIndex(i);
        settings->setValue(QStringLiteral("id"), profile.id);
        settings->setValue(QStringLiteral("name"), profile.name);
        settings->setValue(QStringLiteral("environment"), Environment::kindKey(profile.kind));
        settings->setValue(QStringLiteral("baseUrl"), profile.baseUrl);
        settings->setValue(QStringLiteral("tokenUrl"), profile.tokenUrl);
        settings->setValue(QStringLiteral("scope"), profile.scope);
        settings->setValue(QStringLiteral("clientId"), profile.clientId);
        settings->setValue(QStringLiteral("secretDestination"), profile.secretDestination);
    }
    settings->endArray();
    settings->setValue(kCurrent, m_currentId);
    settings->endGroup();
    settings->sync();
}

int ProfileStore::indexOf(const QString &id) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == id)
            return i;
    }
    return -1;
}

bool ProfileStore::contains(const QString &id) const
{
    return indexOf(id) >= 0;
}

Profile ProfileStore::profile(const QString &id) const
{
    const int index = indexOf(id);
    return index >= 0 ? m_profiles.at(index) : Profile{};
}

void ProfileStore::setCurrent(const QString &id)
{
    if (id == m_currentId || indexOf(id) < 0)
        return;
    m_currentId = id;
    save();
    emit currentChanged(m_currentId);
}

QString ProfileStore::checkName(const QString &name, const QString &exceptId) const
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("A profile needs a name.");
    if (trimmed.size() > maxNameLength())
        return tr("A profile's name can have at most %1 characters.").arg(maxNameLength());
    for (const Profile &profile : m_profiles) {
        if (profile.id != exceptId && profile.name.compare(trimmed, Qt::CaseInsensitive) == 0)
            return tr("There is already a profile named \"%1\".").arg(profile.name);
    }
    return {};
}

QString ProfileStore::uniqueName(const QString &wanted) const
{
    // Cut to leave room for a number, so the name is always one that
    // checkName() accepts.
    const QString trimmed = wanted.trimmed();
    const QString base =
        (trimmed.isEmpty() ? tr("Profile") : trimmed).left(maxNameLength() - 6).trimmed();
    QString name = base;
    for (int number = 2; !checkName(name).isEmpty(); ++number)
        name = QStringLiteral("%1 %2").arg(base, QString::number(number));
    return name;
}

Profile ProfileStore::create(const QString &name, Environment::Kind kind)
{
    Profile profile;
    profile.id = newId();
    profile.name = uniqueName(name);
    profile.kind = kind;
    m_profiles << profile;
    save();
    emit profilesChanged();
    return profile;
}

Profile ProfileStore::duplicate(const QString &id)
{
    const int index = indexOf(id);
    if (index < 0)
        return {};
    Profile copy = m_profiles.at(index);
    copy.id = newId();
    // The original's name is shortened, never the " (copy)" that tells the
    // two apart.
    const QString suffix = tr(" (copy)");
    copy.name = uniqueName(copy.name.left(maxNameLength() - 6 - suffix.size()).trimmed() + suffix);
    m_profiles.insert(index + 1, copy);
    save();
    emit profilesChanged();
    return copy;
}

bool ProfileStore::rename(const QString &id, const QString &name)
{
    const int index = indexOf(id);
    if (index < 0 || !checkName(name, id).isEmpty())
        return false;
    m_profiles[index].name = name.trimmed();
    save();
    emit profilesChanged();
    return true;
}

void ProfileStore::update(const Profile &profile)
{
    const int index = indexOf(profile.id);
    if (index < 0 || m_profiles.at(index) == profile)
        return;
    m_profiles[index] = profile;
    save();
    emit profilesChanged();
}

bool ProfileStore::remove(const QString &id)
{
    const int index = indexOf(id);
    if (index < 0 || m_profiles.size() < 2)
        return false;
    m_profiles.removeAt(index);
    const bool wasCurrent = id == m_currentId;
    if (wasCurrent)
        m_currentId = m_profiles.at(qMin(index, int(m_profiles.size()) - 1)).id;
    save();
    emit profilesChanged();
    if (wasCurrent)
        emit currentChanged(m_currentId);
    return true;
}

} // namespace gloo
