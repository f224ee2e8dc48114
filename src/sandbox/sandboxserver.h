#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace gloo::sandbox {

// What the sandbox accepts and how it behaves. The defaults are the demo
// credentials that Gloo Console shows to first-time users.
struct SandboxConfig
{
    QString clientId = QStringLiteral("sandbox-client");
    QString clientSecret = QStringLiteral("sandbox-secret");
    int tokenLifetimeSeconds = 3600;
};

// A Gloo-compatible HTTP server bound to 127.0.0.1 only. It implements the
// token endpoint, Completions V2 (non-streaming) and the public model catalog
// from Gloo's documentation, with deterministic answers.
//
// The server lives in the thread that created it. Use SandboxThread to run it
// on a thread of its own.
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

    // Counters of requests served, for tests and diagnostics: requests to the
    // token endpoint, and requests to endpoints that need an access token (the
    // public model catalog is not counted). Safe to read from any thread.
    int tokenRequestCount() const;
    int apiRequestCount() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

// Runs a SandboxServer on its own thread so that neither the client nor the
// server can stall the other. start() blocks only until the port is bound.
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

    // The server's counters while it runs; after stop(), their final values.
    int tokenRequestCount() const;
    int apiRequestCount() const;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace gloo::sandbox
