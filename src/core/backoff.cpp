#include "backoff.h"

#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace gloo {

Backoff::Backoff(const Policy &policy, std::function<double()> random)
    : m_policy(policy)
{
    setRandom(std::move(random));
}

void Backoff::setRandom(std::function<double()> random)
{
    if (random)
        m_random = std::move(random);
    else
        m_random = [] {
            return QRandomGenerator::global()->generateDouble();
        };
}

int Backoff::delayMs(int retry, int retryAfterMs) const
{
    const int exponent = std::clamp(retry - 1, 0, 30);
    const double nominal = std::min<double>(m_policy.maxDelayMs,
                                            m_policy.initialDelayMs * std::pow(2.0, exponent));
    const double jittered = nominal * (1.0 - m_policy.jitter * std::clamp(m_random(), 0.0, 1.0));
    const int delay = static_cast<int>(std::lround(jittered));
    return std::max(delay, retryAfterMs);
}

bool Backoff::allows(int retry, int retryAfterMs) const
{
    return retry >= 1 && retry <= m_policy.maxRetries && retryAfterMs <= m_policy.maxRetryAfterMs;
}

int parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return -1;

    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? -1 : static_cast<int>(std::min<qint64>(seconds, 24 * 3600) * 1000);

    // HTTP-date, for example "Wed, 21 Oct 2015 07:28:00 GMT".
    QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(text),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!date.isValid())
        return -1;
    date.setTimeSpec(Qt::UTC);
    return static_cast<int>(std::clamp<qint64>(now.msecsTo(date), 0, 24 * 3600 * 1000));
}

} // namespace gloo
