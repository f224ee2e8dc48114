#include "sandboxserver.h"

#include "sandboxlogging.h"

#include <QMetaObject>
#include <QThread>

namespace gloo::sandbox {

class SandboxThread::Private
{
public:
    explicit Private(const SandboxConfig &config)
        : config(config)
    {
    }

    const SandboxConfig config;
    std::unique_ptr<QThread> thread;
    // Lives on `thread`; deleted there when the thread finishes.
    SandboxServer *server = nullptr;
    quint16 port = 0;
    QUrl baseUrl;
    QString errorString;
    // While no server runs: the plan it will start with, and the last
    // server's final counters.
    FaultPlan pendingPlan;
    SandboxStats finalStats;
};

SandboxThread::SandboxThread(const SandboxConfig &config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(config))
{
}

SandboxThread::~SandboxThread()
{
    stop();
}

bool SandboxThread::start(quint16 port)
{
    if (isRunning()) {
        d->errorString = tr("The sandbox is already running on port %1.").arg(d->port);
        return false;
    }

    auto thread = std::make_unique<QThread>();
    thread->setObjectName(QStringLiteral("gloo-sandbox"));

    // Created here, then handed over before the thread runs: from then on only
    // the sandbox thread touches it, and it is deleted there once the thread's
    // event loop has ended.
    auto *server = new SandboxServer(d->config);
    server->setFaultPlan(d->pendingPlan);
    server->moveToThread(thread.get());
    connect(thread.get(), &QThread::finished, server, &QObject::deleteLater);
    thread->start();

    bool listening = false;
    QMetaObject::invokeMethod(
        server,
        [&] {
            listening = server->listen(port);
            d->port = server->port();
            d->baseUrl = server->baseUrl();
            d->errorString = server->errorString();
        },
        Qt::BlockingQueuedConnection);

    if (!listening) {
        thread->quit();
        thread->wait();
        d->port = 0;
        d->baseUrl.clear();
        return false;
    }

    d->thread = std::move(thread);
    d->server = server;
    d->finalStats = SandboxStats();
    return true;
}

void SandboxThread::stop()
{
    if (!d->thread)
        return;

    d->finalStats = d->server->stats();
    d->pendingPlan = d->server->faultPlan();

    d->thread->quit();
    d->thread->wait();
    d->thread.reset();
    d->server = nullptr;
    d->port = 0;
    d->baseUrl.clear();
    qCInfo(lcSandbox) << "sandbox thread stopped";
}

bool SandboxThread::isRunning() const
{
    return d->thread != nullptr;
}

quint16 SandboxThread::port() const
{
    return d->port;
}

QUrl SandboxThread::baseUrl() const
{
    return d->baseUrl;
}

QString SandboxThread::errorString() const
{
    return d->errorString;
}

SandboxConfig SandboxThread::config() const
{
    return d->config;
}

FaultPlan SandboxThread::faultPlan() const
{
    return d->server ? d->server->faultPlan() : d->pendingPlan;
}

void SandboxThread::setFaultPlan(const FaultPlan &plan)
{
    if (d->server)
        d->server->setFaultPlan(plan);
    else
        d->pendingPlan = plan;
}

void SandboxThread::updateFaultPlan(const std::function<void(FaultPlan &plan)> &change)
{
    if (d->server)
        d->server->updateFaultPlan(change);
    else
        change(d->pendingPlan);
}

void SandboxThread::resetFaults()
{
    setFaultPlan(FaultPlan());
}

void SandboxThread::revokeAllTokens()
{
    // A stopped sandbox has no tokens left to revoke: the next server signs
    // with a key of its own.
    if (d->server)
        d->server->revokeAllTokens();
}

SandboxStats SandboxThread::stats() const
{
    return d->server ? d->server->stats() : d->finalStats;
}

int SandboxThread::tokenRequestCount() const
{
    return stats().tokenRequests;
}

int SandboxThread::apiRequestCount() const
{
    return stats().apiRequests;
}

int SandboxThread::apiRequestCount(const QString &path) const
{
    return stats().apiRequestsByPath.value(path);
}

void SandboxThread::resetCounters()
{
    if (d->server)
        d->server->resetCounters();
    else
        d->finalStats = SandboxStats();
}

} // namespace gloo::sandbox
