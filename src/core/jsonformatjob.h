#pragma once

#include "jsonformat.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace gloo {

// Formats one JSON text on a worker thread of the global thread pool and
// reports back on the thread that owns the job, so that a body of tens of
// megabytes never stalls the window. Starting again, cancelling or deleting
// the job discards the work in flight: its result is never delivered.
class JsonFormatJob : public QObject
{
    Q_OBJECT

public:
    explicit JsonFormatJob(QObject *parent = nullptr);
    ~JsonFormatJob() override;

    void start(const QByteArray &json, const JsonFormatter::Options &options);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progressed(int percent);
    void finished(const gloo::JsonFormatResult &result);

private:
    struct Ticket
    {
        std::atomic<bool> cancelled{false};
    };

    std::shared_ptr<Ticket> m_ticket;
    bool m_running = false;
};

} // namespace gloo

Q_DECLARE_METATYPE(gloo::JsonFormatResult)
