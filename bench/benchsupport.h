#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <functional>

class QWidget;

namespace gloo::bench {

// The middle value (the mean of the two middle ones for an even count):
// unlike the mean, one run disturbed by another process hardly moves it.
double median(QList<double> values);

// Prints "name value" on standard output, the format scripts/bench.sh reads.
void printFigure(const QString &name, double value);
// Prints a note on standard error, where it does not disturb the figures.
void printNote(const QString &text);

// Measures how long the event loop goes without running a 1 ms timer: the
// longest gap is the longest time the window could not react to the user.
class StallProbe : public QObject
{
public:
    StallProbe();

    void start();
    void stop();
    double longestGapMs() const { return double(m_longestNs) / 1e6; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_longestNs = 0;
};

// Runs the event loop until quit() or a time limit, without the sleeps of
// QTest::qWait, which would show up as stalls.
class EventLoopWait
{
public:
    void quit() { m_loop.quit(); }
    // False when the time limit passed first.
    bool exec(int timeoutMs);
    // For callbacks that may come after the wait is over.
    QPointer<QEventLoop> loop() { return &m_loop; }

private:
    QEventLoop m_loop;
};

// Calls back once the next frame of a window has been painted: widgets are
// painted when their window handles an update request, so that is watched,
// on the widget and on its platform window, whichever receives it.
class FrameWatcher : public QObject
{
public:
    FrameWatcher(QWidget *window, std::function<void()> painted);
    ~FrameWatcher() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_window;
    std::function<void()> m_painted;
};

// Runs the event loop until the window's next frame is painted; false when
// none came within the time limit.
bool waitForFrame(QWidget *window, int timeoutMs = 10 * 1000);

// One measured run: its time, and the longest stall of the event loop.
struct Run
{
    double totalMs = -1;
    double stallMs = -1;
};

// Fetches a URL with a bare QNetworkAccessManager and only collects the
// bytes: what any client pays before it reads or shows anything. A failed
// transfer gives a negative time.
Run measureTransfer(const QUrl &url, bool post);

// Reads an integer option "--name value" of a subcommand's arguments.
int intArgument(const QStringList &arguments, const QString &name, int fallback);
QString stringArgument(const QStringList &arguments, const QString &name);

} // namespace gloo::bench
