#include "benchsupport.h"

#include <QCoreApplication>
#include <QEvent>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QWidget>
#include <QWindow>

#include <algorithm>
#include <cstdio>

namespace gloo::bench {

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    if (values.size() % 2 == 1)
        return values.at(middle);
    return (values.at(middle - 1) + values.at(middle)) / 2;
}

void printFigure(const QString &name, double value)
{
    std::printf("%s %.2f\n", qPrintable(name), value);
    std::fflush(stdout);
}

void printNote(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
}

StallProbe::StallProbe()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    connect(&m_timer, &QTimer::timeout, this, &StallProbe::tick);
}

void StallProbe::start()
{
    m_longestNs = 0;
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void StallProbe::stop()
{
    // The time since the last tick counts too: the work may end in a stall.
    tick();
    m_timer.stop();
}

void StallProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    m_longestNs = std::max(m_longestNs, now - m_lastNs);
    m_lastNs = now;
}

bool EventLoopWait::exec(int timeoutMs)
{
    bool timedOut = false;
    QTimer limit;
    limit.setSingleShot(true);
    QObject::connect(&limit, &QTimer::timeout, &m_loop, [this, &timedOut] {
        timedOut = true;
        m_loop.quit();
    });
    limit.start(timeoutMs);
    m_loop.exec();
    return !timedOut;
}

FrameWatcher::FrameWatcher(QWidget *window, std::function<void()> painted)
    : m_window(window->window())
    , m_painted(std::move(painted))
{
    m_window->installEventFilter(this);
    if (QWindow *handle = m_window->windowHandle())
        handle->installEventFilter(this);
}

FrameWatcher::~FrameWatcher()
{
    m_window->removeEventFilter(this);
    if (QWindow *handle = m_window->windowHandle())
        handle->removeEventFilter(this);
}

bool FrameWatcher::eventFilter(QObject *watched, QEvent *event)
{
    const bool frame = event->type() == QEvent::UpdateRequest
                       || (watched == m_window && event->type() == QEvent::Paint);
    if (frame && m_painted) {
        // From the event loop, once this frame is painted and flushed; and
        // only once.
        QTimer::singleShot(0, m_window, std::move(m_painted));
        m_painted = nullptr;
    }
    return QObject::eventFilter(watched, event);
}

bool waitForFrame(QWidget *window, int timeoutMs)
{
    EventLoopWait wait;
    FrameWatcher watcher(window, [loop = wait.loop()] {
        if (loop)
            loop->quit();
    });
    return wait.exec(timeoutMs);
}

Run measureTransfer(const QUrl &url, bool post)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    Run run;
    StallProbe probe;
    EventLoopWait wait;
    qint64 received = 0;
    QElapsedTimer clock;
    probe.start();
    clock.start();
    QNetworkReply *reply = post ? network.post(request, QByteArrayLiteral("{}"))
                                : network.get(request);
    QObject::connect(reply, &QNetworkReply::readyRead, reply,
                     [reply, &received] { received += reply->readAll().size(); });
    QObject::connect(reply, &QNetworkReply::finished, reply, [&wait] { wait.quit(); });
    const bool finished = wait.exec(120 * 1000);
    run.totalMs = double(clock.nsecsElapsed()) / 1e6;
    probe.stop();
    run.stallMs = probe.longestGapMs();
    if (!finished || reply->error() != QNetworkReply::NoError || received == 0) {
        printNote(QStringLiteral("transfer of %1 failed").arg(url.toString()));
        run.totalMs = -1;
    }
    delete reply;
    return run;
}

int intArgument(const QStringList &arguments, const QString &name, int fallback)
{
    const qsizetype at = arguments.indexOf(name);
    if (at < 0 || at + 1 >= arguments.size())
        return fallback;
    bool ok = false;
    const int value = arguments.at(at + 1).toInt(&ok);
    return ok ? value : fallback;
}

QString stringArgument(const QStringList &arguments, const QString &name)
{
    const qsizetype at = arguments.indexOf(name);
    if (at < 0 || at + 1 >= arguments.size())
        return {};
    return arguments.at(at + 1);
}

} // namespace gloo::bench
