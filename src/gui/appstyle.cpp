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

// Qt's raster engine hands every fill of 96 or more rows that it cannot do as
// a plain memory fill (a translucent colour, a gradient) to its painting
// thread pool in slices, and waits. A 1-pixel outline counts too: its left
// and right edges together make two pieces a row. For a frame the hand-off
// costs more than the fill, and the first one also starts the pool's
// threads. Painting such an element band by band, each band clipped to 40
// rows, keeps every fill on this thread; clipping changes no pixel. Only for
// drawing that never sets a clip of its own, which would replace the band's.
template<typename Paint> void paintInBands(QPainter *painter, const QRect &rect, Paint paint)
{
    constexpr int maxDeviceRows = 40;
    const QTransform transform = painter->deviceTransform();
    const qreal scale = transform.m22();
    const bool simple = transform.type() <= QTransform::TxScale && scale > 0;
    if (!simple || rect.height() * scale < 96) {
        paint();
        return;
    }
    const int rows = qMax(1, int(maxDeviceRows / scale));
    // A little beyond the element's rectangle, so nothing it draws at its
    // edge is cut off.
    const QRect area = rect.adjusted(-4, -4, 4, 4);
    for (int top = area.top(); top <= area.bottom(); top += rows) {
        painter->save();
        painter->setClipRect(QRect(area.left(), top, area.width(), rows), Qt::IntersectClip);
        paint();
        painter->restore();
    }
}

// Paints a frame made only of straight lines and flat fills at any size from
// a small sample drawn by 'paintSample': the sample's corners are copied, and
// its middle row and column are stretched as rectangles of one colour each.
// Rectangles, unlike the outlines a style draws, are cut by paintInBands's
// clip before they reach the raster engine.
template<typename PaintSample>
void paintFromSample(QPainter *painter, const QRect &rect, PaintSample paintSample)
{
    constexpr int side = 16;
    constexpr int corner = 6;
    constexpr int middle = side / 2;
    QImage sample(side, side, QImage::Format_ARGB32_Premultiplied);
    sample.fill(Qt::transparent);
    {
        QPainter samplePainter(&sample);
        paintSample(&samplePainter, QRect(0, 0, side, side));
    }
    const int stretchedWidth = rect.width() - 2 * corner;
    const int stretchedHeight = rect.height() - 2 * corner;
    const auto fill = [painter](const QRect &area, const QColor &colour) {
        if (colour.alpha() > 0 && !area.isEmpty())
            painter->fillRect(area, colour);
    };
    paintInBands(painter, rect, [&] {
        for (int i = 0; i < corner; ++i) {
            const int far = side - 1 - i;
            fill(QRect(rect.left() + corner, rect.top() + i, stretchedWidth, 1),
                 sample.pixelColor(middle, i));
            fill(QRect(rect.left() + corner, rect.bottom() - i, stretchedWidth, 1),
                 sample.pixelColor(middle, far));
            fill(QRect(rect.left() + i, rect.top() + corner, 1, stretchedHeight),
                 sample.pixelColor(i, middle));
            fill(QRect(rect.right() - i, rect.top() + corner, 1, stretchedHeight),
                 sample.pixelColor(far, middle));
        }
        fill(QRect(rect.left() + corner, rect.top() + corner, stretchedWidth, stretchedHeight),
             sample.pixelColor(middle, middle));
        const QRect cornerRect(0, 0, corner, corner);
        painter->drawImage(rect.topLeft(), sample, cornerRect);
        painter->drawImage(QPoint(rect.right() - corner + 1, rect.top()), sample,
                           cornerRect.translated(side - corner, 0));
        painter->drawImage(QPoint(rect.left(), rect.bottom() - corner + 1), sample,
                           cornerRect.translated(0, side - corner));
        painter->drawImage(QPoint(rect.right() - corner + 1, rect.bottom() - corner + 1), sample,
                           cornerRect.translated(side - corner, side - corner));
    });
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
        const QRect frame = option->rect.adjusted(0, top, 0, 0);
        paintInBands(painter, frame, [&] { paintFusionGroupBoxFrame(painter, frame); });
        return;
    }
    const auto *tabFrame = qstyleoption_cast<const QStyleOptionTabWidgetFrame *>(option);
    if (element == PE_FrameTabWidget && m_fusion && tabFrame && option->rect.height() >= 32
        && option->rect.width() >= 32
        && painter->deviceTransform().type() <= QTransform::TxTranslate) {
        // Fusion's tab widget frame is flat fills and straight lines. (When
        // scaled, Fusion's own drawing is kept: a sample copied at another
        // scale would blur.)
        paintFromSample(painter, option->rect, [&](QPainter *samplePainter, const QRect &rect) {
            QStyleOptionTabWidgetFrame small = *tabFrame;
            small.rect = rect;
            QProxyStyle::drawPrimitive(element, &small, samplePainter, widget);
        });
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
