#pragma once

#include "environment.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QSettings;

namespace gloo {

// A named set of connection settings: which environment, optional overrides
// of the token URL and the scope, and the Client ID. The Client Secret is
// never part of a profile: it lives in the system keychain under the
// profile's id, which stays the same when the profile is renamed.
struct Profile
{
    QString id;
    QString name;
    Environment::Kind kind = Environment::Kind::Production;
    // For Custom: the base URL as the user typed it.
    QString baseUrl;
    // Overrides as typed; empty means Gloo's defaults.
    QString tokenUrl;
    QString scope;
    QString clientId;
    // Environment::secretDestination() when the secret was last saved. The
    // saved secret is only offered while the profile still sends it there.
    QString secretDestination;

    // The environment this profile talks to. For the sandbox the base URL is
    // left empty: the session fills it in once the sandbox runs.
    Environment environment() const;
    // Whether a saved secret may be used with the profile as it is now.
    bool secretFits() const;
    // Why the overrides cannot be used, in plain words; empty when they can.
    QString validateOverrides() const;

    bool operator==(const Profile &other) const;
    bool operator!=(const Profile &other) const { return !(*this == other); }
};

// The profiles and which one is current, kept in QSettings (no secret ever
// goes there). On first use it creates a Production and a Sandbox profile
// whose ids are the keychain keys of earlier versions, so credentials saved
// per environment before profiles existed keep working without being moved;
// a custom base URL saved by an earlier version becomes a profile too.
class ProfileStore : public QObject
{
    Q_OBJECT

public:
    // With an empty path the application's QSettings is used; otherwise an
    // INI file at that path.
    explicit ProfileStore(const QString &settingsPath = {}, QObject *parent = nullptr);
    ~ProfileStore() override;

    // Reads the profiles, creating the first ones when there are none.
    void load();
    // Whether any profile has been saved; reads without creating any.
    bool hasSavedProfiles() const;

    QList<Profile> profiles() const { return m_profiles; }
    int count() const { return int(m_profiles.size()); }
    bool contains(const QString &id) const;
    // The profile with this id, or one with an empty id when there is none.
    Profile profile(const QString &id) const;
    QString currentId() const { return m_currentId; }
    Profile current() const { return profile(m_currentId); }
    void setCurrent(const QString &id);

    // Why a profile cannot have this name (empty, or taken by another
    // profile); empty when it can.
    QString checkName(const QString &name, const QString &exceptId = {}) const;
    static int maxNameLength() { return 60; }
    // The name, or the name with a number added so that no profile has it.
    QString uniqueName(const QString &wanted) const;

    // Each returns the new profile; none makes it current.
    Profile create(const QString &name, Environment::Kind kind = Environment::Kind::Production);
    Profile duplicate(const QString &id);
    bool rename(const QString &id, const QString &name);
    // Replaces the stored profile with the same id.
    void update(const Profile &profile);
    // Removes a profile. The last one cannot be removed. When the current
    // profile goes, its neighbour becomes current.
    bool remove(const QString &id);

    static QString newId();

signals:
    void profilesChanged();
    void currentChanged(const QString &id);

private:
    void save() const;
    void createFirstProfiles(QSettings &settings);
    std::unique_ptr<QSettings> openSettings() const;
    int indexOf(const QString &id) const;

    QString m_settingsPath;
    QList<Profile> m_profiles;
    QString m_currentId;
};

} // namespace gloo
