#pragma once

#include <QByteArray>
#include <QDateTime>

#include <functional>

namespace gloo {

// When to try again after a transient failure: exponential growth from an
// initial delay up to a cap, with random jitter below the nominal delay so
// that many clients do not retry in step, and never sooner than the server
// asked for with Retry-After.
struct BackoffPolicy
{
    int initialDelayMs = 1000;
    int maxDelayMs = 30 * 1000;
    // Retries after the first attempt; 0 disables retrying.
    int maxRetries = 4;
    // Fraction of the nominal delay that may be taken off at random.
    double jitter = 0.25;
    // A Retry-After longer than this is not waited for automatically: the
    // user is told how long to wait instead.
    int maxRetryAfterMs = 2 * 60 * 1000;
};

class Backoff
{
public:
    using Policy = BackoffPolicy;

    // 'random' returns values in [0, 1); injectable so tests are exact.
    explicit Backoff(const Policy &policy = Policy(), std::function<double()> random = {});

    const Policy &policy() const { return m_policy; }
    void setPolicy(const Policy &policy) { m_policy = policy; }
    void setRandom(std::function<double()> random);

    // Delay before retry number 'retry' (1 for the first retry). A
    // retryAfterMs of -1 means the server gave no Retry-After.
    int delayMs(int retry, int retryAfterMs = -1) const;

    // Whether retry number 'retry' may happen at all.
    bool allows(int retry, int retryAfterMs = -1) const;

private:
    Policy m_policy;
    std::function<double()> m_random;
};

// Milliseconds to wait from a Retry-After header value (delay-seconds or an
// HTTP-date), or -1 when the value is absent or unreadable.
int parseRetryAfter(const QByteArray &value, const QDateTime &now);

} // namespace gloo
