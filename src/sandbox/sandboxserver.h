#pragma once

#include "faultplan.h"
#include "requeststats.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace gloo::sandbox {

// What the sandbox accepts and how it behaves. The defaults are the demo
// credentials that Gloo Console shows to first-time users.
struct SandboxConfig
{
    QString clientId = QStringLiteral("sandbox-client");
    QString clientSecret = QStringLiteral("sandbox-secret");
    int tokenLifetimeSeconds = 3600;

    // The pause before each event of a streamed completion, so that a chat
    // shows the answer growing. Zero sends the events as fast as possible.
    int streamChunkDelayMs = 15;

    // Whether POST /_sandbox/control and GET /_sandbox/stats are served.
    bool controlEndpoints = true;
};

// A Gloo-compatible HTTP server bound to 127.0.0.1 only, with deterministic
// answers. It implements the token endpoint, the public model catalog,
// Completions V2 (whole and streamed), Completions V1, grounded completions,
// the Responses API, the deprecated Message/Chat API and data search, as
// Gloo's documentation describes them. All endpoints but the catalog need an
// access token from the token endpoint.
//
// For tests of failure handling it injects faults (see FaultPlan), which
// tests set through this class or through POST /_sandbox/control, and it
// counts the requests it serves (also at GET /_sandbox/stats).
//
// The server lives in the thread that created it. Use SandboxThread to run it
// on a thread of its own. The fault, token and counter functions below are
// safe to call from any thread.
class SandboxServer : public QObject
{
    Q_OBJECT

public:
    explicit SandboxServer(const SandboxConfig &config = {}, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Starts listening on 127.0.0.1. Port 0 picks a free port. Returns false
    // (and leaves errorString() set) when the port cannot be bound.
    bool listen(quint16 port = 0);
    quint16 port() const;
    QUrl baseUrl() const;
    QString errorString() const;

    SandboxConfig config() const;

    FaultPlan faultPlan() const;
    void setFaultPlan(const FaultPlan &plan);
    // Changes the plan in one step, so that no request sees half a change and
    // no count used up meanwhile is overwritten.
    void updateFaultPlan(const std::function<void(FaultPlan &plan)> &change);
    void resetFaults();

    // Every access token issued so far is refused from now on with 401, even
    // before it expires; new token requests get working tokens.
    void revokeAllTokens();

    // Counters of requests served, for tests and diagnostics: requests to the
    // token endpoint, and requests to endpoints that need an access token
    // (the public model catalog and the control endpoints are not counted),
    // in total and per URL path. Dropped and refused requests count too.
    SandboxStats stats() const;
    int tokenRequestCount() const;
    int apiRequestCount() const;
    int apiRequestCount(const QString &path) const;
    void resetCounters();

private:
    class Private;
    std::unique_ptr<Private> d;
};

// Runs a SandboxServer on its own thread so that neither the client nor the
// server can stall the other. start() blocks only until the port is bound.
//
// The fault functions work whether or not the server runs: a plan set while
// it is stopped takes effect when it starts.
class SandboxThread : public QObject
{
    Q_OBJECT

public:
    explicit SandboxThread(const SandboxConfig &config = {}, QObject *parent = nullptr);
    ~SandboxThread() override;

    bool start(quint16 port = 0);
    void stop();
    bool isRunning() const;

    quint16 port() const;
    QUrl baseUrl() const;
    QString errorString() const;
    SandboxConfig config() const;

    FaultPlan faultPlan() const;
    void setFaultPlan(const FaultPlan &plan);
    void updateFaultPlan(const std::function<void(FaultPlan &plan)> &change);
    void resetFaults();
    void revokeAllTokens();

    // The server's counters while it runs; after stop(), their final values.
    SandboxStats stats() const;
    int tokenRequestCount() const;
    int apiRequestCount() const;
    int apiRequestCount(const QString &path) const;
    void resetCounters();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace gloo::sandbox
