#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace gloo::gui {

// Puts a secret on the clipboard marked as such for clipboard managers (so
// they do not keep it in their history), and clears it after a delay if it is
// still there.
class SecretClipboard : public QObject
{
    Q_OBJECT

public:
    explicit SecretClipboard(QObject *parent = nullptr);

    void copy(const QString &secret, int clearAfterSeconds);
    // How long a copied secret stays (security/clipboardClearSeconds, 30 s
    // unless set).
    static int clearAfterSeconds();
    bool isPending() const { return m_clearTimer.isActive(); }
    // Takes the secret off the clipboard now, if it is still there (the
    // secret was wiped, so a copy of it is of no use either).
    void clearNow();

    // The clipboard format KDE's and other clipboard managers read to leave
    // a value out of their history.
    static QString secretHintFormat();

private:
    void clearIfUnchanged();

    QTimer m_clearTimer;
    QByteArray m_fingerprint;
};

} // namespace gloo::gui
