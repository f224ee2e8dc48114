#pragma once

#include <QProxyStyle>

namespace gloo::gui {

// The style chosen for the application (the platform's, or one picked with
// -style), with the images that Qt would load from files for the first window
// drawn instead: the menu bar's overflow button and, with the Fusion style,
// the group box frame. Loading the first image makes Qt open every
// image-format plugin, which would take longer than building the panels.
// Tall tab widget and group box frames are painted so that Qt's raster
// engine fills them on the calling thread instead of waiting for its thread
// pool.
class AppStyle : public QProxyStyle
{
    Q_OBJECT

public:
    // Takes ownership of 'base'.
    explicit AppStyle(QStyle *base);
    // Makes the application's style an AppStyle around the current one.
    static void install();

    QIcon standardIcon(StandardPixmap icon, const QStyleOption *option = nullptr,
                       const QWidget *widget = nullptr) const override;
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;

private:
    bool m_fusion;
};

} // namespace gloo::gui
