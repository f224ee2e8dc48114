#include "markdownview.h"

#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>
#include <QResizeEvent>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

#include <cmath>

namespace gloo::gui {

MarkdownView::MarkdownView(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenExternalLinks(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setTextInteractionFlags(Qt::TextBrowserInteraction);
    viewport()->setAutoFillBackground(false);
    setStyleSheet(QStringLiteral("QTextBrowser { background: transparent; }"));
    document()->setDocumentMargin(2);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &MarkdownView::fitHeightToText);
}

void MarkdownView::setMarkdownText(const QString &markdown)
{
    m_source = markdown;
    document()->setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    styleCodeBlocks();
    fitHeightToText();
}

void MarkdownView::setPlainMessage(const QString &text)
{
    m_source = text;
    setPlainText(text);
    fitHeightToText();
}

void MarkdownView::styleCodeBlocks()
{
    // Qt marks fenced and indented code with these properties and a fixed
    // font, but gives them no background; a shade makes code stand out as it
    // does in every chat client.
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QTextCursor cursor(document());
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
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
