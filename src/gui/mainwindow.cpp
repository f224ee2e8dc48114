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
#include <QScrollArea>
#include <QSettings>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

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
    , m_tabs(new QTabWidget(this))
    , m_catalog(new gloo::ModelCatalogLoader(session->api(), this))
    , m_statusToken(new QLabel(this))
    , m_afterFirstPaint(new QTimer(this))
{
    m_ui->setupUi(this);
    m_ui->keychainBanner->hide();
    m_ui->sidePaneLayout->addWidget(m_credentials);
    m_ui->sidePaneLayout->addWidget(m_tokenPanel);
    m_ui->sidePaneLayout->addStretch();
    m_tabs->setObjectName(QStringLiteral("workTabs"));
    m_tabs->setDocumentMode(true);
    addTabs();
    m_ui->consolePaneLayout->addWidget(m_tabs);
    m_ui->splitter->setStretchFactor(0, 0);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({400, 780});
    m_ui->sidePane->setMinimumWidth(340);
    // In a window too short for the credentials and the token together, the
    // side pane scrolls instead of squeezing its fields on top of each other.
    auto *sideScroll = new QScrollArea;
    sideScroll->setObjectName(QStringLiteral("sidePaneScroll"));
    sideScroll->setFrameShape(QFrame::NoFrame);
    sideScroll->setWidgetResizable(true);
    sideScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_ui->splitter->replaceWidget(0, sideScroll);
    sideScroll->setWidget(m_ui->sidePane);
    sideScroll->setMinimumWidth(340 + style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    // Neither side can be dragged away to nothing, and the window keeps the
    // height the request console needs for its fields and a few lines of
    // body and answer.
    m_ui->splitter->setChildrenCollapsible(false);
    setMinimumHeight(520);
    // The profile's name is shown as typed, never read as markup.
    m_statusToken->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_statusToken);

    m_console->setPreparation([this] { return m_credentials->applyToSession(); });

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
    // The profile actions belong to the credentials panel; the menu offers
    // them as well.
    QAction *firstCredentialsAction = m_ui->credentialsMenu->actions().value(0);
    m_ui->credentialsMenu->insertActions(
        firstCredentialsAction,
        {m_credentials->newProfileAction(), m_credentials->renameProfileAction(),
         m_credentials->duplicateProfileAction(), m_credentials->deleteProfileAction()});
    m_ui->credentialsMenu->insertSeparator(firstCredentialsAction);
    connect(m_credentials, &CredentialsPanel::profileChanged, this, &MainWindow::updateStatusBar);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->importDotEnvAction, &QAction::triggered, this, &MainWindow::importDotEnv);
    connect(m_ui->importEnvironmentAction, &QAction::triggered, m_credentials,
            &CredentialsPanel::importFromEnvironment);

    connect(m_session->tokens(), &TokenManager::stateChanged, this, &MainWindow::updateStatusBar);
    connect(m_session->tokens(), &TokenManager::tokenIssued, this, &MainWindow::updateStatusBar);
    connect(m_session->tokens(), &TokenManager::environmentChanged, this,
            &MainWindow::updateStatusBar);
    // The status bar's countdown moves with the token panel's, never a
    // second apart from it.
    connect(m_tokenPanel, &TokenPanel::countdownUpdated, this, &MainWindow::updateStatusBar);
    updateStatusBar();

    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    m_ui->splitter->restoreState(settings.value(kSplitterKey).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::addTabs()
{
    // Only the request console is on screen at start. The other tabs get an
    // empty page now and their view the first time they are shown or asked
    // for, so the window appears without building four views nobody sees yet.
    m_tabs->addTab(m_console, tr("Request console"));
    for (const QString &title : {tr("Auth log"), tr("Chat"), tr("Completions"), tr("Models")}) {
        auto *page = new QWidget;
        auto *layout = new QVBoxLayout(page);
        layout->setContentsMargins(0, 0, 0, 0);
        m_tabs->addTab(page, title);
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::buildTab);

    m_afterFirstPaint->setSingleShot(true);
    m_afterFirstPaint->setInterval(0);
    connect(m_afterFirstPaint, &QTimer::timeout, this, &MainWindow::finishStartup);
}

void MainWindow::buildTab(int index)
{
    switch (Tab(index)) {
    case Tab::AuthLog: authLogView(); break;
    case Tab::Chat: chatView(); break;
    case Tab::Completions: completionsView(); break;
    case Tab::Models: modelsView(); break;
    case Tab::Console: break;
    }
}

void MainWindow::placeInTab(Tab tab, QWidget *view)
{
    QWidget *page = m_tabs->widget(int(tab));
    page->layout()->addWidget(view);
    // Shown now rather than when the layout gets round to it, so a tab that
    // is being switched to never paints empty; inside a hidden page this only
    // means "show along with the page".
    view->show();
}

AuthLogView *MainWindow::authLogView()
{
    if (!m_authLog) {
        m_authLog = new AuthLogView(m_session->authLog());
        placeInTab(Tab::AuthLog, m_authLog);
    }
    return m_authLog;
}

ChatView *MainWindow::chatView()
{
    if (!m_chat) {
        m_chat = new ChatView(m_session->api(), m_catalog);
        m_chat->setPreparation([this] { return m_credentials->applyToSession(); });
        placeInTab(Tab::Chat, m_chat);
    }
    return m_chat;
}

CompletionsView *MainWindow::completionsView()
{
    if (!m_completions) {
        m_completions = new CompletionsView(m_session->api(), m_catalog);
        m_completions->setPreparation([this] { return m_credentials->applyToSession(); });
        placeInTab(Tab::Completions, m_completions);
    }
    return m_completions;
}

ModelsView *MainWindow::modelsView()
{
    if (!m_models) {
        m_models = new ModelsView(m_catalog);
        placeInTab(Tab::Models, m_models);
    }
    return m_models;
}

bool MainWindow::event(QEvent *event)
{
    // What the first frame does not need waits until it is on screen.
    if (event->type() == QEvent::Paint && !m_firstPaintSeen) {
        m_firstPaintSeen = true;
        m_afterFirstPaint->start();
    }
    return QMainWindow::event(event);
}

void MainWindow::finishStartup()
{
    // Closed before it got this far: nobody is waiting for the credentials.
    if (!isVisible())
        return;
    m_credentials->lookUpSavedCredentials();
}

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
    const QString profileName = m_credentials->currentProfile().name;
    text += QStringLiteral(" · ")
            + (profileName.isEmpty() ? environment.displayName() : profileName);
    m_statusToken->setText(text);
    m_statusToken->setToolTip(environment.displayName());
}

void MainWindow::importDotEnv()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import credentials from a .env file"), QDir::homePath(),
        tr(".env files (.env *.env);;All files (*)"), nullptr, QFileDialog::DontResolveSymlinks);
    if (!path.isEmpty())
        importDotEnvFile(path);
}

void MainWindow::importDotEnvFile(const QString &path)
{
    if (!m_credentials->importDotEnv(path))
        return;
    // Said plainly, because the file stays exactly as it was.
    const QString file = QDir::toNativeSeparators(path);
    const bool keychain = !m_credentials->isSessionOnly() && !isKeychainBannerVisible();
    QMessageBox box(QMessageBox::Information, tr("Credentials imported"),
                    keychain ? tr("The Client ID and Client Secret were imported and are being "
                                  "saved in the system keychain.")
                             : tr("The Client ID and Client Secret were imported for this session "
                                  "only: the system keychain is not available, so they are not "
                                  "saved."),
                    QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("dotEnvImportedDialog"));
    box.setInformativeText(
        keychain ? tr("%1 still contains the Client Secret in plain text; Gloo Console does not "
                      "change or delete it. If you no longer need the file, delete it yourself, "
                      "and keep it out of version control and shared folders.")
                       .arg(file)
                 : tr("Keep %1 until the keychain works again: it is where the Client Secret "
                      "stays. Keep it out of version control and shared folders.")
                       .arg(file));
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
    // Written only when they changed: an unchanged layout is not worth
    // rewriting the settings file, and flushing it to disk, at every quit.
    QSettings settings;
    const auto store = [&settings](const QString &key, const QByteArray &value) {
        if (settings.value(key).toByteArray() != value)
            settings.setValue(key, value);
    };
    store(kGeometryKey, saveGeometry());
    store(kSplitterKey, m_ui->splitter->saveState());
    m_console->cancel();
    if (m_chat)
        m_chat->stop();
    if (m_completions)
        m_completions->stop();
    m_session->tokens()->clear();
    qCInfo(lcUi) << "main window closed, token wiped";
    event->accept();
}

} // namespace gloo::gui
