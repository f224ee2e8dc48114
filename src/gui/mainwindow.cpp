#include "mainwindow.h"

#include "ui_mainwindow.h"

#include "authlogview.h"
#include "chatview.h"
#include "completionsview.h"
#include "core/modelcatalogloader.h"
#include "core/session.h"
#include "credentialspanel.h"
#include "modelsview.h"
#include "requestconsole.h"
#include "tokenpanel.h"
#include "uilogging.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

namespace gloo::gui {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kSplitterKey = QStringLiteral("window/splitter");

} // namespace

MainWindow::MainWindow(gloo::Session *session, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_session(session)
    , m_credentials(new CredentialsPanel(session))
    , m_tokenPanel(new TokenPanel(session->tokens()))
    , m_console(new RequestConsole(session->api()))
    , m_authLog(new AuthLogView(session->authLog()))
    , m_tabs(new QTabWidget(this))
    , m_statusToken(new QLabel(this))
    , m_statusTicker(new QTimer(this))
{
    m_ui->setupUi(this);
    m_ui->keychainBanner->hide();
    m_ui->sidePaneLayout->addWidget(m_credentials);
    m_ui->sidePaneLayout->addWidget(m_tokenPanel);
    m_ui->sidePaneLayout->addStretch();
    m_tabs->setObjectName(QStringLiteral("workTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_console, tr("Request console"));
    m_tabs->addTab(m_authLog, tr("Auth log"));
    auto *catalog = new gloo::ModelCatalogLoader(session->api(), this);
    m_chat = new ChatView(session->api(), catalog);
    m_completions = new CompletionsView(session->api(), catalog);
    m_models = new ModelsView(catalog);
    m_tabs->addTab(m_chat, tr("Chat"));
    m_tabs->addTab(m_completions, tr("Completions"));
    m_tabs->addTab(m_models, tr("Models"));
    m_ui->consolePaneLayout->addWidget(m_tabs);
    m_ui->splitter->setStretchFactor(0, 0);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({400, 780});
    m_ui->sidePane->setMinimumWidth(340);
    statusBar()->addPermanentWidget(m_statusToken);

    m_console->setPreparation([this] { return m_credentials->applyToSession(); });
    m_chat->setPreparation([this] { return m_credentials->applyToSession(); });
    m_completions->setPreparation([this] { return m_credentials->applyToSession(); });

    connect(m_credentials, &CredentialsPanel::tokenRequested, this, &MainWindow::requestToken);
    connect(m_credentials, &CredentialsPanel::keychainUnavailable, this,
            [this](const gloo::Failure &failure) {
                m_ui->keychainBannerLabel->setText(
                    QStringLiteral("<b>%1</b> %2")
                        .arg(failure.message.toHtmlEscaped(), failure.nextStep.toHtmlEscaped()));
                m_ui->keychainBannerLabel->setToolTip(failure.detail);
                m_ui->keychainBanner->show();
            });
    connect(m_credentials, &CredentialsPanel::keychainAvailable, m_ui->keychainBanner,
            &QWidget::hide);
    connect(m_ui->keychainBannerClose, &QToolButton::clicked, m_ui->keychainBanner, &QWidget::hide);

    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->getTokenAction, &QAction::triggered, this, &MainWindow::requestToken);
    connect(m_ui->clearTokenAction, &QAction::triggered, m_session->tokens(), &TokenManager::clear);
    connect(m_ui->saveCredentialsAction, &QAction::triggered, m_credentials,
            &CredentialsPanel::saveToKeychain);
    connect(m_ui->forgetCredentialsAction, &QAction::triggered, m_credentials,
            &CredentialsPanel::forgetFromKeychain);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->importDotEnvAction, &QAction::triggered, this, &MainWindow::importDotEnv);
    connect(m_ui->importEnvironmentAction, &QAction::triggered, m_credentials,
            &CredentialsPanel::importFromEnvironment);

    connect(m_session->tokens(), &TokenManager::stateChanged, this, &MainWindow::updateStatusBar);
    connect(m_session->tokens(), &TokenManager::tokenIssued, this, &MainWindow::updateStatusBar);
    connect(m_session->tokens(), &TokenManager::environmentChanged, this,
            &MainWindow::updateStatusBar);
    connect(m_statusTicker, &QTimer::timeout, this, &MainWindow::updateStatusBar);
    m_statusTicker->start(1000);
    updateStatusBar();

    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    m_ui->splitter->restoreState(settings.value(kSplitterKey).toByteArray());
}

MainWindow::~MainWindow() = default;

bool MainWindow::isKeychainBannerVisible() const
{
    return !m_ui->keychainBanner->isHidden();
}

QString MainWindow::statusBarTokenText() const
{
    return m_statusToken->text();
}

void MainWindow::requestToken()
{
    if (!m_credentials->applyToSession())
        return;
    statusBar()->clearMessage();
    m_session->tokens()->requestToken(TokenManager::Reason::Manual);
}

void MainWindow::updateStatusBar()
{
    TokenManager *tokens = m_session->tokens();
    QString text = tr("Token: %1").arg(TokenPanel::badgeText(tokens->state()));
    if (!tokens->token().isNull())
        text += QStringLiteral(" · ") + TokenPanel::formatCountdown(tokens->secondsRemaining());
    const gloo::Environment environment = tokens->environment();
    text += QStringLiteral(" · ") + environment.displayName();
    m_statusToken->setText(text);
}

void MainWindow::importDotEnv()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import credentials from a .env file"), QDir::homePath(),
        tr(".env files (.env *.env);;All files (*)"), nullptr, QFileDialog::DontResolveSymlinks);
    if (path.isEmpty() || !m_credentials->importDotEnv(path))
        return;
    // Said plainly, because the file stays exactly as it was.
    QMessageBox box(QMessageBox::Information, tr("Credentials imported"),
                    tr("The Client ID and Client Secret were imported and are being saved in "
                       "the system keychain."),
                    QMessageBox::Ok, this);
    box.setInformativeText(tr("%1 still contains the Client Secret in plain text; Gloo Console "
                              "does not change or delete it. If you no longer need the file, "
                              "delete it yourself, and keep it out of version control and "
                              "shared folders.")
                               .arg(QDir::toNativeSeparators(path)));
    box.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Gloo Console"),
        tr("<h3>Gloo Console %1</h3><p>Check Gloo AI credentials, explore the API and demo "
           "chat and completions.</p><p>Your Client Secret is kept in the system keychain and "
           "access tokens only in memory.</p>")
            .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kSplitterKey, m_ui->splitter->saveState());
    m_console->cancel();
    m_chat->stop();
    m_completions->stop();
    m_session->tokens()->clear();
    qCInfo(lcUi) << "main window closed, token wiped";
    event->accept();
}

} // namespace gloo::gui
