#include "appstyle.h"

#include <QApplication>
#include <QGroupBox>
#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOption>

namespace gloo::gui {

namespace {

// A double chevron (») pointing right or down, drawn at whatever size is
// asked for in the button's text colour.
class ChevronIconEngine : public QIconEngine
{
public:
    explicit ChevronIconEngine(Qt::Orientation orientation)
        : m_orientation(orientation)
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const QPalette palette = QGuiApplication::palette();
        const QColor colour = palette.color(
            mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::ButtonText);
        const qreal side = qMin(rect.width(), rect.height()) * 0.5;
        const QPointF centre = QRectF(rect).center();
        QPainterPath path;
        for (const qreal offset : {-side / 4, side / 4}) {
            // One chevron of width side/2 and height side, then turned.
            QPointF a(offset - side / 4, -side / 2);
            QPointF b(offset + side / 4, 0);
            QPointF c(offset - side / 4, side / 2);
            if (m_orientation == Qt::Vertical) {
                a = {a.y(), a.x()};
                b = {b.y(), b.x()};
                c = {c.y(), c.x()};
            }
            path.moveTo(centre + a);
            path.lineTo(centre + b);
            path.lineTo(centre + c);
        }
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(
            QPen(colour, qMax(1.0, side / 6), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(path);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(), size), mode, state);
        return pixmap;
    }

    QIconEngine *clone() const override { return new ChevronIconEngine(m_orientation); }

private:
    Qt::Orientation m_orientation;
};

// Fusion's group box frame, which it draws from an image: a faint border
// with cut corners and a barely darker inside. Drawn with rectangle fills,
// which cost far less than an antialiased rounded outline.
void paintFusionGroupBoxFrame(QPainter *painter, const QRect &rect)
{
    const QRect frame = rect.adjusted(1, 1, 0, 0);
    if (frame.width() < 6 || frame.height() < 6)
        return;
    const int left = frame.left();
    const int top = frame.top();
    const int right = frame.right();
    const int bottom = frame.bottom();
    const int width = frame.width();
    const int height = frame.height();

    // The inside, then a slightly darker ring just within the border.
    painter->fillRect(left + 1, top + 1, width - 2, height - 2, QColor(0, 0, 0, 0x03));
    const QColor ring(0, 0, 0, 0x04);
    painter->fillRect(left + 1, top + 1, width - 2, 1, ring);
    painter->fillRect(left + 1, bottom - 1, width - 2, 1, ring);
    painter->fillRect(left + 1, top + 2, 1, height - 4, ring);
    painter->fillRect(right - 1, top + 2, 1, height - 4, ring);

    // The border, its corner pixels left out and the ones beside them fainter.
    const QColor border(0x75, 0x75, 0x75, 0x32);
    painter->fillRect(left + 2, top, width - 4, 1, border);
    painter->fillRect(left + 2, bottom, width - 4, 1, border);
    painter->fillRect(left, top + 2, 1, height - 4, border);
    painter->fillRect(right, top + 2, 1, height - 4, border);
    const QColor corner(0x60, 0x60, 0x60, 0x1f);
    for (const QPoint &point : {QPoint(left + 1, top + 1), QPoint(right - 1, top + 1),
                                QPoint(left + 1, bottom - 1), QPoint(right - 1, bottom - 1)})
        painter->fillRect(QRect(point, QSize(1, 1)), corner);
}

} // namespace

AppStyle::AppStyle(QStyle *base)
    : QProxyStyle(base)
    , m_fusion(baseStyle()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) == 0)
{
}

void AppStyle::install()
{
    QApplication::setStyle(new AppStyle(QApplication::style()));
}

void AppStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option,
                             QPainter *painter, const QWidget *widget) const
{
    if (element == PE_FrameGroupBox && m_fusion) {
        // Fusion leaves room for the title above the frame: the font's height
        // (or the radio button's, if taller) and three pixels.
        constexpr int gap = 3;
        const auto *groupBox = qobject_cast<const QGroupBox *>(widget);
        const bool untitled = groupBox && !groupBox->isCheckable() && groupBox->title().isEmpty();
        const int top = untitled ? gap
                                 : qMax(pixelMetric(PM_ExclusiveIndicatorHeight, option, widget),
                                        option->fontMetrics.height())
                                       + gap;
        paintFusionGroupBoxFrame(painter, option->rect.adjusted(0, top, 0, 0));
        return;
    }
    QProxyStyle::drawPrimitive(element, option, painter, widget);
}

QIcon AppStyle::standardIcon(StandardPixmap icon, const QStyleOption *option,
                             const QWidget *widget) const
{
    switch (icon) {
    case SP_ToolBarHorizontalExtensionButton: return QIcon(new ChevronIconEngine(Qt::Horizontal));
    case SP_ToolBarVerticalExtensionButton: return QIcon(new ChevronIconEngine(Qt::Vertical));
    default: return QProxyStyle::standardIcon(icon, option, widget);
    }
}

} // namespace gloo::gui
