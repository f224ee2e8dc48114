#include "requeststats.h"

#include <QMutexLocker>

namespace gloo::sandbox {

QJsonObject SandboxStats::toJson() const
{
    QJsonObject byPath;
    for (auto it = apiRequestsByPath.cbegin(); it != apiRequestsByPath.cend(); ++it)
        byPath.insert(it.key(), it.value());

    return QJsonObject{
        {QStringLiteral("token_requests"), tokenRequests},
        {QStringLiteral("api_requests"), apiRequests},
        {QStringLiteral("api_requests_by_path"), byPath},
    };
}

void RequestStats::countTokenRequest()
{
    QMutexLocker lock(&m_mutex);
    ++m_stats.tokenRequests;
}

void RequestStats::countApiRequest(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    ++m_stats.apiRequests;
    ++m_stats.apiRequestsByPath[path];
}

SandboxStats RequestStats::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_stats;
}

void RequestStats::reset()
{
    QMutexLocker lock(&m_mutex);
    m_stats = SandboxStats();
}

} // namespace gloo::sandbox
