#include "credentialstore.h"

#include "logging.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace gloo {

namespace {

// Only a keychain that is not up yet (right after login, its service still
// starting) is asked again: anything else, such as a dismissed prompt or a
// denial, would just ask the user a second time. Backends report the former
// as "no backend" or as a failed D-Bus connection.
bool isWorthRetrying(QKeychain::Error error, const QString &errorString)
{
    if (error == QKeychain::NoBackendAvailable)
        return true;
    if (error != QKeychain::OtherError)
        return false;
    const QString text = errorString.toLower();
    return text.contains(QLatin1String("connect")) || text.contains(QLatin1String("serviceunknown"))
           || text.contains(QLatin1String("noreply"))
           || text.contains(QLatin1String("not provided by any"));
}

// Whether a D-Bus session bus can be found the way libdbus looks for one.
// Without one, libdbus would start a bus of its own through the X server
// (dbus-launch): that takes about half a minute to fail and leaves the bus
// running after Gloo Console quits.
bool hasSessionBus()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return true;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    return !runtime.isEmpty() && QFileInfo::exists(runtime + QStringLiteral("/bus"));
#else
    return true;
#endif
}

Failure keychainFailure(QKeychain::Error error, const QString &errorString)
{
    switch (error) {
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Failure::make(Failure::Kind::KeychainDenied, errorString);
    default: return Failure::make(Failure::Kind::KeychainUnavailable, errorString);
    }
}

} // namespace

QByteArray serializeCredentials(const ClientCredentials &credentials)
{
    QJsonObject object;
    object.insert(QLatin1String("client_id"), credentials.clientId);
    object.insert(QLatin1String("client_secret"), credentials.clientSecret);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool deserializeCredentials(const QByteArray &data, ClientCredentials *credentials)
{
    const QJsonDocument document = QJsonDocument::fromJson(data);
    if (!document.isObject())
        return false;
    const QJsonObject object = document.object();
    const QJsonValue id = object.value(QLatin1String("client_id"));
    const QJsonValue secret = object.value(QLatin1String("client_secret"));
    if (!id.isString() || !secret.isString())
        return false;
    credentials->clientId = id.toString();
    credentials->clientSecret = secret.toString();
    return true;
}

CredentialStore::CredentialStore(const QString &serviceName, QObject *parent)
    : QObject(parent)
    , m_serviceName(serviceName)
{
}

CredentialStore::~CredentialStore() = default;

QString CredentialStore::defaultServiceName()
{
    return QStringLiteral("Gloo Console");
}

void CredentialStore::setRetryDelay(int milliseconds)
{
    m_retryDelayMs = milliseconds;
}

void CredentialStore::load(const QString &profile)
{
    start(Operation::Load, profile, {}, false);
}

void CredentialStore::save(const QString &profile, const ClientCredentials &credentials)
{
    start(Operation::Save, profile, serializeCredentials(credentials), false);
}

void CredentialStore::forget(const QString &profile)
{
    start(Operation::Forget, profile, {}, false);
}

QString CredentialStore::keyFor(const QString &profile) const
{
    return QStringLiteral("profile/") + profile;
}

void CredentialStore::start(Operation operation, const QString &profile, const QByteArray &payload,
                            bool isRetry)
{
    // Jobs have no parent and delete themselves when done: a job destroyed
    // while the keychain still works on it would be called back after its
    // death. The connection below ends with this store instead.
    if (!hasSessionBus()) {
        qCInfo(lcKeychain) << "no D-Bus session, so no keychain";
        // Later, like every answer of the store.
        QMetaObject::invokeMethod(
            this,
            [this, profile] {
                emit failed(profile, Failure::make(Failure::Kind::KeychainUnavailable,
                                                   tr("There is no D-Bus session, through "
                                                      "which the keychain is reached.")));
            },
            Qt::QueuedConnection);
        return;
    }

    QKeychain::Job *job = nullptr;
    switch (operation) {
    case Operation::Load: job = new QKeychain::ReadPasswordJob(m_serviceName); break;
    case Operation::Save: {
        auto *write = new QKeychain::WritePasswordJob(m_serviceName);
        write->setBinaryData(payload);
        job = write;
        break;
    }
    case Operation::Forget: job = new QKeychain::DeletePasswordJob(m_serviceName); break;
    }

    job->setKey(keyFor(profile));
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this,
            [this, operation, profile, payload, isRetry](QKeychain::Job *finishedJob) {
                handleFinished(finishedJob, operation, profile, payload, isRetry);
            });
    job->start();
}

void CredentialStore::handleFinished(QKeychain::Job *job, Operation operation,
                                     const QString &profile, const QByteArray &payload,
                                     bool isRetry)
{
    const QKeychain::Error error = job->error();

    if (error == QKeychain::NoError) {
        switch (operation) {
        case Operation::Load: {
            ClientCredentials credentials;
            const auto *read = static_cast<QKeychain::ReadPasswordJob *>(job);
            if (!deserializeCredentials(read->binaryData(), &credentials)) {
                qCWarning(lcKeychain)
                    << "keychain entry for profile" << profile << "is not in the expected format";
                emit failed(profile, Failure::make(Failure::Kind::KeychainUnavailable,
                                                   tr("The saved entry could not be read.")));
                return;
            }
            qCInfo(lcKeychain) << "credentials loaded for profile" << profile;
            emit loaded(profile, credentials);
            credentials.wipe();
            return;
        }
        case Operation::Save:
            qCInfo(lcKeychain) << "credentials saved for profile" << profile;
            emit saved(profile);
            return;
        case Operation::Forget:
            qCInfo(lcKeychain) << "credentials removed for profile" << profile;
            emit forgotten(profile);
            return;
        }
    }

    if (error == QKeychain::EntryNotFound) {
        if (operation == Operation::Forget) {
            emit forgotten(profile);
        } else {
            qCInfo(lcKeychain) << "no saved credentials for profile" << profile;
            emit notFound(profile);
        }
        return;
    }

    if (!isRetry && isWorthRetrying(error, job->errorString())) {
        qCInfo(lcKeychain) << "keychain not ready (" << job->errorString() << "), retrying in"
                           << m_retryDelayMs << "ms";
        emit retrying(profile);
        QTimer::singleShot(m_retryDelayMs, this, [this, operation, profile, payload] {
            start(operation, profile, payload, true);
        });
        return;
    }

    qCWarning(lcKeychain) << "keychain operation failed for profile" << profile << ": error"
                          << error << job->errorString();
    emit failed(profile, keychainFailure(error, job->errorString()));
}

} // namespace gloo
