#include "faultinjector.h"

#include <QMutexLocker>

namespace gloo::sandbox {

namespace {

// Uses up one of a one-shot count; true when the fault applies.
bool takeOne(int &count)
{
    if (count <= 0)
        return false;
    --count;
    return true;
}

} // namespace

FaultPlan FaultInjector::plan() const
{
    QMutexLocker lock(&m_mutex);
    return m_plan;
}

void FaultInjector::setPlan(const FaultPlan &plan)
{
    QMutexLocker lock(&m_mutex);
    m_plan = plan;
}

void FaultInjector::update(const std::function<void(FaultPlan &plan)> &change)
{
    QMutexLocker lock(&m_mutex);
    change(m_plan);
}

void FaultInjector::reset()
{
    setPlan(FaultPlan());
}

TokenFault FaultInjector::takeTokenFault()
{
    QMutexLocker lock(&m_mutex);
    TokenFault fault;
    fault.delayMs = m_plan.tokenDelayMs;

    if (takeOne(m_plan.tokenDropCount)) {
        fault.action = TokenFault::Action::Drop;
    } else if (takeOne(m_plan.tokenFailureCount)) {
        fault.action = TokenFault::Action::Fail;
        fault.status = m_plan.tokenFailureStatus;
        fault.retryAfter = m_plan.tokenRetryAfter;
    } else if (m_plan.tokenBodyFault != TokenBodyFault::None
               && takeOne(m_plan.tokenBodyFaultCount)) {
        fault.action = TokenFault::Action::BrokenBody;
        fault.status = m_plan.tokenBodyStatus;
        fault.body = m_plan.tokenBodyFault;
    }
    return fault;
}

ApiFault FaultInjector::takeApiFault()
{
    QMutexLocker lock(&m_mutex);
    ApiFault fault;
    fault.drop = takeOne(m_plan.apiDropCount);
    fault.revokeTokens = !fault.drop && takeOne(m_plan.apiRevokeCount);
    fault.delayMs = m_plan.apiDelayMs;
    fault.forbiddenClientId = m_plan.forbiddenClientId;
    return fault;
}

StreamFault FaultInjector::takeStreamFault()
{
    QMutexLocker lock(&m_mutex);
    StreamFault fault;
    if (takeOne(m_plan.streamDropCount)) {
        fault.action = StreamFault::Action::Drop;
        fault.afterEvents = m_plan.streamDropAfterEvents;
    } else if (takeOne(m_plan.streamErrorCount)) {
        fault.action = StreamFault::Action::Error;
        fault.afterEvents = m_plan.streamErrorAfterEvents;
    }
    return fault;
}

bool FaultInjector::isModelForbidden(const QString &modelId) const
{
    QMutexLocker lock(&m_mutex);
    return m_plan.forbiddenModels.contains(modelId);
}

} // namespace gloo::sandbox
