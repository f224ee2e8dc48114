#include "textviewer.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QTextLine>
#include <QtMath>

namespace gloo::gui {

namespace {

// Space around the text, as QPlainTextEdit leaves.
constexpr int margin = 4;
// A line longer than this is laid out only around the visible columns:
// laying out a line of megabytes (the raw body is often one line) would
// take seconds. Columns are then found from the width of a character,
// which is exact for the fixed-width font and close for others.
constexpr qsizetype longLineChars = 4096;
// Characters laid out beyond each edge of the window of a long line.
constexpr qsizetype slackChars = 256;
// Longer lines are coloured from the start of their visible part, not
// from the start of the line, which would cost more than it shows.
constexpr qsizetype colourWholeLineChars = 256 * 1024;
// The X11 selection gets a copy of what is selected with the mouse, unless
// it is so large that copying it would stall the window.
constexpr qsizetype selectionClipboardChars = 4 * 1024 * 1024;

bool isWordCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

} // namespace

TextViewer::TextViewer(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setAutoFillBackground(true);
    viewport()->setBackgroundRole(QPalette::Base);
    m_autoScroll.setInterval(40);
    connect(&m_autoScroll, &QTimer::timeout, this, &TextViewer::autoScroll);
    updateMetrics();
}

TextViewer::~TextViewer() = default;

void TextViewer::setText(const QString &text)
{
    showLines(gloo::TextLines(text));
}

void TextViewer::setLines(const gloo::TextLines &lines)
{
    showLines(lines);
}

void TextViewer::clear()
{
    showLines(gloo::TextLines());
}

void TextViewer::showLines(const gloo::TextLines &lines)
{
    const bool hadSelection = hasSelection();
    m_lines = lines;
    m_anchor = 0;
    m_position = 0;
    m_widestSeen = 0;
    m_selecting = false;
    m_autoScroll.stop();
    updateScrollBars();
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    viewport()->update();
    if (hadSelection)
        emit selectionChanged();
}

void TextViewer::appendParagraph(QStringView text)
{
    QScrollBar *bar = verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum();
    if (!m_lines.isEmpty()) {
        QString paragraph;
        paragraph.reserve(text.size() + 1);
        paragraph += QLatin1Char('\n');
        paragraph += text;
        m_lines.append(paragraph);
    } else {
        m_lines.append(text);
    }
    updateScrollBars();
    if (atEnd)
        bar->setValue(bar->maximum());
    viewport()->update();
}

void TextViewer::setColouring(Colouring colouring)
{
    m_colouring = std::move(colouring);
    viewport()->update();
}

void TextViewer::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    if (m_lines.isEmpty())
        viewport()->update();
}

void TextViewer::setSelection(qsizetype anchor, qsizetype position)
{
    anchor = qBound<qsizetype>(0, anchor, m_lines.size());
    position = qBound<qsizetype>(0, position, m_lines.size());
    if (anchor == m_anchor && position == m_position)
        return;
    m_anchor = anchor;
    m_position = position;
    viewport()->update();
    emit selectionChanged();
}

QString TextViewer::selectedText() const
{
    return m_lines.text().mid(selectionStart(), selectionEnd() - selectionStart());
}

void TextViewer::selectAll()
{
    setSelection(0, m_lines.size());
}

void TextViewer::copy() const
{
    if (hasSelection())
        QApplication::clipboard()->setText(selectedText());
}

bool TextViewer::find(const QString &text, bool backwards, Qt::CaseSensitivity sensitivity,
                      bool wrap)
{
    if (text.isEmpty() || m_lines.isEmpty())
        return false;
    // Limitation: the search runs on the UI thread, so a search that goes
    // through tens of megabytes holds the window for a moment; searching in
    // slices between events would remove that.
    const QStringView all(m_lines.text());
    qsizetype at = -1;
    if (!backwards) {
        at = all.indexOf(text, selectionEnd(), sensitivity);
        if (at < 0 && wrap)
            at = all.indexOf(text, 0, sensitivity);
    } else {
        if (selectionStart() > 0)
            at = all.lastIndexOf(text, selectionStart() - 1, sensitivity);
        if (at < 0 && wrap)
            at = all.lastIndexOf(text, -1, sensitivity);
    }
    if (at < 0)
        return false;
    setSelection(at, at + text.size());
    ensureVisible(at + text.size());
    ensureVisible(at);
    return true;
}

int TextViewer::visibleLineCount() const
{
    return qMax(1, (viewport()->height() - margin) / m_lineHeight);
}

qreal TextViewer::textLeft() const
{
    return margin;
}

int TextViewer::firstVisibleLine() const
{
    return verticalScrollBar()->value();
}

void TextViewer::updateMetrics()
{
    const QFontMetricsF metrics(font());
    m_charWidth = qMax<qreal>(1, metrics.horizontalAdvance(QLatin1Char('0')));
    m_lineHeight = qMax(1, qCeil(metrics.lineSpacing()));
    m_widestSeen = 0;
    updateScrollBars();
    viewport()->update();
}

void TextViewer::updateScrollBars()
{
    const int visible = visibleLineCount();
    QScrollBar *vertical = verticalScrollBar();
    vertical->setRange(0, int(qMin<qsizetype>(INT_MAX, qMax<qsizetype>(0, lineCount() - visible))));
    vertical->setPageStep(visible);
    vertical->setSingleStep(1);

    const qreal textWidth = qMax(qreal(m_widestSeen), qreal(m_lines.longestLine()) * m_charWidth);
    const qreal contentWidth = textWidth + 2 * margin + m_charWidth;
    const int width = int(qMin<qreal>(INT_MAX / 2, contentWidth));
    QScrollBar *horizontal = horizontalScrollBar();
    horizontal->setRange(0, qMax(0, width - viewport()->width()));
    horizontal->setPageStep(viewport()->width());
    horizontal->setSingleStep(qMax(1, qRound(m_charWidth * 2)));
}

TextViewer::LaidOutLine TextViewer::layLine(qsizetype line, bool withColours) const
{
    const QStringView text = m_lines.line(line);
    LaidOutLine laid;
    qsizetype to = text.size();
    if (text.size() > longLineChars) {
        const auto firstColumn = qsizetype(horizontalScrollBar()->value() / m_charWidth);
        const auto columns = qsizetype(viewport()->width() / m_charWidth);
        laid.from = qBound<qsizetype>(0, firstColumn - slackChars, text.size());
        to = qMin(text.size(), firstColumn + columns + slackChars);
        // Never cut a character in two.
        if (laid.from > 0 && text.at(laid.from).isLowSurrogate())
            --laid.from;
        if (to < text.size() && text.at(to).isLowSurrogate())
            ++to;
        laid.x = qreal(laid.from) * m_charWidth;
    }
    const QStringView part = text.sliced(laid.from, to - laid.from);

    laid.layout = std::make_unique<QTextLayout>(part.toString(), font());
    QTextOption option;
    option.setWrapMode(QTextOption::NoWrap);
    option.setTextDirection(Qt::LeftToRight);
    option.setAlignment(Qt::AlignLeft);
    option.setTabStopDistance(8 * m_charWidth);
    laid.layout->setTextOption(option);
    if (withColours && m_colouring) {
        if (text.size() <= colourWholeLineChars) {
            QList<QTextLayout::FormatRange> ranges = m_colouring(text);
            if (laid.from > 0 || to < text.size()) {
                QList<QTextLayout::FormatRange> clipped;
                for (QTextLayout::FormatRange range : ranges) {
                    const qsizetype start = qMax<qsizetype>(range.start, laid.from);
                    const qsizetype end = qMin<qsizetype>(range.start + range.length, to);
                    if (start >= end)
                        continue;
                    range.start = int(start - laid.from);
                    range.length = int(end - start);
                    clipped.append(range);
                }
                ranges = clipped;
            }
            laid.layout->setFormats(ranges);
        } else {
            laid.layout->setFormats(m_colouring(part));
        }
    }
    laid.layout->beginLayout();
    QTextLine textLine = laid.layout->createLine();
    if (textLine.isValid()) {
        // The width only matters for wrapping, which is off.
        textLine.setLineWidth(1e7);
        textLine.setPosition(QPointF(0, 0));
    }
    laid.layout->endLayout();
    return laid;
}

void TextViewer::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    m_linesPainted = 0;
    if (m_lines.isEmpty()) {
        if (!m_placeholder.isEmpty()) {
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(viewport()->rect().adjusted(margin, margin, -margin, -margin),
                             Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_placeholder);
        }
        return;
    }

    const QPalette::ColorGroup group = hasFocus() ? QPalette::Active : QPalette::Inactive;
    QTextCharFormat selected;
    selected.setBackground(palette().brush(group, QPalette::Highlight));
    selected.setForeground(palette().brush(group, QPalette::HighlightedText));

    const int scrolledX = horizontalScrollBar()->value();
    const QRect area = event->rect();
    int widest = m_widestSeen;
    qsizetype line = firstVisibleLine();
    for (int y = margin; line < lineCount() && y < area.bottom() + 1; ++line, y += m_lineHeight) {
        if (y + m_lineHeight < area.top())
            continue;
        const LaidOutLine laid = layLine(line, true);
        const qsizetype start = m_lines.lineStart(line);
        const qsizetype length = m_lines.lineLength(line);
        const qsizetype partLength = laid.layout->text().size();
        const QPointF origin(textLeft() + laid.x - scrolledX, y);

        QList<QTextLayout::FormatRange> selections;
        bool lineBreakSelected = false;
        if (hasSelection() && selectionStart() <= start + length && selectionEnd() > start) {
            const qsizetype from = qBound<qsizetype>(0, selectionStart() - start - laid.from,
                                                     partLength);
            const qsizetype to = qBound<qsizetype>(0, selectionEnd() - start - laid.from,
                                                   partLength);
            if (to > from)
                selections.append({int(from), int(to - from), selected});
            lineBreakSelected = selectionEnd() > start + length;
        }
        laid.layout->draw(&painter, origin, selections);

        const qreal lineWidth = laid.layout->lineAt(0).naturalTextWidth();
        if (lineBreakSelected && laid.from + partLength == length) {
            // A selected line break shows as a selected space at the end.
            painter.fillRect(QRectF(origin.x() + lineWidth, y, m_charWidth, m_lineHeight),
                             selected.background());
        }
        if (laid.from == 0)
            widest = qMax(widest, qCeil(lineWidth));
        ++m_linesPainted;
    }

    // Characters wider than the font's digits (such as CJK) can make a line
    // wider than its length suggests; the scroll range follows once seen.
    if (widest > m_widestSeen) {
        const bool wider = widest > qreal(m_lines.longestLine()) * m_charWidth;
        m_widestSeen = widest;
        if (wider)
            QMetaObject::invokeMethod(this, &TextViewer::updateScrollBars, Qt::QueuedConnection);
    }
}

qsizetype TextViewer::positionAt(const QPoint &point) const
{
    if (m_lines.isEmpty())
        return 0;
    const int row = int(qFloor(qreal(point.y() - margin) / m_lineHeight));
    const qsizetype line = qBound(qsizetype(0), qsizetype(firstVisibleLine()) + row,
                                  lineCount() - 1);
    const LaidOutLine laid = layLine(line, false);
    const qreal x = point.x() - textLeft() + horizontalScrollBar()->value() - laid.x;
    const int column = laid.layout->lineAt(0).xToCursor(qMax<qreal>(0, x));
    return m_lines.lineStart(line) + laid.from + column;
}

void TextViewer::ensureVisible(qsizetype position)
{
    if (m_lines.isEmpty())
        return;
    const qsizetype line = m_lines.lineAt(position);
    const int visible = visibleLineCount();
    QScrollBar *vertical = verticalScrollBar();
    if (line < vertical->value() || line >= vertical->value() + visible)
        vertical->setValue(int(qMax<qsizetype>(0, line - visible / 3)));

    // Columns of a long line are placed by the width of a character, as it
    // is laid out.
    const qsizetype column = position - m_lines.lineStart(line);
    qreal x = qreal(column) * m_charWidth;
    if (m_lines.lineLength(line) <= longLineChars) {
        const LaidOutLine laid = layLine(line, false);
        x = laid.layout->lineAt(0).cursorToX(int(column));
    }
    QScrollBar *horizontal = horizontalScrollBar();
    const int width = viewport()->width() - 2 * margin;
    if (x < horizontal->value() || x > horizontal->value() + width - m_charWidth)
        horizontal->setValue(qMax(0, int(x) - width / 2));
}

void TextViewer::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void TextViewer::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateMetrics();
    else if (event->type() == QEvent::PaletteChange)
        viewport()->update();
}

void TextViewer::keyPressEvent(QKeyEvent *event)
{
    if (event == QKeySequence::Copy) {
        copy();
        return;
    }
    if (event == QKeySequence::SelectAll) {
        selectAll();
        return;
    }
    QScrollBar *vertical = verticalScrollBar();
    QScrollBar *horizontal = horizontalScrollBar();
    const bool control = event->modifiers() & Qt::ControlModifier;
    switch (event->key()) {
    case Qt::Key_Up: vertical->triggerAction(QAbstractSlider::SliderSingleStepSub); return;
    case Qt::Key_Down: vertical->triggerAction(QAbstractSlider::SliderSingleStepAdd); return;
    case Qt::Key_PageUp: vertical->triggerAction(QAbstractSlider::SliderPageStepSub); return;
    case Qt::Key_PageDown: vertical->triggerAction(QAbstractSlider::SliderPageStepAdd); return;
    case Qt::Key_Left: horizontal->triggerAction(QAbstractSlider::SliderSingleStepSub); return;
    case Qt::Key_Right: horizontal->triggerAction(QAbstractSlider::SliderSingleStepAdd); return;
    case Qt::Key_Home:
        horizontal->setValue(0);
        if (control)
            vertical->setValue(0);
        return;
    case Qt::Key_End:
        if (control)
            vertical->setValue(vertical->maximum());
        else
            horizontal->setValue(horizontal->maximum());
        return;
    default: break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void TextViewer::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const qsizetype position = positionAt(event->position().toPoint());
    if (event->modifiers() & Qt::ShiftModifier)
        setSelection(m_anchor, position);
    else
        setSelection(position, position);
    m_selecting = true;
    m_lastMouse = event->position().toPoint();
}

void TextViewer::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_selecting) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    m_lastMouse = event->position().toPoint();
    extendSelectionTo(m_lastMouse);
    // Outside the text, the view scrolls on by itself while the button is
    // held, as in any editor.
    if (viewport()->rect().contains(m_lastMouse))
        m_autoScroll.stop();
    else if (!m_autoScroll.isActive())
        m_autoScroll.start();
}

void TextViewer::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_selecting) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    m_selecting = false;
    m_autoScroll.stop();
    QClipboard *clipboard = QApplication::clipboard();
    if (hasSelection() && clipboard->supportsSelection()
        && selectionEnd() - selectionStart() <= selectionClipboardChars)
        clipboard->setText(selectedText(), QClipboard::Selection);
}

void TextViewer::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mouseDoubleClickEvent(event);
        return;
    }
    selectWordAt(positionAt(event->position().toPoint()));
}

void TextViewer::selectWordAt(qsizetype position)
{
    const QString &text = m_lines.text();
    qsizetype start = position;
    qsizetype end = position;
    while (start > 0 && isWordCharacter(text.at(start - 1)))
        --start;
    while (end < text.size() && isWordCharacter(text.at(end)))
        ++end;
    setSelection(start, end);
}

void TextViewer::extendSelectionTo(const QPoint &point)
{
    setSelection(m_anchor, positionAt(point));
}

void TextViewer::autoScroll()
{
    if (!m_selecting) {
        m_autoScroll.stop();
        return;
    }
    const QRect area = viewport()->rect();
    if (m_lastMouse.y() < area.top())
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
    else if (m_lastMouse.y() > area.bottom())
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    if (m_lastMouse.x() < area.left())
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
    else if (m_lastMouse.x() > area.right())
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    extendSelectionTo(m_lastMouse);
}

void TextViewer::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *copyAction = menu.addAction(tr("&Copy"), this, &TextViewer::copy);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setEnabled(hasSelection());
    QAction *selectAllAction = menu.addAction(tr("Select &All"), this, &TextViewer::selectAll);
    selectAllAction->setShortcut(QKeySequence::SelectAll);
    selectAllAction->setEnabled(!m_lines.isEmpty());
    menu.exec(event->globalPos());
}

void TextViewer::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    viewport()->update();
}

void TextViewer::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    viewport()->update();
}

} // namespace gloo::gui
