#include "gui/appstyle.h"

#include <QApplication>
#include <QFile>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTest>

#include <memory>

namespace {

// The threads this process has now, from /proc.
int threadCount()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("Threads:"))
            return line.mid(8).trimmed().toInt();
    }
    return -1;
}

// A tall group box beside a tall tab widget, drawn with 'style'. Returns the
// tab widget's part of the picture.
QImage paintTallFrames(QStyle *style)
{
    QWidget window;
    window.setStyle(style);
    auto *layout = new QHBoxLayout(&window);
    auto *group = new QGroupBox(QStringLiteral("Group"));
    group->setStyle(style);
    auto *tabs = new QTabWidget;
    tabs->setStyle(style);
    auto *page = new QWidget;
    page->setStyle(style);
    tabs->addTab(page, QStringLiteral("First"));
    tabs->addTab(new QWidget, QStringLiteral("Second"));
    layout->addWidget(group);
    layout->addWidget(tabs, 1);
    window.resize(640, 600);
    window.show();
    QApplication::processEvents();
    return window.grab().toImage().copy(tabs->geometry());
}

} // namespace

// The application style draws tall tab widget frames exactly as Fusion does,
// and those and group box frames without handing their fills to Qt's
// painting thread pool.
class TestAppStyle : public QObject
{
    Q_OBJECT

private slots:
    void tallFramesAvoidThePoolAndMatchFusion();
};

void TestAppStyle::tallFramesAvoidThePoolAndMatchFusion()
{
    const std::unique_ptr<QStyle> appStyle(
        new gloo::gui::AppStyle(QStyleFactory::create(QStringLiteral("Fusion"))));
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(fusion);

    const int threadsBefore = threadCount();
    QVERIFY(threadsBefore > 0);
    const QImage drawn = paintTallFrames(appStyle.get());
    QCOMPARE(threadCount(), threadsBefore);

    // The control: Fusion itself starts the pool's threads for the same tab
    // widget, so the count above can tell.
    const QImage expected = paintTallFrames(fusion.get());
    QVERIFY2(threadCount() > threadsBefore,
             "Fusion's tall fills no longer start Qt's painting threads: this test "
             "cannot tell any more");

    QCOMPARE(drawn.size(), expected.size());
    int differing = 0;
    for (int y = 0; y < drawn.height(); ++y) {
        for (int x = 0; x < drawn.width(); ++x) {
            if (drawn.pixel(x, y) != expected.pixel(x, y))
                ++differing;
        }
    }
    QCOMPARE(differing, 0);
}

QTEST_MAIN(TestAppStyle)
#include "tst_appstyle.moc"
