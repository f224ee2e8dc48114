#include "secretclipboard.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QMimeData>
#include <QSettings>

namespace gloo::gui {

namespace {

// Only a hash of what was copied is kept, so this object never holds the
// secret itself once it is on the clipboard.
QByteArray hashOf(const QString &text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace

SecretClipboard::SecretClipboard(QObject *parent)
    : QObject(parent)
{
    m_clearTimer.setSingleShot(true);
    connect(&m_clearTimer, &QTimer::timeout, this, &SecretClipboard::clearIfUnchanged);
}

QString SecretClipboard::secretHintFormat()
{
    return QStringLiteral("x-kde-passwordManagerHint");
}

int SecretClipboard::clearAfterSeconds()
{
    return QSettings().value(QStringLiteral("security/clipboardClearSeconds"), 30).toInt();
}

void SecretClipboard::copy(const QString &secret, int clearAfterSeconds)
{
    auto *data = new QMimeData;
    data->setText(secret);
    data->setData(secretHintFormat(), QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(data);

    m_fingerprint = hashOf(secret);
    if (clearAfterSeconds > 0)
        m_clearTimer.start(clearAfterSeconds * 1000);
}

void SecretClipboard::clearNow()
{
    if (!m_clearTimer.isActive())
        return;
    m_clearTimer.stop();
    clearIfUnchanged();
}

void SecretClipboard::clearIfUnchanged()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    // Something the user copied since then is theirs: leave it alone.
    if (hashOf(clipboard->text()) == m_fingerprint)
        clipboard->clear();
    m_fingerprint.clear();
}

} // namespace gloo::gui
