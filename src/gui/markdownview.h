#pragma once

#include <QTextBrowser>
#include <QTextFormat>
#include <QTimer>

namespace gloo::gui {

// Read-only Markdown (headings, lists, code blocks, links) rendered by Qt's
// own Markdown support, as tall as its text so that a list of them scrolls
// as one page. Links open in the system browser.
//
// Long text is rendered in pieces that end where a top-level block ends, so
// that no single step keeps the window busy: a piece that later text cannot
// change any more is rendered once and kept, and only the rest, from the
// last block that may still grow, is rendered again when text is added.
// Text that arrives faster than it can be rendered is caught up with in
// steps of a few milliseconds each.
class MarkdownView : public QTextBrowser
{
    Q_OBJECT

public:
    explicit MarkdownView(QWidget *parent = nullptr);

    // Shows `markdown`. When it continues the text shown before, the pieces
    // already rendered are kept.
    void setMarkdownText(const QString &markdown);
    void setPlainMessage(const QString &text);
    // What was last set, before rendering.
    QString sourceText() const { return m_source; }
    // The part of sourceText() that is on screen; it trails the source while
    // a long text is still being caught up with.
    QString renderedText() const { return m_source.left(m_renderedLength); }
    bool isCatchingUp() const { return m_catchUp.isActive(); }

    // The end of the piece after `from` (itself the start of a top-level
    // block, or 0): a position where a block starts that text added later
    // cannot join to the blocks before it. The piece is as long as possible
    // within `limit` characters, or longer when no block ends sooner. Returns
    // `from` when no such position exists yet.
    static qsizetype pieceEnd(QStringView markdown, qsizetype from, qsizetype limit);

    // Pieces are about this long; rendering one takes a millisecond or two.
    static constexpr qsizetype pieceChars = 2000;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // More of the source is on screen.
    void rendered();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void renderStep();
    void removeOpenPart();
    void appendPiece(const QString &markdown);
    void styleCodeBlocks(int fromPosition);
    void fitHeightToText();

    QString m_source;
    // How much of m_source is rendered as pieces that are kept, and where in
    // the document the rest begins.
    qsizetype m_keptLength = 0;
    int m_keptPosition = 0;
    QTextBlockFormat m_keptBlockFormat;
    QTextCharFormat m_keptBlockCharFormat;
    qsizetype m_renderedLength = 0;
    // Link reference definitions apply to the whole text, so text that has
    // any is always rendered whole.
    bool m_whole = false;
    bool m_markdown = false;
    QTimer m_catchUp;
};

} // namespace gloo::gui
