#include "redaction.h"

#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QUrl>

namespace gloo {

namespace {

// Too short to be a secret worth scrubbing, and would scrub ordinary words.
constexpr int kMinimumSecretLength = 6;

QMutex &registryMutex()
{
    static QMutex mutex;
    return mutex;
}

// Each value with a use count, so two holders of the same secret can both
// register and unregister it.
QHash<QString, int> &registry()
{
    static QHash<QString, int> values;
    return values;
}

QtMessageHandler g_previousHandler = nullptr;

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString clean = SecretRegistry::redact(message);
    if (g_previousHandler)
        g_previousHandler(type, context, clean);
}

} // namespace

void SecretRegistry::add(const QString &secret)
{
    if (secret.size() < kMinimumSecretLength)
        return;
    QMutexLocker lock(&registryMutex());
    ++registry()[secret];
}

void SecretRegistry::remove(const QString &secret)
{
    QMutexLocker lock(&registryMutex());
    auto it = registry().find(secret);
    if (it == registry().end())
        return;
    if (--it.value() <= 0)
        registry().remove(secret);
}

QString SecretRegistry::replaceRegistered(const QString &text, const QString &marker)
{
    QString result = text;
    QMutexLocker lock(&registryMutex());
    for (auto it = registry().cbegin(); it != registry().cend(); ++it) {
        const QString &secret = it.key();
        result.replace(secret, marker);
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
        if (encoded != secret) {
            result.replace(encoded, marker, Qt::CaseInsensitive);
            // A form body writes a space as "+".
            QString form = encoded;
            form.replace(QLatin1String("%20"), QLatin1String("+"));
            if (form != encoded)
                result.replace(form, marker, Qt::CaseInsensitive);
        }
    }
    return result;
}

QString SecretRegistry::redact(const QString &text)
{
    static const QRegularExpression credentials(QStringLiteral(
                                                    "\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}"),
                                                QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression jwt(
        QStringLiteral("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"));

    QString result = text;
    {
        QMutexLocker lock(&registryMutex());
        for (auto it = registry().cbegin(); it != registry().cend(); ++it)
            result.replace(it.key(), QStringLiteral("[redacted]"));
    }
    // Neither pattern can match without its keyword, and most messages have
    // none: this spares them the regular expressions.
    if (result.contains(QLatin1String("bearer"), Qt::CaseInsensitive)
        || result.contains(QLatin1String("basic"), Qt::CaseInsensitive))
        result.replace(credentials, QStringLiteral("\\1 [redacted]"));
    if (result.contains(QLatin1String("eyJ")))
        result.replace(jwt, QStringLiteral("[redacted]"));
    return result;
}

void installRedactingMessageHandler()
{
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    g_previousHandler = qInstallMessageHandler(redactingHandler);
}

} // namespace gloo
