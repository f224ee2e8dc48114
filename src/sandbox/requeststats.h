#pragma once

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QString>

namespace gloo::sandbox {

// How many requests the sandbox has served since it started or since the
// counters were last reset.
struct SandboxStats
{
    int tokenRequests = 0;
    // Requests to endpoints that need an access token, whatever the answer:
    // the public model catalog and the control endpoints are not counted.
    int apiRequests = 0;
    QHash<QString, int> apiRequestsByPath; // keyed by the URL path, without query

    QJsonObject toJson() const;
};

// The counters behind a mutex, read by tests from any thread.
class RequestStats
{
public:
    void countTokenRequest();
    void countApiRequest(const QString &path);
    SandboxStats snapshot() const;
    void reset();

private:
    mutable QMutex m_mutex;
    SandboxStats m_stats;
};

} // namespace gloo::sandbox
