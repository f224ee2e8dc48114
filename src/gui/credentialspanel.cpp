#include "credentialspanel.h"

#include "ui_credentialspanel.h"

#include "core/dotenv.h"
#include "core/session.h"
#include "failureview.h"
#include "uilogging.h"

#include <QFile>
#include <QSettings>

namespace gloo::gui {

namespace {

using Kind = gloo::Environment::Kind;

const QString kEnvironmentKey = QStringLiteral("connection/environment");
const QString kCustomUrlKey = QStringLiteral("connection/customBaseUrl");

} // namespace

CredentialsPanel::CredentialsPanel(gloo::Session *session, QWidget *parent)
    : QGroupBox(parent)
    , m_ui(std::make_unique<Ui::CredentialsPanel>())
    , m_session(session)
    , m_problemView(new FailureView(this))
{
    m_ui->setupUi(this);
    m_problemView->setObjectName(QStringLiteral("formProblemView"));
    m_ui->mainLayout->insertWidget(m_ui->mainLayout->indexOf(m_ui->keychainStatusLabel),
                                   m_problemView);

    for (Kind kind : {Kind::Production, Kind::Sandbox, Kind::Custom}) {
        m_ui->environmentCombo->addItem(gloo::Environment{kind, {}, {}}.displayName(),
                                        static_cast<int>(kind));
    }
    m_ui->environmentCombo->setItemData(
        0, tr("Gloo's API at %1").arg(gloo::Environment::productionUrl().toString()),
        Qt::ToolTipRole);
    m_ui->environmentCombo->setItemData(
        1, tr("A Gloo-compatible server inside this app: no account or network needed"),
        Qt::ToolTipRole);

    connect(m_ui->showSecretButton, &QToolButton::toggled, this, [this](bool shown) {
        m_ui->clientSecretEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_ui->showSecretButton->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_ui->environmentCombo, &QComboBox::currentIndexChanged, this,
            &CredentialsPanel::onEnvironmentChanged);
    connect(m_ui->baseUrlEdit, &QLineEdit::editingFinished, this, [this] {
        if (environmentKind() != Kind::Custom)
            return;
        saveSettings();
        applyEnvironment(false);
        switchProfile();
    });

    // A token belongs to the credentials it was issued for: as soon as they
    // are edited, the old token and any old failure are gone.
    const auto credentialsEdited = [this] {
        m_problemView->clearFailure();
        m_session->tokens()->setCredentials(credentials());
    };
    connect(m_ui->clientIdEdit, &QLineEdit::textEdited, this, credentialsEdited);
    connect(m_ui->clientSecretEdit, &QLineEdit::textEdited, this, credentialsEdited);

    connect(m_ui->saveButton, &QPushButton::clicked, this, &CredentialsPanel::saveToKeychain);
    connect(m_ui->forgetButton, &QPushButton::clicked, this, &CredentialsPanel::forgetFromKeychain);
    connect(m_ui->useDemoButton, &QPushButton::clicked, this,
            &CredentialsPanel::useDemoCredentials);
    connect(m_ui->getTokenButton, &QPushButton::clicked, this, &CredentialsPanel::tokenRequested);
    connect(m_ui->clientSecretEdit, &QLineEdit::returnPressed, this,
            &CredentialsPanel::tokenRequested);

    gloo::CredentialStore *store = m_session->store();
    connect(store, &CredentialStore::loaded, this,
            [this](const QString &profile, const gloo::ClientCredentials &credentials) {
                if (profile != m_profile)
                    return;
                // What the user typed while the keychain answered wins.
                if (m_ui->clientIdEdit->text().isEmpty()
                    && m_ui->clientSecretEdit->text().isEmpty()) {
                    setCredentials(credentials);
                }
                setKeychainStatus(tr("Saved in the system keychain."));
                emit keychainAvailable();
            });
    connect(store, &CredentialStore::notFound, this, [this](const QString &profile) {
        if (profile != m_profile)
            return;
        setKeychainStatus(tr("Not saved in the keychain."));
        emit keychainAvailable();
    });
    connect(store, &CredentialStore::saved, this, [this](const QString &profile) {
        if (profile != m_profile)
            return;
        m_sessionOnly = false;
        setKeychainStatus(tr("Saved in the system keychain."));
        emit keychainAvailable();
    });
    connect(store, &CredentialStore::forgotten, this, [this](const QString &profile) {
        if (profile != m_profile)
            return;
        setKeychainStatus(tr("Removed from the system keychain. The fields keep the values "
                             "until you close the window."));
    });
    connect(store, &CredentialStore::failed, this,
            [this](const QString &profile, const gloo::Failure &failure) {
                if (profile != m_profile)
                    return;
                m_sessionOnly = true;
                setKeychainStatus(tr("Keychain unavailable: credentials are kept for this "
                                     "session only and never written to disk."),
                                  true);
                emit keychainUnavailable(failure);
            });

    restoreSettings();
}

CredentialsPanel::~CredentialsPanel() = default;

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

gloo::ClientCredentials CredentialsPanel::credentials() const
{
    return {m_ui->clientIdEdit->text().trimmed(), m_ui->clientSecretEdit->text()};
}

void CredentialsPanel::setCredentials(const gloo::ClientCredentials &credentials)
{
    m_ui->clientIdEdit->setText(credentials.clientId);
    m_ui->clientSecretEdit->setText(credentials.clientSecret);
    m_problemView->clearFailure();
    m_session->tokens()->setCredentials(this->credentials());
}

QString CredentialsPanel::keychainStatusText() const
{
    return m_ui->keychainStatusLabel->text();
}

gloo::Failure CredentialsPanel::formProblem() const
{
    return m_problemView->failure();
}

gloo::Environment CredentialsPanel::currentEnvironment() const
{
    switch (environmentKind()) {
    case Kind::Production: return gloo::Environment::production();
    case Kind::Sandbox: return gloo::Environment::sandbox();
    case Kind::Custom:
        return gloo::Environment::custom(gloo::normalizedBaseUrl(m_ui->baseUrlEdit->text()));
    }
    return gloo::Environment::production();
}

bool CredentialsPanel::applyEnvironment(bool reportProblems)
{
    const gloo::Environment environment = currentEnvironment();
    QString problemText;
    const bool usable = m_session->useEnvironment(environment, &problemText);
    updateEnvironmentFields();
    if (usable || !reportProblems)
        return usable;

    const QString typed = m_ui->baseUrlEdit->text().trimmed();
    const bool insecure = environment.baseUrl.isValid() && !environment.baseUrl.isEmpty()
                          && !gloo::isTransportAllowed(environment.baseUrl);
    gloo::Failure failure = gloo::Failure::make(insecure ? gloo::Failure::Kind::InsecureTransport
                                                         : gloo::Failure::Kind::InvalidRequest);
    failure.message = problemText;
    failure.nextStep = insecure ? tr("Use an https:// address.")
                                : tr("Pick another environment or correct the base URL.");
    if (environmentKind() == Kind::Custom && !typed.isEmpty() && !environment.baseUrl.isValid())
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
    if (environmentKind() == Kind::Custom && !applyEnvironment(true))
        return;
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

void CredentialsPanel::onEnvironmentChanged()
{
    m_problemView->clearFailure();
    const bool custom = environmentKind() == Kind::Custom;
    m_ui->baseUrlEdit->setReadOnly(!custom);
    if (custom)
        m_ui->baseUrlEdit->setText(QSettings().value(kCustomUrlKey).toString());
    applyEnvironment(false);
    switchProfile();
    saveSettings();
}

void CredentialsPanel::switchProfile()
{
    const QString profile = m_session->tokens()->environment().profileKey();
    if (profile == m_profile)
        return;
    storeDraft();
    m_profile = profile;

    const auto draft = m_drafts.constFind(m_profile);
    setCredentials(draft != m_drafts.constEnd() ? *draft : gloo::ClientCredentials());
    // Asked even when a draft exists, so the status always tells the truth
    // about this profile; a draft is never overwritten by the answer.
    setKeychainStatus(tr("Looking in the system keychain…"));
    m_session->store()->load(m_profile);
}

void CredentialsPanel::storeDraft()
{
    if (m_profile.isEmpty())
        return;
    const gloo::ClientCredentials values = credentials();
    if (values.clientId.isEmpty() && values.clientSecret.isEmpty())
        m_drafts.remove(m_profile);
    else
        m_drafts.insert(m_profile, values);
}

void CredentialsPanel::updateEnvironmentFields()
{
    const Kind kind = environmentKind();
    gloo::BuiltInSandbox *sandbox = m_session->builtInSandbox();

    if (kind == Kind::Production) {
        m_ui->baseUrlEdit->setText(gloo::Environment::productionUrl().toString());
    } else if (kind == Kind::Sandbox) {
        const QUrl url = m_session->tokens()->environment().baseUrl;
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
}

void CredentialsPanel::setKeychainStatus(const QString &text, bool isWarning)
{
    m_ui->keychainStatusLabel->setText(text);
    m_ui->keychainStatusLabel->setStyleSheet(isWarning ? QStringLiteral("color: #8a4b00;")
                                                       : QStringLiteral("color: palette(mid);"));
}

void CredentialsPanel::showProblem(const gloo::Failure &failure)
{
    m_problemView->showFailure(failure);
}

void CredentialsPanel::restoreSettings()
{
    QSettings settings;
    const Kind kind = gloo::Environment::kindFromKey(settings.value(kEnvironmentKey).toString(),
                                                     Kind::Production);
    const int index = m_ui->environmentCombo->findData(static_cast<int>(kind));
    if (index == m_ui->environmentCombo->currentIndex())
        onEnvironmentChanged();
    else
        m_ui->environmentCombo->setCurrentIndex(index);
}

void CredentialsPanel::saveSettings() const
{
    QSettings settings;
    settings.setValue(kEnvironmentKey, gloo::Environment::kindKey(environmentKind()));
    if (environmentKind() == Kind::Custom)
        settings.setValue(kCustomUrlKey, m_ui->baseUrlEdit->text().trimmed());
}

} // namespace gloo::gui
