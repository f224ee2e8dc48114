#pragma once

#include "faultplan.h"

#include <QMutex>

#include <functional>

namespace gloo::sandbox {

// What the fault plan holds for one token request.
struct TokenFault
{
    enum class Action { None, Drop, Fail, BrokenBody };

    Action action = Action::None;
    int status = 200;
    QByteArray retryAfter;
    TokenBodyFault body = TokenBodyFault::None;
    int delayMs = 0;
};

// What the fault plan holds for one API request, before its token is checked.
struct ApiFault
{
    bool drop = false;
    bool revokeTokens = false;
    int delayMs = 0;
    QString forbiddenClientId;
};

// What the fault plan holds for one stream.
struct StreamFault
{
    enum class Action { None, Drop, Error };

    Action action = Action::None;
    int afterEvents = 0;
};

// Holds the fault plan behind a mutex, so that tests and the control
// endpoint can change it from any thread while the server runs on its own.
// The take...() functions decide what one request meets and use up the
// one-shot counts in the same step, so two requests never share one fault.
class FaultInjector
{
public:
    FaultPlan plan() const;
    void setPlan(const FaultPlan &plan);
    void update(const std::function<void(FaultPlan &plan)> &change);
    void reset();

    TokenFault takeTokenFault();
    ApiFault takeApiFault();
    StreamFault takeStreamFault();
    bool isModelForbidden(const QString &modelId) const;

private:
    mutable QMutex m_mutex;
    FaultPlan m_plan;
};

} // namespace gloo::sandbox
