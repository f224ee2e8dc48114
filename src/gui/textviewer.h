#pragma once

#include "core/textlines.h"

#include <QAbstractScrollArea>
#include <QTextLayout>
#include <QTimer>

#include <functional>
#include <memory>

namespace gloo::gui {

// A read-only view of a text of any size. Unlike QPlainTextEdit it keeps no
// document: it holds the text with an index of its lines and lays out, colours
// and paints only the lines on screen, so showing (or replacing) tens of
// megabytes costs the same as a page. Text is selected with the mouse or
// Ctrl+A and copied with Ctrl+C or the context menu; find() moves the
// selection to the next match. Lines are never wrapped.
class TextViewer : public QAbstractScrollArea
{
    Q_OBJECT

public:
    // The colours of one line; it is called only for lines being painted.
    using Colouring = std::function<QList<QTextLayout::FormatRange>(QStringView line)>;

    explicit TextViewer(QWidget *parent = nullptr);
    ~TextViewer() override;

    void setText(const QString &text);
    // Shows a text whose lines were indexed elsewhere, on a worker thread.
    void setLines(const gloo::TextLines &lines);
    // Adds a paragraph at the end, as QPlainTextEdit::appendPlainText does:
    // a view scrolled to the end stays at the end.
    void appendParagraph(QStringView text);
    void clear();
    QString toPlainText() const { return m_lines.text(); }
    const gloo::TextLines &lines() const { return m_lines; }
    qsizetype lineCount() const { return m_lines.lineCount(); }

    void setColouring(Colouring colouring);
    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }

    // The selection runs from the anchor to the position (either may come
    // first); both are offsets into the text.
    void setSelection(qsizetype anchor, qsizetype position);
    bool hasSelection() const { return m_anchor != m_position; }
    qsizetype selectionStart() const { return qMin(m_anchor, m_position); }
    qsizetype selectionEnd() const { return qMax(m_anchor, m_position); }
    QString selectedText() const;
    void selectAll();
    void copy() const;

    // Selects the next match after the selection (or the previous one
    // before it) and scrolls to it; with 'wrap', the search goes round the
    // end of the text once. False when there is no match.
    bool find(const QString &text, bool backwards, Qt::CaseSensitivity sensitivity,
              bool wrap = true);

    // Scrolls as little as needed to show an offset of the text.
    void ensureVisible(qsizetype position);
    int firstVisibleLine() const;
    // The lines painted by the last paint event: a view that lays out only
    // what is on screen keeps this near the height of the window in lines.
    int linesPaintedLastTime() const { return m_linesPainted; }
    // The offset of the text under a point of the viewport.
    qsizetype positionAt(const QPoint &point) const;

signals:
    void selectionChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    struct LaidOutLine
    {
        std::unique_ptr<QTextLayout> layout;
        // The part of the line laid out: all of it unless the line is long.
        qsizetype from = 0;
        // Where that part starts, in the text's coordinates (before scrolling).
        qreal x = 0;
    };

    LaidOutLine layLine(qsizetype line, bool withColours) const;
    int visibleLineCount() const;
    qreal textLeft() const;
    void updateScrollBars();
    void updateMetrics();
    void showLines(const gloo::TextLines &lines);
    void extendSelectionTo(const QPoint &point);
    void autoScroll();
    void selectWordAt(qsizetype position);

    gloo::TextLines m_lines;
    Colouring m_colouring;
    QString m_placeholder;
    qsizetype m_anchor = 0;
    qsizetype m_position = 0;
    bool m_selecting = false;
    QPoint m_lastMouse;
    QTimer m_autoScroll;
    qreal m_charWidth = 8;
    int m_lineHeight = 16;
    int m_widestSeen = 0;
    int m_linesPainted = 0;
};

} // namespace gloo::gui
