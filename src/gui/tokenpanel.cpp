#include "tokenpanel.h"

#include "ui_tokenpanel.h"

#include "failureview.h"
#include "secretclipboard.h"

#include <QJsonObject>
#include <QLocale>
#include <QSettings>
#include <QToolButton>

namespace gloo::gui {

namespace {

using State = gloo::TokenManager::State;

// The badge's background and text colours for each state.
QPair<QColor, QColor> badgeColours(State state)
{
    const QColor white(Qt::white);
    switch (state) {
    case State::Valid: return {QColor(0x1e, 0x7d, 0x32), white};
    case State::Expiring: return {QColor(0xe0, 0xa8, 0x00), QColor(Qt::black)};
    case State::Refreshing:
    case State::Requesting: return {QColor(0x15, 0x65, 0xc0), white};
    case State::Expired: return {QColor(0x6d, 0x4c, 0x41), white};
    case State::Failed: return {QColor(0xc6, 0x28, 0x28), white};
    case State::None: break;
    }
    return {QColor(0x75, 0x75, 0x75), white};
}

// The time alone for today, with the date otherwise: a token lives an hour,
// so the date is almost always noise.
QString localTime(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    QString clock = local.toString(QStringLiteral("HH:mm:ss"));
    if (local.date() == QDate::currentDate())
        return clock;
    return QLocale().toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ') + clock;
}

QString claimTime(const QJsonObject &claims, const QString &name)
{
    const QJsonValue value = claims.value(name);
    if (!value.isDouble())
        return {};
    return localTime(QDateTime::fromSecsSinceEpoch(gloo::jsonSeconds(value).value_or(0), Qt::UTC));
}

} // namespace

TokenPanel::TokenPanel(gloo::TokenManager *tokens, QWidget *parent)
    : QGroupBox(parent)
    , m_ui(std::make_unique<Ui::TokenPanel>())
    , m_tokens(tokens)
    , m_clipboard(new SecretClipboard(this))
    , m_copyButton(new QToolButton(this))
{
    m_ui->setupUi(this);
    m_copyButton->setObjectName(QStringLiteral("copyTokenButton"));
    m_copyButton->setText(tr("Copied"));
    const int copiedWidth = m_copyButton->sizeHint().width();
    m_copyButton->setText(tr("Copy token"));
    // As wide for either text, so the button does not jump.
    m_copyButton->setMinimumWidth(qMax(copiedWidth, m_copyButton->sizeHint().width()));
    m_ui->claimsLayout->addRow(QString(), m_copyButton);
    connect(m_copyButton, &QToolButton::clicked, this, &TokenPanel::copyToken);
    m_copiedTimer.setSingleShot(true);
    m_copiedTimer.setInterval(2000);
    connect(&m_copiedTimer, &QTimer::timeout, this,
            [this] { m_copyButton->setText(tr("Copy token")); });
    QFont countdownFont = m_ui->countdownLabel->font();
    countdownFont.setPointSizeF(countdownFont.pointSizeF() * 1.6);
    countdownFont.setFamily(QStringLiteral("monospace"));
    countdownFont.setStyleHint(QFont::Monospace);
    m_ui->countdownLabel->setFont(countdownFont);
    m_ui->countdownLabel->setAccessibleName(tr("Time until the token expires"));

    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &TokenPanel::updateCountdown);
    connect(m_tokens, &TokenManager::stateChanged, this, &TokenPanel::updateState);
    connect(m_tokens, &TokenManager::tokenIssued, this, &TokenPanel::updateState);
    connect(m_tokens, &TokenManager::exchangeFailed, this, &TokenPanel::updateState);
    connect(m_tokens, &TokenManager::tokenCleared, this, &TokenPanel::updateState);
    // A wiped token does not stay behind on the clipboard.
    connect(m_tokens, &TokenManager::tokenCleared, m_clipboard, &SecretClipboard::clearNow);
    connect(m_tokens, &TokenManager::tokenRejected, this, &TokenPanel::updateState);
    m_retryTicker.setInterval(250);
    connect(&m_retryTicker, &QTimer::timeout, this, &TokenPanel::showRetry);
    connect(m_tokens, &TokenManager::retryScheduled, this,
            [this](int retry, int delayMs, const gloo::Failure &failure) {
                m_retry = PendingRetry{failure.message, retry, QDeadlineTimer(delayMs)};
                m_retryTicker.start();
                showRetry();
            });
    connect(m_ui->failureView, &FailureView::retryRequested, this,
            [this] { m_tokens->requestToken(TokenManager::Reason::Manual); });

    updateState();
}

TokenPanel::~TokenPanel() = default;

QString TokenPanel::badgeText(State state)
{
    switch (state) {
    case State::None: return tr("No token");
    case State::Requesting: return tr("Requesting…");
    case State::Valid: return tr("Valid");
    case State::Expiring: return tr("Expiring soon");
    case State::Refreshing: return tr("Refreshing…");
    case State::Expired: return tr("Expired");
    case State::Failed: return tr("Failed");
    }
    return {};
}

QString TokenPanel::formatCountdown(qint64 seconds)
{
    const qint64 clamped = qMax<qint64>(0, seconds);
    const qint64 hours = clamped / 3600;
    const qint64 minutes = (clamped % 3600) / 60;
    const qint64 rest = clamped % 60;
    if (hours > 0) {
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(rest, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1:%2")
        .arg(minutes, 2, 10, QLatin1Char('0'))
        .arg(rest, 2, 10, QLatin1Char('0'));
}

QString TokenPanel::stateText() const
{
    return m_ui->stateBadge->text();
}

QString TokenPanel::countdownText() const
{
    return m_ui->countdownLabel->text();
}

int TokenPanel::clipboardClearSeconds()
{
    return SecretClipboard::clearAfterSeconds();
}

void TokenPanel::copyToken()
{
    const gloo::AccessToken &token = m_tokens->token();
    // An expired token is of no use elsewhere.
    if (token.isNull() || m_tokens->secondsRemaining() <= 0)
        return;
    m_clipboard->copy(QString::fromLatin1(token.value), clipboardClearSeconds());
    m_copyButton->setText(tr("Copied"));
    m_copiedTimer.start();
}

void TokenPanel::updateState()
{
    const State state = m_tokens->state();
    m_ui->stateBadge->setText(badgeText(state));
    const auto [background, text] = badgeColours(state);
    m_ui->stateBadge->setColours(background, text);

    const gloo::AccessToken &token = m_tokens->token();
    QString summary;
    switch (state) {
    case State::None:
        summary = tr("Enter your credentials and press Get token, or just send a request.");
        break;
    case State::Requesting:
        summary = tr("Exchanging the Client ID and Secret for an access token…");
        break;
    case State::Refreshing: summary = tr("Renewing the access token…"); break;
    case State::Failed: summary.clear(); break;
    case State::Expired:
        summary = tr("The token has expired. A new one is fetched with the next request.");
        break;
    default:
        // Still valid, but its renewal failed: the failure box says why.
        summary = m_tokens->lastFailure().isFailure()
                      ? tr("Its renewal failed; this token still works until it expires.")
                      : tr("Renewed automatically shortly before it expires.");
        break;
    }
    if (!m_tokens->expiryNote().isEmpty() && !token.isNull())
        summary += QLatin1Char(' ') + m_tokens->expiryNote();
    m_ui->summaryLabel->setText(summary);
    m_ui->summaryLabel->setVisible(!summary.isEmpty());

    // While an exchange runs, the summary says what happens (and why it is
    // tried again); the last exchange's failure would be old news.
    const bool exchanging = state == State::Requesting || state == State::Refreshing;
    if (!exchanging) {
        m_retry.reset();
        m_retryTicker.stop();
    }
    // A slow or silent server can keep an exchange (and its retries) going
    // for minutes: it can be stopped.
    if (exchanging && !m_stopButton) {
        m_stopButton = new QToolButton(this);
        m_stopButton->setObjectName(QStringLiteral("stopTokenButton"));
        m_stopButton->setText(tr("Stop"));
        m_stopButton->setToolTip(tr("Stop asking for a token"));
        m_ui->stateLayout->insertWidget(1, m_stopButton);
        connect(m_stopButton, &QToolButton::clicked, m_tokens, &TokenManager::cancelExchange);
    }
    if (m_stopButton)
        m_stopButton->setVisible(exchanging);
    showRetry();
    m_ui->failureView->showFailure(exchanging ? gloo::Failure() : m_tokens->lastFailure());

    updateClaims();
    updateCountdown();
    if (token.isNull())
        m_ticker.stop();
    else if (!m_ticker.isActive())
        m_ticker.start();
}

void TokenPanel::showRetry()
{
    if (!m_retry)
        return;
    const qint64 msLeft = m_retry->due.remainingTime();
    // Counted down in whole seconds, rounded up: "in 0 s" never shows.
    const QString when = msLeft > 0 ? tr("Trying again in %1 s").arg((msLeft + 999) / 1000)
                                    : tr("Trying again now");
    // One arg() call, so a "%" in the server's message stays as it is.
    m_ui->summaryLabel->setText(
        tr("%1 %2 (retry %3).").arg(m_retry->why, when, QString::number(m_retry->retry)));
    m_ui->summaryLabel->show();
    if (msLeft <= 0)
        m_retryTicker.stop();
}

void TokenPanel::updateCountdown()
{
    const gloo::AccessToken &token = m_tokens->token();
    if (token.isNull()) {
        m_ui->countdownLabel->clear();
        updateCopyButton();
        return;
    }
    const qint64 remaining = m_tokens->secondsRemaining();
    m_ui->countdownLabel->setText(formatCountdown(remaining));
    m_ui->countdownLabel->setToolTip(tr("Expires at %1").arg(localTime(token.expiresAt)));
    updateCopyButton();
    emit countdownUpdated();
}

void TokenPanel::updateCopyButton()
{
    // Until the very end: a token about to be renewed still works. Checked
    // on every tick, since a token can run out while it is being renewed
    // (no change of state then).
    const bool usable = !m_tokens->token().isNull() && m_tokens->secondsRemaining() > 0;
    // The tooltip reads the settings: not on every tick, only on a change.
    if (usable == m_copyButton->isEnabled() && !m_copyButton->toolTip().isEmpty())
        return;
    m_copyButton->setEnabled(usable);
    m_copyButton->setToolTip(
        usable ? tr("Copy the access token for another tool. It is marked as a secret for "
                    "clipboard managers and removed from the clipboard after %1 seconds.")
                     .arg(clipboardClearSeconds())
               : tr("This token has expired and is of no use any more; get a new one first."));
}

void TokenPanel::updateClaims()
{
    const gloo::AccessToken &token = m_tokens->token();
    m_ui->claimsBox->setVisible(!token.isNull());
    if (token.isNull())
        return;

    const QJsonObject &claims = token.claims;
    const QString dash = QStringLiteral("—");
    auto claimText = [&](const char *name) {
        const QString value = claims.value(QLatin1String(name)).toString();
        return value.isEmpty() ? dash : value;
    };
    m_ui->clientIdValue->setText(claims.isEmpty() ? m_tokens->clientId() : claimText("client_id"));
    m_ui->scopeValue->setText(claimText("scope"));
    m_ui->issuerValue->setText(claimText("iss"));

    const QString issued = claimTime(claims, QStringLiteral("iat"));
    m_ui->issuedValue->setText(issued.isEmpty() ? localTime(token.issuedAt) : issued);
    // The expiry the client works with (from expires_in); the token's own exp
    // claim, which may differ by rounding, is one hover away.
    m_ui->expiresValue->setText(localTime(token.expiresAt));
    const QString claimedExpiry = claimTime(claims, QStringLiteral("exp"));
    m_ui->expiresValue->setToolTip(
        claimedExpiry.isEmpty() ? QString() : tr("The token's exp claim: %1").arg(claimedExpiry));
    m_ui->fingerprintValue->setText(token.fingerprint());

    if (claims.isEmpty())
        m_ui->issuerValue->setText(tr("Not a JWT: no claims to show"));
}

} // namespace gloo::gui
