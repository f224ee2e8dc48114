#include "look.h"

#include <QApplication>
#include <QLineEdit>
#include <QPainter>

#include <memory>

namespace gloo::gui::look {

QColor toneColour(Tone tone, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    // Light colours on a dark window, dark ones on a light window; each
    // keeps a contrast of at least 4.5:1 with the window.
    const bool dark = window.lightness() < 128;
    switch (tone) {
    case Tone::Normal: return text;
    case Tone::Muted: {
        // Between the text and the window, nearer the text: clearly
        // secondary, still easy to read.
        const auto mix = [](int ink, int paper) {
            return (ink * 60 + paper * 40) / 100;
        };
        return {mix(text.red(), window.red()), mix(text.green(), window.green()),
                mix(text.blue(), window.blue())};
    }
    case Tone::Success: return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x1b, 0x6e, 0x2c);
    case Tone::Warning: return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0x8a, 0x4b, 0x00);
    case Tone::Error: return dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
    }
    return text;
}

void setTextTone(QWidget *widget, Tone tone)
{
    if (tone == Tone::Normal) {
        // An empty palette resolves nothing: the widget follows its parent
        // again.
        widget->setPalette(QPalette());
        return;
    }
    // From the colours the widget inherits, not its own: those may carry an
    // earlier tone, and mixing again would drift (a muted text fading
    // further on every call, a success colour tinting the muted one).
    const QPalette inherited = widget->parentWidget() ? widget->parentWidget()->palette()
                                                      : QApplication::palette(widget);
    QPalette palette = widget->palette();
    const QColor colour = toneColour(tone, inherited);
    palette.setColor(QPalette::WindowText, colour);
    palette.setColor(QPalette::Text, colour);
    widget->setPalette(palette);
}

QColor failureBackground()
{
    return {0xfd, 0xec, 0xea};
}

QColor failureBorder()
{
    return {0xf5, 0xc2, 0xc0};
}

QColor failureText()
{
    return {0x61, 0x1a, 0x15};
}

QColor noticeBackground()
{
    return {0xff, 0xf4, 0xce};
}

QColor noticeBorder()
{
    return {0xf0, 0xd8, 0x89};
}

QColor noticeText()
{
    return {0x5c, 0x44, 0x00};
}

void paintPanel(QPainter &painter, const QRect &rect, const QColor &background,
                const QColor &border, qreal radius)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(border, 1));
    painter.setBrush(background);
    // Half a pixel in, so the one-pixel border falls on whole pixels.
    painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    painter.restore();
}

void enableClearButton(QLineEdit *edit)
{
    if (!edit->text().isEmpty()) {
        edit->setClearButtonEnabled(true);
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(edit, &QLineEdit::textChanged, edit,
                                   [edit, connection](const QString &text) {
                                       if (text.isEmpty())
                                           return;
                                       QObject::disconnect(*connection);
                                       edit->setClearButtonEnabled(true);
                                   });
}

} // namespace gloo::gui::look

namespace gloo::gui {

NoticeFrame::NoticeFrame(QWidget *parent)
    : QFrame(parent)
{
    QPalette palette = this->palette();
    palette.setColor(QPalette::WindowText, look::noticeText());
    setPalette(palette);
}

void NoticeFrame::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    QPainter painter(this);
    look::paintPanel(painter, rect(), look::noticeBackground(), look::noticeBorder());
}

BadgeLabel::BadgeLabel(QWidget *parent)
    : QLabel(parent)
{
    QFont bold = font();
    bold.setBold(true);
    setFont(bold);
    setContentsMargins(10, 2, 10, 2);
    setAlignment(Qt::AlignCenter);
}

void BadgeLabel::setColours(const QColor &background, const QColor &text)
{
    m_background = background;
    QPalette palette = this->palette();
    palette.setColor(QPalette::WindowText, text);
    setPalette(palette);
    update();
}

void BadgeLabel::paintEvent(QPaintEvent *event)
{
    if (m_background.isValid()) {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(m_background);
        const qreal radius = qMin(9.0, height() / 2.0);
        painter.drawRoundedRect(QRectF(rect()), radius, radius);
    }
    QLabel::paintEvent(event);
}

} // namespace gloo::gui
