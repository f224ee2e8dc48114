#include "markdownview.h"

#include <QAbstractTextDocumentLayout>
#include <QDesktopServices>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>

#include <cmath>

namespace gloo::gui {

namespace {

// GitHub's dialect without raw HTML: an answer is text from a server, and
// its tags are shown as written, never interpreted.
const QTextDocument::MarkdownFeatures
    dialect(QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub)
            | QTextDocument::MarkdownNoHTML);

// One step of rendering goes on for about this long, so that other work
// of the same turn of the event loop still fits in one frame.
constexpr qint64 stepBudgetNs = 3 * 1000 * 1000;

bool isWebLink(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return (scheme == QLatin1String("https") || scheme == QLatin1String("http"))
           && !url.host().isEmpty();
}

qsizetype indentation(QStringView line)
{
    qsizetype spaces = 0;
    while (spaces < line.size() && line.at(spaces) == u' ')
        ++spaces;
    return spaces;
}

// "```cpp" or "~~~": the opening of a fenced code block.
bool opensFence(QStringView line, QChar *fenceChar, qsizetype *fenceLength)
{
    const qsizetype indent = indentation(line);
    if (indent > 3 || indent >= line.size())
        return false;
    const QChar c = line.at(indent);
    if (c != u'`' && c != u'~')
        return false;
    qsizetype run = 0;
    while (indent + run < line.size() && line.at(indent + run) == c)
        ++run;
    if (run < 3 || (c == u'`' && line.sliced(indent + run).contains(u'`')))
        return false;
    *fenceChar = c;
    *fenceLength = run;
    return true;
}

bool closesFence(QStringView line, QChar fenceChar, qsizetype fenceLength)
{
    const qsizetype indent = indentation(line);
    if (indent > 3)
        return false;
    qsizetype run = 0;
    while (indent + run < line.size() && line.at(indent + run) == fenceChar)
        ++run;
    return run >= fenceLength && line.sliced(indent + run).trimmed().isEmpty();
}

// "- item", "* item", "+ item", "1. item" or "1) item".
bool isListItem(QStringView line)
{
    const auto endsMarker = [line](qsizetype at) {
        return at == line.size() || line.at(at) == u' ' || line.at(at) == u'\t';
    };
    const QChar first = line.at(0);
    if (first == u'-' || first == u'*' || first == u'+')
        return endsMarker(1);
    qsizetype digits = 0;
    while (digits < line.size() && digits < 10 && line.at(digits).isDigit())
        ++digits;
    return digits > 0 && digits < 10 && digits < line.size()
           && (line.at(digits) == u'.' || line.at(digits) == u')') && endsMarker(digits + 1);
}

// A line after a blank one that starts a block of its own, whatever came
// before: not indented (which could continue a list item or code), not a
// list item (which could continue a list), not HTML.
bool startsTopLevelBlock(QStringView line)
{
    if (line.isEmpty())
        return false;
    const QChar first = line.at(0);
    return first != u' ' && first != u'\t' && first != u'<' && !isListItem(line);
}

bool hasLinkReferenceDefinition(const QString &markdown)
{
    static const QRegularExpression definition(QStringLiteral("^ {0,3}\\[[^\\]\\n]+\\]:"),
                                               QRegularExpression::MultilineOption);
    return markdown.contains(definition);
}

} // namespace

MarkdownView::MarkdownView(QWidget *parent)
    : QTextBrowser(parent)
{
    // A link in an answer opens in the web browser when it is a web link;
    // any other (a file, a relative path) is ignored, so an answer can
    // neither show a local file in its place nor start another program.
    setOpenLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        if (isWebLink(url))
            QDesktopServices::openUrl(url);
    });
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setTextInteractionFlags(Qt::TextBrowserInteraction);
    viewport()->setAutoFillBackground(false);
    setStyleSheet(QStringLiteral("QTextBrowser { background: transparent; }"));
    // Nothing is edited by hand, and an undo history of every rendering
    // would only grow.
    document()->setUndoRedoEnabled(false);
    document()->setDocumentMargin(2);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &MarkdownView::fitHeightToText);
    m_catchUp.setSingleShot(true);
    m_catchUp.setInterval(0);
    connect(&m_catchUp, &QTimer::timeout, this, &MarkdownView::renderStep);
}

qsizetype MarkdownView::pieceEnd(QStringView markdown, qsizetype from, qsizetype limit)
{
    qsizetype best = from;
    bool inFence = false;
    QChar fenceChar;
    qsizetype fenceLength = 0;
    bool afterBlank = false;
    qsizetype pos = from;
    while (pos < markdown.size()) {
        // A line still being written decides nothing.
        const qsizetype lineEnd = markdown.indexOf(u'\n', pos);
        if (lineEnd < 0)
            break;
        QStringView line = markdown.sliced(pos, lineEnd - pos);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (inFence) {
            inFence = !closesFence(line, fenceChar, fenceLength);
            afterBlank = false;
        } else {
            if (afterBlank && pos > from && startsTopLevelBlock(line)) {
                if (pos - from > limit && best > from)
                    return best;
                best = pos;
                if (pos - from >= limit)
                    return best;
            }
            // An HTML block may hold blank lines; what follows stays open.
            if (indentation(line) <= 3 && line.sliced(indentation(line)).startsWith(u'<'))
                return best;
            inFence = opensFence(line, &fenceChar, &fenceLength);
            afterBlank = line.trimmed().isEmpty();
        }
        pos = lineEnd + 1;
    }
    return best;
}

void MarkdownView::setMarkdownText(const QString &markdown)
{
    const bool continues = m_markdown && !m_whole && markdown.size() >= m_keptLength
                           && QStringView(markdown).first(m_keptLength)
                                  == QStringView(m_source).first(m_keptLength);
    m_source = markdown;
    m_markdown = true;
    m_whole = hasLinkReferenceDefinition(markdown);
    if (!continues || m_whole) {
        m_keptLength = 0;
        m_keptPosition = 0;
    }
    m_catchUp.stop();
    renderStep();
}

void MarkdownView::setPlainMessage(const QString &text)
{
    m_catchUp.stop();
    m_source = text;
    m_markdown = false;
    m_whole = false;
    m_keptLength = 0;
    m_keptPosition = 0;
    m_renderedLength = text.size();
    setPlainText(text);
    fitHeightToText();
    emit rendered();
}

void MarkdownView::renderStep()
{
    QElapsedTimer clock;
    clock.start();
    removeOpenPart();
    // The kept pieces are styled already.
    const int styleFrom = m_keptLength == 0 ? 0 : m_keptPosition + 1;

    bool behind = false;
    while (!m_whole && m_source.size() - m_keptLength > pieceChars) {
        const qsizetype end = pieceEnd(m_source, m_keptLength, pieceChars);
        if (end <= m_keptLength)
            break; // no block ends: the rest is rendered as one
        appendPiece(m_source.mid(m_keptLength, end - m_keptLength));
        m_keptLength = end;
        m_keptPosition = document()->characterCount() - 1;
        const QTextBlock last = document()->lastBlock();
        m_keptBlockFormat = last.blockFormat();
        m_keptBlockCharFormat = last.charFormat();
        if (clock.nsecsElapsed() > stepBudgetNs) {
            behind = true;
            break;
        }
    }
    if (behind) {
        m_renderedLength = m_keptLength;
        m_catchUp.start();
    } else {
        appendPiece(m_source.mid(m_keptLength));
        m_renderedLength = m_source.size();
    }
    styleCodeBlocks(styleFrom);
    fitHeightToText();
    emit rendered();
}

void MarkdownView::removeOpenPart()
{
    // Without kept pieces the first one replaces the whole document.
    if (m_keptLength == 0)
        return;
    QTextCursor cursor(document());
    cursor.setPosition(m_keptPosition);
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    // Removing the break after the last kept block joins it with the last
    // block removed, whose formats it takes; it gets its own back.
    cursor.setBlockFormat(m_keptBlockFormat);
    cursor.setBlockCharFormat(m_keptBlockCharFormat);
}

void MarkdownView::appendPiece(const QString &markdown)
{
    if (m_keptLength == 0) {
        document()->setMarkdown(markdown, dialect);
        return;
    }
    if (markdown.isEmpty())
        return;
    // A fragment pasted at the end of a block would merge its first block
    // into that one and lose its format (a heading, a list item). Rendered
    // after a paragraph of its own and copied from that paragraph's end,
    // the fragment starts with a block break that carries the format along.
    QTextDocument piece;
    piece.setMarkdown(QStringLiteral("x\n\n") + markdown, dialect);
    QTextCursor source(&piece);
    source.setPosition(piece.begin().length() - 1);
    source.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertFragment(source.selection());
}

void MarkdownView::styleCodeBlocks(int fromPosition)
{
    // Qt marks fenced and indented code with these properties and a fixed
    // font, but gives them no background; a shade makes code stand out as it
    // does in every chat client.
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QTextCursor cursor(document());
    for (QTextBlock block = document()->findBlock(fromPosition); block.isValid();
         block = block.next()) {
        if (block.position() < fromPosition)
            continue;
        const QTextBlockFormat format = block.blockFormat();
        if (!format.hasProperty(QTextFormat::BlockCodeFence)
            && !format.hasProperty(QTextFormat::BlockCodeLanguage)
            && !block.charFormat().fontFixedPitch()) {
            continue;
        }
        QTextBlockFormat shaded = format;
        shaded.setBackground(QColor(0xf3, 0xf4, 0xf6));
        shaded.setLeftMargin(format.leftMargin() + 4);
        cursor.setPosition(block.position());
        cursor.setBlockFormat(shaded);
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        QTextCharFormat font;
        font.setFont(fixed);
        cursor.mergeCharFormat(font);
    }
}

QSize MarkdownView::sizeHint() const
{
    const int height = int(std::ceil(document()->size().height())) + frameWidth() * 2;
    return {QTextBrowser::sizeHint().width(), height};
}

QSize MarkdownView::minimumSizeHint() const
{
    return {80, sizeHint().height()};
}

void MarkdownView::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    fitHeightToText();
}

void MarkdownView::fitHeightToText()
{
    const int height = sizeHint().height();
    if (height != this->height()) {
        setFixedHeight(height);
        updateGeometry();
    }
}

} // namespace gloo::gui
