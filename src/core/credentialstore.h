#pragma once

#include "clientcredentials.h"
#include "failure.h"

#include <QObject>
#include <QString>

namespace QKeychain {
class Job;
}

namespace gloo {

// Keeps client credentials in the operating system's keychain (Secret
// Service or KWallet on Linux, Keychain on macOS, Credential Manager on
// Windows). The insecure plaintext fallback is always off: when no keychain
// can be used, the operation fails and nothing is written anywhere.
//
// All operations are asynchronous; each ends with exactly one signal.
class CredentialStore : public QObject
{
    Q_OBJECT

public:
    explicit CredentialStore(const QString &serviceName = defaultServiceName(),
                             QObject *parent = nullptr);
    ~CredentialStore() override;

    static QString defaultServiceName();

    void load(const QString &profile);
    void save(const QString &profile, const ClientCredentials &credentials);
    void forget(const QString &profile);

    // A keychain that is not up yet (for example right after login) is given
    // one more chance after this pause before a failure is reported.
    void setRetryDelay(int milliseconds);

signals:
    void loaded(const QString &profile, const gloo::ClientCredentials &credentials);
    void notFound(const QString &profile);
    void saved(const QString &profile);
    void forgotten(const QString &profile);
    void failed(const QString &profile, const gloo::Failure &failure);
    // The keychain did not answer; the operation is tried once more.
    void retrying(const QString &profile);

private:
    enum class Operation { Load, Save, Forget };

    void start(Operation operation, const QString &profile, const QByteArray &payload,
               bool isRetry);
    void handleFinished(QKeychain::Job *job, Operation operation, const QString &profile,
                        const QByteArray &payload, bool isRetry);
    QString keyFor(const QString &profile) const;

    QString m_serviceName;
    int m_retryDelayMs = 1500;
};

// The keychain entry format: both values in one JSON object, so they are
// stored and removed together.
QByteArray serializeCredentials(const ClientCredentials &credentials);
bool deserializeCredentials(const QByteArray &data, ClientCredentials *credentials);

} // namespace gloo
