#include "gui/look.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTest>

#include <cmath>

using gloo::gui::look::Tone;

namespace {

// WCAG's relative luminance and contrast ratio.
double luminance(const QColor &colour)
{
    const auto channel = [](double value) {
        value /= 255.0;
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
           + 0.0722 * channel(colour.blue());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    palette.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    return palette;
}

} // namespace

// Coloured text stays readable, on the light Fusion palette and on a dark one.
class TestLook : public QObject
{
    Q_OBJECT

private slots:
    void tonesAreReadable_data();
    void tonesAreReadable();
    void mutedTextIsSecondary();
    void setTextToneColoursALabelAndNormalUndoesIt();
    void toningAgainNeverDrifts();
    void clearButtonComesWithTheFirstText();
};

void TestLook::tonesAreReadable_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addColumn<int>("tone");
    const QPalette light = QApplication::style()->standardPalette();
    for (const Tone tone : {Tone::Normal, Tone::Muted, Tone::Success, Tone::Warning, Tone::Error}) {
        QTest::addRow("light %d", int(tone)) << light << int(tone);
        QTest::addRow("dark %d", int(tone)) << darkPalette() << int(tone);
    }
}

void TestLook::tonesAreReadable()
{
    QFETCH(QPalette, palette);
    QFETCH(int, tone);
    const QColor colour = gloo::gui::look::toneColour(Tone(tone), palette);
    const double ratio = contrast(colour, palette.color(QPalette::Window));
    // 4.5:1 is WCAG's level AA for normal text.
    QVERIFY2(ratio >= 4.5,
             qPrintable(QStringLiteral("%1 on %2: %3:1")
                            .arg(colour.name(), palette.color(QPalette::Window).name(),
                                 QString::number(ratio, 'f', 2))));
}

void TestLook::mutedTextIsSecondary()
{
    // Readable, but clearly less strong than the normal text.
    for (const QPalette &palette : {QApplication::style()->standardPalette(), darkPalette()}) {
        const QColor window = palette.color(QPalette::Window);
        const double muted = contrast(gloo::gui::look::toneColour(Tone::Muted, palette), window);
        const double normal = contrast(palette.color(QPalette::WindowText), window);
        QVERIFY2(muted < normal * 0.8, qPrintable(QString::number(muted)));
    }
}

void TestLook::setTextToneColoursALabelAndNormalUndoesIt()
{
    QWidget parent;
    QLabel label(QStringLiteral("✓ valid JSON"), &parent);
    const QColor normal = label.palette().color(QPalette::WindowText);
    gloo::gui::look::setTextTone(&label, Tone::Error);
    QCOMPARE(label.palette().color(QPalette::WindowText),
             gloo::gui::look::toneColour(Tone::Error, parent.palette()));
    gloo::gui::look::setTextTone(&label, Tone::Normal);
    QCOMPARE(label.palette().color(QPalette::WindowText), normal);
}

void TestLook::toningAgainNeverDrifts()
{
    QWidget parent;
    QLabel label(QStringLiteral("no body with GET"), &parent);
    const QColor muted = gloo::gui::look::toneColour(Tone::Muted, parent.palette());
    // Set again and again, as a hint that changes with every key press.
    for (int i = 0; i < 6; ++i)
        gloo::gui::look::setTextTone(&label, Tone::Muted);
    QCOMPARE(label.palette().color(QPalette::WindowText), muted);
    // Nor does an earlier colour tint it.
    gloo::gui::look::setTextTone(&label, Tone::Success);
    gloo::gui::look::setTextTone(&label, Tone::Muted);
    QCOMPARE(label.palette().color(QPalette::WindowText), muted);
}

void TestLook::clearButtonComesWithTheFirstText()
{
    // An empty field gets its clear button (and its icon) only with text.
    QLineEdit empty;
    gloo::gui::look::enableClearButton(&empty);
    QVERIFY(!empty.isClearButtonEnabled());
    empty.setText(QStringLiteral("x"));
    QVERIFY(empty.isClearButtonEnabled());
    empty.clear();
    QVERIFY(empty.isClearButtonEnabled());

    QLineEdit filled(QStringLiteral("https://auth.example/oauth2/token"));
    gloo::gui::look::enableClearButton(&filled);
    QVERIFY(filled.isClearButtonEnabled());
}

int main(int argc, char *argv[])
{
    QApplication::setStyle(QStringLiteral("fusion"));
    QApplication app(argc, argv);
    TestLook test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_look.moc"
