#include "jsonformatjob.h"

#include <QPointer>
#include <QRunnable>
#include <QThreadPool>

namespace gloo {

namespace {

// Carries the worker's reports to the job. It lives until the worker is done,
// so the worker never touches a job that may already be gone; reports to a
// deleted job are dropped by Qt's queued connections.
class Relay : public QObject
{
    Q_OBJECT

signals:
    void progressed(int percent);
    void finished(const gloo::JsonFormatResult &result);
};

} // namespace

JsonFormatJob::JsonFormatJob(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<gloo::JsonFormatResult>();
}

JsonFormatJob::~JsonFormatJob()
{
    cancel();
}

void JsonFormatJob::start(const QByteArray &json, const JsonFormatter::Options &options)
{
    cancel();
    auto ticket = std::make_shared<Ticket>();
    m_ticket = ticket;
    m_running = true;

    auto *relay = new Relay;
    connect(
        relay, &Relay::progressed, this,
        [this, ticket](int percent) {
            if (!ticket->cancelled)
                emit progressed(percent);
        },
        Qt::QueuedConnection);
    connect(
        relay, &Relay::finished, this,
        [this, ticket](const JsonFormatResult &result) {
            if (ticket->cancelled)
                return;
            m_running = false;
            emit finished(result);
        },
        Qt::QueuedConnection);

    QThreadPool::globalInstance()->start(QRunnable::create([json, options, ticket, relay] {
        const JsonFormatter::Progress progress = [&](int percent) {
            if (ticket->cancelled)
                return false;
            emit relay->progressed(percent);
            return true;
        };
        const JsonFormatResult result = JsonFormatter::format(json, options, progress);
        if (!ticket->cancelled)
            emit relay->finished(result);
        relay->deleteLater();
    }));
}

void JsonFormatJob::cancel()
{
    if (m_ticket)
        m_ticket->cancelled = true;
    m_ticket.reset();
    m_running = false;
}

} // namespace gloo

#include "jsonformatjob.moc"
