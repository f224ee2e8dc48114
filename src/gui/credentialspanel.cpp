#include "credentialspanel.h"

#include "ui_credentialspanel.h"

#include "core/dotenv.h"
#include "core/session.h"
#include "failureview.h"
#include "look.h"
#include "uilogging.h"

#include <QAction>
#include <QFile>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

#include <utility>

namespace gloo::gui {

namespace {

using Kind = gloo::Environment::Kind;

} // namespace

CredentialsPanel::CredentialsPanel(gloo::Session *session, QWidget *parent)
    : QGroupBox(parent)
    , m_ui(std::make_unique<Ui::CredentialsPanel>())
    , m_session(session)
    , m_profiles(session->profiles())
    , m_problemView(new FailureView(this))
    , m_newProfileAction(new QAction(tr("&New profile…"), this))
    , m_renameProfileAction(new QAction(tr("&Rename profile…"), this))
    , m_duplicateProfileAction(new QAction(tr("&Duplicate profile"), this))
    , m_deleteProfileAction(new QAction(tr("De&lete profile…"), this))
{
    m_ui->setupUi(this);
    m_problemView->setObjectName(QStringLiteral("formProblemView"));
    m_ui->mainLayout->insertWidget(m_ui->mainLayout->indexOf(m_ui->keychainStatusLabel),
                                   m_problemView);

    for (Kind kind : {Kind::Production, Kind::Sandbox, Kind::Custom}) {
        gloo::Environment environment;
        environment.kind = kind;
        m_ui->environmentCombo->addItem(environment.displayName(), static_cast<int>(kind));
    }
    m_ui->environmentCombo->setItemData(
        0, tr("Gloo's API at %1").arg(gloo::Environment::productionUrl().toString()),
        Qt::ToolTipRole);
    m_ui->environmentCombo->setItemData(
        1, tr("A Gloo-compatible server inside this app: no account or network needed"),
        Qt::ToolTipRole);
    m_ui->scopeEdit->setPlaceholderText(
        tr("%1 (Gloo's default)").arg(gloo::Environment::defaultScope()));
    look::enableClearButton(m_ui->tokenUrlEdit);
    look::enableClearButton(m_ui->scopeEdit);

    connect(m_ui->showSecretButton, &QToolButton::toggled, this, [this](bool shown) {
        m_ui->clientSecretEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_ui->showSecretButton->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_ui->overridesToggle, &QToolButton::toggled, this,
            &CredentialsPanel::setOverridesVisible);
    connect(m_ui->profileCombo, &QComboBox::activated, this, &CredentialsPanel::onProfileActivated);
    connect(m_ui->environmentCombo, &QComboBox::currentIndexChanged, this,
            &CredentialsPanel::onEnvironmentChanged);
    // A problem explained about the address is old news once it changes.
    connect(m_ui->baseUrlEdit, &QLineEdit::textEdited, m_problemView, &FailureView::clearFailure);
    connect(m_ui->baseUrlEdit, &QLineEdit::editingFinished, this, [this] {
        if (environmentKind() != Kind::Custom)
            return;
        // The scheme a bare address gets is shown, not silently assumed.
        const QString typed = m_ui->baseUrlEdit->text().trimmed();
        if (!typed.isEmpty() && !typed.contains(QLatin1String("://"))) {
            const QUrl completed = gloo::normalizedBaseUrl(typed);
            if (completed.isValid() && !completed.host().isEmpty())
                m_ui->baseUrlEdit->setText(completed.toString());
        }
        if (currentProfile().baseUrl == m_ui->baseUrlEdit->text().trimmed())
            return;
        updateProfile([this](gloo::Profile &profile) {
            profile.baseUrl = m_ui->baseUrlEdit->text().trimmed();
        });
        onDestinationChanged();
    });
    connect(m_ui->tokenUrlEdit, &QLineEdit::editingFinished, this, [this] {
        if (currentProfile().tokenUrl == m_ui->tokenUrlEdit->text().trimmed())
            return;
        updateProfile([this](gloo::Profile &profile) {
            profile.tokenUrl = m_ui->tokenUrlEdit->text().trimmed();
        });
        onDestinationChanged();
    });
    connect(m_ui->scopeEdit, &QLineEdit::editingFinished, this, [this] {
        if (currentProfile().scope == m_ui->scopeEdit->text().trimmed())
            return;
        updateProfile(
            [this](gloo::Profile &profile) { profile.scope = m_ui->scopeEdit->text().trimmed(); });
        m_problemView->clearFailure();
        applyEnvironment(!currentProfile().validateOverrides().isEmpty());
    });

    // A token belongs to the credentials it was issued for: as soon as they
    // are edited, the old token and any old failure are gone.
    const auto credentialsEdited = [this] {
        m_edited = true;
        m_problemView->clearFailure();
        m_session->tokens()->setCredentials(credentials());
        if (m_keychainState == KeychainState::Saved) {
            setKeychainStatus(currentProfile().secretFits()
                                  ? changedNotSavedText()
                                  : tr("Typed for this server, not saved yet: Save to keychain "
                                       "keeps it."));
        }
    };
    connect(m_ui->clientIdEdit, &QLineEdit::textEdited, this, credentialsEdited);
    connect(m_ui->clientSecretEdit, &QLineEdit::textEdited, this, [this, credentialsEdited] {
        m_secretFromKeychain = false;
        credentialsEdited();
    });
    connect(m_ui->clientIdEdit, &QLineEdit::editingFinished, this,
            &CredentialsPanel::commitClientId);

    connect(m_ui->saveButton, &QPushButton::clicked, this, &CredentialsPanel::saveToKeychain);
    connect(m_ui->forgetButton, &QPushButton::clicked, this, &CredentialsPanel::forgetFromKeychain);
    connect(m_ui->useDemoButton, &QPushButton::clicked, this,
            &CredentialsPanel::useDemoCredentials);
    connect(m_ui->getTokenButton, &QPushButton::clicked, this, &CredentialsPanel::tokenRequested);
    connect(m_ui->clientSecretEdit, &QLineEdit::returnPressed, this,
            &CredentialsPanel::tokenRequested);

    setUpProfileActions();
    connectKeychain();

    m_profiles->load();
    // The keychain is asked by lookUpSavedCredentials(), so that the window
    // around this panel can be painted before the keychain is woken up.
    switchToProfile(m_profiles->currentId(), false);
    setKeychainStatus(tr("Looking in the system keychain…"));
    m_profileToLookUp = m_profile;
}

void CredentialsPanel::lookUpSavedCredentials()
{
    // A profile switched to in the meantime has been looked up already.
    const QString profile = std::exchange(m_profileToLookUp, QString());
    if (profile == m_profile && m_keychainState == KeychainState::Unknown)
        m_session->store()->load(m_profile);
}

CredentialsPanel::~CredentialsPanel()
{
    for (auto &draft : m_drafts)
        draft.values.wipe();
}

void CredentialsPanel::setUpProfileActions()
{
    m_newProfileAction->setObjectName(QStringLiteral("newProfileAction"));
    m_renameProfileAction->setObjectName(QStringLiteral("renameProfileAction"));
    m_duplicateProfileAction->setObjectName(QStringLiteral("duplicateProfileAction"));
    m_deleteProfileAction->setObjectName(QStringLiteral("deleteProfileAction"));
    m_duplicateProfileAction->setToolTip(
        tr("A copy of this profile's settings, Client ID and Client Secret"));

    connect(m_newProfileAction, &QAction::triggered, this, &CredentialsPanel::newProfileWithDialog);
    connect(m_renameProfileAction, &QAction::triggered, this,
            &CredentialsPanel::renameProfileWithDialog);
    connect(m_duplicateProfileAction, &QAction::triggered, this,
            [this] { duplicateCurrentProfile(); });
    connect(m_deleteProfileAction, &QAction::triggered, this,
            &CredentialsPanel::deleteProfileWithConfirmation);

    auto *menu = new QMenu(this);
    menu->addAction(m_newProfileAction);
    menu->addAction(m_renameProfileAction);
    menu->addAction(m_duplicateProfileAction);
    menu->addSeparator();
    menu->addAction(m_deleteProfileAction);
    m_ui->profileMenuButton->setMenu(menu);
    // Room for the menu arrow, which some styles draw over the text.
    m_ui->profileMenuButton->setMinimumWidth(
        m_ui->profileMenuButton->sizeHint().width()
        + m_ui->profileMenuButton->fontMetrics().horizontalAdvance(QStringLiteral("  ")));
}

void CredentialsPanel::connectKeychain()
{
    gloo::CredentialStore *store = m_session->store();
    connect(store, &CredentialStore::loaded, this,
            [this](const QString &profile, const gloo::ClientCredentials &credentials) {
                if (profile != m_profile)
                    return;
                m_keychainState = KeychainState::Saved;
                emit keychainAvailable();
                if (!currentProfile().secretFits()) {
                    setKeychainStatus(tr("A Client Secret is saved for this profile, but for "
                                         "another server. Enter the secret for this server "
                                         "and save it."),
                                      true);
                    return;
                }
                // What the user typed while the keychain answered wins; typed
                // values that are the saved ones are simply saved.
                if (m_edited && this->credentials() == credentials)
                    m_edited = false;
                if (!m_edited) {
                    setCredentials(credentials);
                    m_edited = false;
                    m_secretFromKeychain = true;
                    setKeychainStatus(tr("Saved in the system keychain."));
                } else {
                    setKeychainStatus(changedNotSavedText());
                }
            });
    connect(store, &CredentialStore::notFound, this, [this](const QString &profile) {
        if (profile != m_profile)
            return;
        m_keychainState = KeychainState::NotSaved;
        setKeychainStatus(tr("Not saved in the keychain."));
        emit keychainAvailable();
    });
    connect(store, &CredentialStore::saved, this, [this](const QString &profile) {
        if (profile != m_profile)
            return;
        m_sessionOnly = false;
        m_keychainState = KeychainState::Saved;
        m_edited = false;
        m_secretFromKeychain = true;
        updateProfile([](gloo::Profile &saved) {
            saved.secretDestination = saved.environment().secretDestination();
        });
        setKeychainStatus(tr("Saved in the system keychain."));
        emit keychainAvailable();
    });
    connect(store, &CredentialStore::forgotten, this, [this](const QString &profile) {
        if (m_deleting.remove(profile)) {
            qCInfo(lcUi) << "keychain entry of a deleted profile removed";
            return;
        }
        if (profile != m_profile)
            return;
        m_keychainState = KeychainState::NotSaved;
        m_secretFromKeychain = false;
        updateProfile([](gloo::Profile &forgotten) { forgotten.secretDestination.clear(); });
        setKeychainStatus(tr("Removed from the system keychain. The fields keep the values "
                             "until you close the window."));
    });
    connect(store, &CredentialStore::failed, this,
            [this](const QString &profile, const gloo::Failure &failure) {
                if (m_deleting.remove(profile)) {
                    gloo::Failure notRemoved = failure;
                    notRemoved.message = tr("The profile was deleted, but its Client Secret "
                                            "could not be removed from the system keychain.");
                    notRemoved.nextStep = tr("Remove the entry \"profile/%1\" of \"%2\" with "
                                             "your keychain's own tool.")
                                              .arg(profile, CredentialStore::defaultServiceName());
                    showProblem(notRemoved);
                    return;
                }
                if (profile != m_profile)
                    return;
                m_sessionOnly = true;
                m_keychainState = KeychainState::Unavailable;
                setKeychainStatus(tr("Keychain unavailable: credentials are kept for this "
                                     "session only and never written to disk."),
                                  true);
                emit keychainUnavailable(failure);
            });
}

Kind CredentialsPanel::environmentKind() const
{
    return static_cast<Kind>(m_ui->environmentCombo->currentData().toInt());
}

void CredentialsPanel::selectEnvironment(Kind kind)
{
    m_ui->environmentCombo->setCurrentIndex(
        m_ui->environmentCombo->findData(static_cast<int>(kind)));
}

void CredentialsPanel::setCustomBaseUrl(const QString &url)
{
    selectEnvironment(Kind::Custom);
    m_ui->baseUrlEdit->setText(url);
    emit m_ui->baseUrlEdit->editingFinished();
}

void CredentialsPanel::setTokenUrlOverride(const QString &url)
{
    m_ui->overridesToggle->setChecked(true);
    m_ui->tokenUrlEdit->setText(url);
    emit m_ui->tokenUrlEdit->editingFinished();
}

void CredentialsPanel::setScopeOverride(const QString &scope)
{
    m_ui->overridesToggle->setChecked(true);
    m_ui->scopeEdit->setText(scope);
    emit m_ui->scopeEdit->editingFinished();
}

gloo::ClientCredentials CredentialsPanel::credentials() const
{
    // Spaces and line breaks around a pasted value are never part of it.
    return {m_ui->clientIdEdit->text().trimmed(), m_ui->clientSecretEdit->text().trimmed()};
}

void CredentialsPanel::setCredentials(const gloo::ClientCredentials &credentials)
{
    m_ui->clientIdEdit->setText(credentials.clientId);
    m_ui->clientSecretEdit->setText(credentials.clientSecret);
    m_edited = true;
    m_secretFromKeychain = false;
    m_problemView->clearFailure();
    m_session->tokens()->setCredentials(this->credentials());
    commitClientId();
}

gloo::Profile CredentialsPanel::currentProfile() const
{
    return m_profiles->profile(m_profile);
}

QStringList CredentialsPanel::profileNames() const
{
    QStringList names;
    const QList<gloo::Profile> profiles = m_profiles->profiles();
    for (const gloo::Profile &profile : profiles)
        names << profile.name;
    return names;
}

bool CredentialsPanel::selectProfile(const QString &id)
{
    if (!m_profiles->contains(id))
        return false;
    switchToProfile(id);
    return true;
}

bool CredentialsPanel::selectProfileByName(const QString &name)
{
    const QList<gloo::Profile> profiles = m_profiles->profiles();
    for (const gloo::Profile &profile : profiles) {
        if (profile.name == name)
            return selectProfile(profile.id);
    }
    return false;
}

void CredentialsPanel::selectSandboxProfile()
{
    if (environmentKind() == Kind::Sandbox)
        return;
    const QList<gloo::Profile> profiles = m_profiles->profiles();
    for (const gloo::Profile &profile : profiles) {
        if (profile.kind == Kind::Sandbox) {
            switchToProfile(profile.id);
            return;
        }
    }
    createProfile(tr("Sandbox"), Kind::Sandbox);
}

QString CredentialsPanel::createProfile(const QString &name, Kind kind)
{
    const gloo::Profile profile = m_profiles->create(name, kind);
    qCInfo(lcUi) << "profile created on" << gloo::Environment::kindKey(kind);
    switchToProfile(profile.id);
    return profile.id;
}

bool CredentialsPanel::renameCurrentProfile(const QString &name, QString *problem)
{
    const QString why = m_profiles->checkName(name, m_profile);
    if (problem)
        *problem = why;
    if (!why.isEmpty() || !m_profiles->rename(m_profile, name))
        return false;
    refreshProfileCombo();
    emit profileChanged(currentProfile());
    return true;
}

QString CredentialsPanel::duplicateCurrentProfile()
{
    commitClientId();
    const gloo::ClientCredentials values = credentials();
    // A secret that is saved is saved for the copy too; one that was only
    // typed stays a draft there as well.
    const bool copySaved = m_keychainState == KeychainState::Saved && m_secretFromKeychain
                           && values.isComplete();
    const gloo::Profile copy = m_profiles->duplicate(m_profile);
    if (copy.id.isEmpty())
        return {};
    if (!values.clientId.isEmpty() || !values.clientSecret.isEmpty())
        m_drafts.insert(copy.id, {values, m_secretFromKeychain});
    qCInfo(lcUi) << "profile duplicated, secret copied to the keychain:" << copySaved;

    switchToProfile(copy.id, !copySaved);
    if (copySaved) {
        setKeychainStatus(tr("Saving the copied Client Secret to the system keychain…"));
        m_session->store()->save(copy.id, values);
    } else {
        updateProfile([](gloo::Profile &profile) { profile.secretDestination.clear(); });
    }
    return copy.id;
}

bool CredentialsPanel::deleteCurrentProfile()
{
    if (m_profiles->count() < 2)
        return false;
    const QString id = m_profile;
    wipeDraft(id);
    m_deleting.insert(id);
    m_session->store()->forget(id);
    // Cleared first, so that nothing of the deleted profile is kept as a
    // draft when its neighbour is shown.
    m_profile.clear();
    m_profiles->remove(id);
    qCInfo(lcUi) << "profile deleted with its keychain entry";
    switchToProfile(m_profiles->currentId());
    return true;
}

void CredentialsPanel::newProfileWithDialog()
{
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("profileNameDialog"));
    dialog.setWindowTitle(tr("New profile"));
    dialog.setTextValue(m_profiles->uniqueName(tr("New profile")));
    QString problem;
    while (true) {
        dialog.setLabelText(problem.isEmpty() ? tr("Name of the new profile:")
                                              : problem + QLatin1Char('\n') + tr("Name:"));
        if (dialog.exec() != QDialog::Accepted)
            return;
        problem = m_profiles->checkName(dialog.textValue());
        if (problem.isEmpty())
            break;
    }
    createProfile(dialog.textValue().trimmed());
    m_ui->clientIdEdit->setFocus();
}

void CredentialsPanel::renameProfileWithDialog()
{
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("profileNameDialog"));
    dialog.setWindowTitle(tr("Rename profile"));
    dialog.setTextValue(currentProfile().name);
    QString problem;
    while (true) {
        dialog.setLabelText(problem.isEmpty() ? tr("New name of the profile:")
                                              : problem + QLatin1Char('\n') + tr("Name:"));
        if (dialog.exec() != QDialog::Accepted)
            return;
        if (renameCurrentProfile(dialog.textValue(), &problem))
            return;
    }
}

void CredentialsPanel::deleteProfileWithConfirmation()
{
    if (m_profiles->count() < 2)
        return;
    QMessageBox box(QMessageBox::Warning, tr("Delete profile"),
                    tr("Delete the profile \"%1\"?").arg(currentProfile().name),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("deleteProfileDialog"));
    // A profile's name is shown as typed, never read as markup.
    box.setTextFormat(Qt::PlainText);
    QString detail;
    switch (m_keychainState) {
    case KeychainState::Saved:
        detail = tr("Its settings and its Client Secret in the system keychain are removed.");
        break;
    case KeychainState::NotSaved:
        detail = tr("Its settings are removed. It has no Client Secret saved in the system "
                    "keychain.");
        break;
    case KeychainState::Unknown:
    case KeychainState::Unavailable:
        detail = tr("Its settings are removed, and its Client Secret if one is saved in the "
                    "system keychain.");
        break;
    }
    box.setInformativeText(detail + QLatin1Char(' ') + tr("This cannot be undone."));
    QPushButton *deleteButton = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == deleteButton)
        deleteCurrentProfile();
}

QString CredentialsPanel::changedNotSavedText()
{
    return tr("Changed, not saved: the keychain keeps the earlier values until you press Save "
              "to keychain.");
}

QString CredentialsPanel::keychainStatusText() const
{
    return m_ui->keychainStatusLabel->text();
}

gloo::Failure CredentialsPanel::formProblem() const
{
    return m_problemView->failure();
}

void CredentialsPanel::updateProfile(const std::function<void(gloo::Profile &profile)> &change)
{
    gloo::Profile profile = currentProfile();
    if (profile.id.isEmpty())
        return;
    change(profile);
    m_profiles->update(profile);
}

void CredentialsPanel::commitClientId()
{
    const QString clientId = m_ui->clientIdEdit->text().trimmed();
    updateProfile([&clientId](gloo::Profile &profile) { profile.clientId = clientId; });
}

bool CredentialsPanel::applyEnvironment(bool reportProblems)
{
    const gloo::Profile profile = currentProfile();
    QString problemText;
    const bool environmentUsable = m_session->useProfile(profile, &problemText);
    const QString overridesProblem = profile.validateOverrides();
    if (!overridesProblem.isEmpty())
        problemText = overridesProblem;
    updateEnvironmentFields();
    const bool usable = environmentUsable && overridesProblem.isEmpty();
    if (usable || !reportProblems)
        return usable;
    const bool sandboxFailed = profile.kind == Kind::Sandbox
                               && m_session->tokens()->environment().baseUrl.isEmpty();

    const gloo::Environment environment = m_session->tokens()->environment();
    const auto plainHttp = [](const QUrl &url) {
        return url.isValid() && !url.host().isEmpty() && !gloo::isTransportAllowed(url);
    };
    const bool insecure = plainHttp(environment.baseUrl) || plainHttp(environment.tokenUrlOverride);
    gloo::Failure failure = gloo::Failure::make(insecure ? gloo::Failure::Kind::InsecureTransport
                                                         : gloo::Failure::Kind::InvalidRequest);
    failure.message = problemText;
    failure.nextStep = insecure ? tr("Use an https:// address.")
                                : tr("Pick another environment or correct the base URL, token URL "
                                     "or scope.");
    if (sandboxFailed) {
        failure.nextStep = tr("The sandbox comes with Gloo Console: build or install Gloo "
                              "Console again (./scripts/run.sh does both), or pick another "
                              "environment.");
    }
    const QString typed = m_ui->baseUrlEdit->text().trimmed();
    if (overridesProblem.isEmpty() && environmentKind() == Kind::Custom && !typed.isEmpty()
        && !environment.baseUrl.isValid())
        failure.message = tr("\"%1\" is not a valid web address.").arg(typed);
    qCInfo(lcUi) << "environment not usable:" << failure.message;
    showProblem(failure);
    return false;
}

bool CredentialsPanel::applyToSession()
{
    m_problemView->clearFailure();
    if (!applyEnvironment(true))
        return false;
    m_session->tokens()->setCredentials(credentials());
    return true;
}

void CredentialsPanel::saveToKeychain()
{
    const gloo::ClientCredentials values = credentials();
    if (!values.isComplete()) {
        gloo::Failure failure = gloo::Failure::make(gloo::Failure::Kind::MissingCredentials);
        failure.nextStep = tr("Fill in both fields before saving them.");
        showProblem(failure);
        return;
    }
    commitClientId();
    m_problemView->clearFailure();
    setKeychainStatus(tr("Saving to the system keychain…"));
    m_session->store()->save(m_profile, values);
}

void CredentialsPanel::forgetFromKeychain()
{
    setKeychainStatus(tr("Removing from the system keychain…"));
    m_session->store()->forget(m_profile);
}

void CredentialsPanel::useDemoCredentials()
{
    gloo::BuiltInSandbox *sandbox = m_session->builtInSandbox();
    if (!sandbox)
        return;
    setCredentials({sandbox->demoClientId(), sandbox->demoClientSecret()});
}

bool CredentialsPanel::importDotEnv(const QString &path)
{
    QFile file(path);
    gloo::Failure failure = gloo::Failure::make(gloo::Failure::Kind::MissingCredentials);
    failure.nextStep = tr("A .env file for Gloo has a GLOO_CLIENT_ID=... line and a "
                          "GLOO_CLIENT_SECRET=... line.");
    // A .env file is a few lines; anything big is not one.
    if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024) {
        failure.message = tr("\"%1\" could not be read: %2")
                              .arg(path,
                                   file.isOpen() ? tr("it is too large") : file.errorString());
        showProblem(failure);
        return false;
    }
    const gloo::DotEnvCredentials imported = gloo::credentialsFromDotEnv(
        gloo::parseDotEnv(file.readAll()));
    if (!imported.problem.isEmpty()) {
        failure.message = imported.problem;
        showProblem(failure);
        return false;
    }
    setCredentials(imported.credentials);
    saveToKeychain();
    return true;
}

bool CredentialsPanel::importFromEnvironment()
{
    const gloo::ClientCredentials values{qEnvironmentVariable("GLOO_CLIENT_ID").trimmed(),
                                         qEnvironmentVariable("GLOO_CLIENT_SECRET")};
    if (!values.isComplete()) {
        gloo::Failure failure = gloo::Failure::make(gloo::Failure::Kind::MissingCredentials);
        failure.message = tr("GLOO_CLIENT_ID and GLOO_CLIENT_SECRET are not both set in the "
                             "environment Gloo Console was started from.");
        showProblem(failure);
        return false;
    }
    setCredentials(values);
    saveToKeychain();
    return true;
}

void CredentialsPanel::onProfileActivated(int index)
{
    // Picking the profile already shown changes nothing, least of all what
    // was typed into it.
    const QString id = m_ui->profileCombo->itemData(index).toString();
    if (id == m_profile)
        return;
    switchToProfile(id);
}

void CredentialsPanel::onEnvironmentChanged()
{
    const Kind kind = environmentKind();
    if (currentProfile().kind == kind)
        return;
    updateProfile([kind](gloo::Profile &profile) { profile.kind = kind; });
    showProfileFields();
    onDestinationChanged();
}

void CredentialsPanel::onDestinationChanged()
{
    m_problemView->clearFailure();
    applyEnvironment(!currentProfile().validateOverrides().isEmpty());
    // A secret that came from the keychain goes only where it was saved
    // for; a secret the user typed is theirs to send.
    if (m_secretFromKeychain && !currentProfile().secretFits()) {
        m_ui->clientSecretEdit->clear();
        m_secretFromKeychain = false;
        m_session->tokens()->setCredentials(credentials());
    }
    // Asked again, so the status tells whether the saved secret fits now;
    // typed values are never overwritten by the answer.
    setKeychainStatus(tr("Looking in the system keychain…"));
    m_session->store()->load(m_profile);
}

void CredentialsPanel::switchToProfile(const QString &id, bool lookInKeychain)
{
    if (!m_profiles->contains(id))
        return;
    if (!m_profile.isEmpty() && id != m_profile) {
        commitClientId();
        storeDraft();
    }
    m_profile = id;
    m_profiles->setCurrent(id);
    // A secret shown for one profile is not shown for the next one unasked.
    m_ui->showSecretButton->setChecked(false);
    m_problemView->clearFailure();
    m_keychainState = KeychainState::Unknown;
    showProfileFields();
    refreshProfileCombo();
    // Before the credentials, so the previous profile's token is wiped even
    // when both profiles use the same credentials.
    applyEnvironment(false);

    const gloo::Profile profile = currentProfile();
    const auto draft = m_drafts.constFind(id);
    const bool hasDraft = draft != m_drafts.constEnd();
    setCredentials(hasDraft ? draft->values : gloo::ClientCredentials{profile.clientId, QString()});
    // A draft is never overwritten by the keychain's answer.
    m_edited = hasDraft;
    m_secretFromKeychain = hasDraft && draft->secretFromKeychain;
    // A sandbox that could not start is told at once: unlike a half-typed
    // address, there is nothing the user is still in the middle of.
    if (profile.kind == Kind::Sandbox && m_session->tokens()->environment().baseUrl.isEmpty())
        applyEnvironment(true);
    qCInfo(lcUi) << "profile switched, environment" << gloo::Environment::kindKey(profile.kind);

    if (lookInKeychain) {
        // Asked even when a draft exists, so the status always tells the
        // truth about this profile.
        setKeychainStatus(tr("Looking in the system keychain…"));
        m_session->store()->load(m_profile);
    }
    emit profileChanged(profile);
}

void CredentialsPanel::refreshProfileCombo()
{
    QSignalBlocker blocker(m_ui->profileCombo);
    m_ui->profileCombo->clear();
    const QList<gloo::Profile> profiles = m_profiles->profiles();
    for (const gloo::Profile &profile : profiles) {
        m_ui->profileCombo->addItem(profile.name, profile.id);
        m_ui->profileCombo->setItemData(m_ui->profileCombo->count() - 1,
                                        profile.environment().displayName(), Qt::ToolTipRole);
    }
    m_ui->profileCombo->setCurrentIndex(m_ui->profileCombo->findData(m_profile));
    m_deleteProfileAction->setEnabled(profiles.size() > 1);
}

void CredentialsPanel::showProfileFields()
{
    const gloo::Profile profile = currentProfile();
    {
        QSignalBlocker blocker(m_ui->environmentCombo);
        m_ui->environmentCombo->setCurrentIndex(
            m_ui->environmentCombo->findData(static_cast<int>(profile.kind)));
    }
    const bool custom = profile.kind == Kind::Custom;
    m_ui->baseUrlEdit->setReadOnly(!custom);
    if (custom)
        m_ui->baseUrlEdit->setText(profile.baseUrl);
    m_ui->tokenUrlEdit->setText(profile.tokenUrl);
    m_ui->scopeEdit->setText(profile.scope);
    // Long URLs show their beginning, where the host is.
    m_ui->baseUrlEdit->setCursorPosition(0);
    m_ui->tokenUrlEdit->setCursorPosition(0);
    const bool hasOverrides = !profile.tokenUrl.isEmpty() || !profile.scope.isEmpty();
    m_ui->overridesToggle->setChecked(hasOverrides);
    setOverridesVisible(hasOverrides);
}

void CredentialsPanel::setOverridesVisible(bool visible)
{
    m_ui->overridesToggle->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
    m_ui->tokenUrlLabel->setVisible(visible);
    m_ui->tokenUrlEdit->setVisible(visible);
    m_ui->scopeLabel->setVisible(visible);
    m_ui->scopeEdit->setVisible(visible);
}

void CredentialsPanel::storeDraft()
{
    if (m_profile.isEmpty())
        return;
    const gloo::ClientCredentials values = credentials();
    if (values.clientId.isEmpty() && values.clientSecret.isEmpty())
        wipeDraft(m_profile);
    else
        m_drafts.insert(m_profile, {values, m_secretFromKeychain});
}

void CredentialsPanel::wipeDraft(const QString &id)
{
    auto it = m_drafts.find(id);
    if (it == m_drafts.end())
        return;
    it->values.wipe();
    m_drafts.remove(id);
}

void CredentialsPanel::updateEnvironmentFields()
{
    const Kind kind = environmentKind();
    gloo::BuiltInSandbox *sandbox = m_session->builtInSandbox();
    const gloo::Environment environment = m_session->tokens()->environment();

    if (kind == Kind::Production) {
        m_ui->baseUrlEdit->setText(gloo::Environment::productionUrl().toString());
    } else if (kind == Kind::Sandbox) {
        const QUrl url = environment.baseUrl;
        m_ui->baseUrlEdit->setText(url.isEmpty() ? tr("Not running") : url.toString());
        if (sandbox) {
            m_ui->sandboxHintLabel->setText(
                tr("The built-in sandbox accepts the demo Client ID <b>%1</b> and Client "
                   "Secret <b>%2</b>. Tokens live %3 seconds.")
                    .arg(sandbox->demoClientId().toHtmlEscaped(),
                         sandbox->demoClientSecret().toHtmlEscaped())
                    .arg(sandbox->tokenLifetimeSeconds()));
        }
    }
    m_ui->sandboxHint->setVisible(kind == Kind::Sandbox && sandbox);

    gloo::Environment withoutOverride = environment;
    withoutOverride.tokenUrlOverride.clear();
    m_ui->tokenUrlEdit->setPlaceholderText(
        withoutOverride.baseUrl.isEmpty()
            ? tr("Default: the base URL's /oauth2/token")
            : tr("Default: %1").arg(withoutOverride.tokenUrl().toString()));
}

void CredentialsPanel::setKeychainStatus(const QString &text, bool isWarning)
{
    m_ui->keychainStatusLabel->setText(text);
    look::setTextTone(m_ui->keychainStatusLabel,
                      isWarning ? look::Tone::Warning : look::Tone::Muted);
}

void CredentialsPanel::showProblem(const gloo::Failure &failure)
{
    m_problemView->showFailure(failure);
}

} // namespace gloo::gui
