#pragma once

#include <QColor>
#include <QFrame>
#include <QLabel>

class QLineEdit;
class QPainter;

// How Gloo Console colours its text, notices and badges. Widgets of the first
// window use palettes and painting instead of style sheets: the first style
// sheet makes Qt parse CSS and polish the widget and all its children through
// a slower style, which costs start-up time for nothing more than a colour.
namespace gloo::gui::look {

enum class Tone {
    Normal,  // the palette's text colour
    Muted,   // hints and secondary facts
    Success, // a 2xx status, valid JSON
    Warning, // a 3xx status, a keychain that is not used
    Error,   // a failed status, invalid JSON
};

QColor toneColour(Tone tone, const QPalette &palette);
// Colours a label's text (or any widget that draws with WindowText or Text).
void setTextTone(QWidget *widget, Tone tone);

// The failure panel (FailureView) and the notice banner.
QColor failureBackground();
QColor failureBorder();
QColor failureText();
QColor noticeBackground();
QColor noticeBorder();
QColor noticeText();
// A filled panel with a rounded one-pixel border.
void paintPanel(QPainter &painter, const QRect &rect, const QColor &background,
                const QColor &border, qreal radius = 6);

// Shows the line edit's clear button. Qt loads its icon through the image
// plugins, so for an empty field this waits for the first text, which is
// when the button would appear anyway.
void enableClearButton(QLineEdit *edit);

} // namespace gloo::gui::look

namespace gloo::gui {

// A frame drawn as a yellow notice panel, with dark text.
class NoticeFrame : public QFrame
{
    Q_OBJECT

public:
    explicit NoticeFrame(QWidget *parent = nullptr);

protected:
    void paintEvent(QPaintEvent *event) override;
};

// A label drawn as a rounded, coloured badge with bold text.
class BadgeLabel : public QLabel
{
    Q_OBJECT

public:
    explicit BadgeLabel(QWidget *parent = nullptr);

    void setColours(const QColor &background, const QColor &text);
    QColor background() const { return m_background; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QColor m_background;
};

} // namespace gloo::gui
