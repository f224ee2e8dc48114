#include "credentialspanel.h"

#include "ui_credentialspanel.h"

#include "core/session.h"
#include "uilogging.h"

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
{
    m_ui->setupUi(this);

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
    });
    connect(m_ui->saveButton, &QPushButton::clicked, this, &CredentialsPanel::saveToKeychain);
    connect(m_ui->forgetButton, &QPushButton::clicked, this, &CredentialsPanel::forgetFromKeychain);
    connect(m_ui->useDemoButton, &QPushButton::clicked, this, &CredentialsPanel::useDemoCredentials);
    connect(m_ui->getTokenButton, &QPushButton::clicked, this, &CredentialsPanel::tokenRequested);
    connect(m_ui->clientSecretEdit, &QLineEdit::returnPressed, this,
            &CredentialsPanel::tokenRequested);

    gloo::CredentialStore *store = m_session->store();
    connect(store, &CredentialStore::loaded, this,
            [this](const QString &profile, const gloo::ClientCredentials &credentials) {
                if (profile != profileName())
                    return;
                // What the user typed while the keychain answered wins.
                if (m_ui->clientIdEdit->text().isEmpty()
                    && m_ui->clientSecretEdit->text().isEmpty()) {
                    setCredentials(credentials);
                }
                setKeychainStatus(tr("Loaded from the system keychain."));
                emit keychainAvailable();
            });
    connect(store, &CredentialStore::notFound, this, [this](const QString &profile) {
        if (profile != profileName())
            return;
        setKeychainStatus(tr("Nothing saved for this environment yet."));
        emit keychainAvailable();
    });
    connect(store, &CredentialStore::saved, this, [this](const QString &profile) {
        if (profile != profileName())
            return;
        m_sessionOnly = false;
        setKeychainStatus(tr("Saved in the system keychain."));
        emit keychainAvailable();
    });
    connect(store, &CredentialStore::forgotten, this, [this](const QString &profile) {
        if (profile != profileName())
            return;
        setKeychainStatus(tr("Removed from the system keychain."));
    });
    connect(store, &CredentialStore::failed, this,
            [this](const QString &profile, const gloo::Failure &failure) {
                if (profile != profileName())
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

gloo::ClientCredentials CredentialsPanel::credentials() const
{
    return {m_ui->clientIdEdit->text().trimmed(), m_ui->clientSecretEdit->text()};
}

void CredentialsPanel::setCredentials(const gloo::ClientCredentials &credentials)
{
    m_ui->clientIdEdit->setText(credentials.clientId);
    m_ui->clientSecretEdit->setText(credentials.clientSecret);
}

QString CredentialsPanel::keychainStatusText() const
{
    return m_ui->keychainStatusLabel->text();
}

QString CredentialsPanel::profileName() const
{
    return gloo::Environment::kindKey(m_shownKind);
}

gloo::Environment CredentialsPanel::currentEnvironment() const
{
    switch (environmentKind()) {
    case Kind::Production:
        return gloo::Environment::production();
    case Kind::Sandbox:
        return gloo::Environment::sandbox();
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

    const bool insecure = !environment.baseUrl.isEmpty()
                          && !gloo::isTransportAllowed(environment.baseUrl);
    gloo::Failure failure = gloo::Failure::make(insecure ? gloo::Failure::Kind::InsecureTransport
                                                         : gloo::Failure::Kind::InvalidRequest);
    failure.message = problemText;
    if (!insecure)
        failure.nextStep = tr("Pick another environment or correct the base URL.");
    qCInfo(lcUi) << "environment not usable:" << problemText;
    emit problem(failure);
    return false;
}

bool CredentialsPanel::applyToSession()
{
    if (!applyEnvironment(true))
        return false;
    m_session->tokens()->setCredentials(credentials());
    return true;
}

void CredentialsPanel::saveToKeychain()
{
    const gloo::ClientCredentials values = credentials();
    if (!values.isComplete()) {
        emit problem(gloo::Failure::make(gloo::Failure::Kind::MissingCredentials));
        return;
    }
    setKeychainStatus(tr("Saving to the system keychain…"));
    m_session->store()->save(profileName(), values);
}

void CredentialsPanel::forgetFromKeychain()
{
    setKeychainStatus(tr("Removing from the system keychain…"));
    m_session->store()->forget(profileName());
}

void CredentialsPanel::useDemoCredentials()
{
    gloo::BuiltInSandbox *sandbox = m_session->builtInSandbox();
    if (!sandbox)
        return;
    setCredentials({sandbox->demoClientId(), sandbox->demoClientSecret()});
}

void CredentialsPanel::onEnvironmentChanged(int)
{
    storeDraft();
    m_shownKind = environmentKind();
    m_session->tokens()->clear();

    const auto draft = m_drafts.constFind(static_cast<int>(m_shownKind));
    if (draft != m_drafts.constEnd()) {
        setCredentials(*draft);
    } else {
        setCredentials({});
        loadFromKeychain();
    }

    const bool custom = m_shownKind == Kind::Custom;
    m_ui->baseUrlEdit->setReadOnly(!custom);
    if (custom)
        m_ui->baseUrlEdit->setText(QSettings().value(kCustomUrlKey).toString());
    applyEnvironment(false);
    saveSettings();
}

void CredentialsPanel::storeDraft()
{
    const gloo::ClientCredentials values = credentials();
    if (values.clientId.isEmpty() && values.clientSecret.isEmpty())
        m_drafts.remove(static_cast<int>(m_shownKind));
    else
        m_drafts.insert(static_cast<int>(m_shownKind), values);
}

void CredentialsPanel::loadFromKeychain()
{
    setKeychainStatus(tr("Looking in the system keychain…"));
    m_session->store()->load(profileName());
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
    m_ui->keychainStatusLabel->setStyleSheet(
        isWarning ? QStringLiteral("color: #8a4b00;") : QStringLiteral("color: palette(mid);"));
}

void CredentialsPanel::restoreSettings()
{
    QSettings settings;
    const Kind kind = gloo::Environment::kindFromKey(
        settings.value(kEnvironmentKey).toString(), Kind::Production);

    const int index = m_ui->environmentCombo->findData(static_cast<int>(kind));
    if (index == m_ui->environmentCombo->currentIndex())
        onEnvironmentChanged(index);
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
