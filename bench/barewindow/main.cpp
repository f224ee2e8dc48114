// The smallest Qt Widgets program with a main window of Gloo Console's size:
// the baseline that Gloo Console's start-up time and memory are compared to.

#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>
#include <QTimer>

#include <cstring>

namespace {

// Quits once the window has really been painted, not merely shown: with some
// platforms show() returns long before the first frame is drawn.
class FirstPaintQuitter : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            // Quit from the event loop, so the paint in progress is finished
            // and flushed to the screen first.
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_seen = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);

    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Bare window"));
    window.setCentralWidget(new QLabel(QStringLiteral("Hello"), &window));
    window.statusBar()->showMessage(QStringLiteral("Ready"));
    window.resize(1180, 760);

    FirstPaintQuitter quitter;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quit-after-first-paint") == 0)
            window.installEventFilter(&quitter);
    }
    window.show();
    return app.exec();
}
