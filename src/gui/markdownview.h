#pragma once

#include <QTextBrowser>

namespace gloo::gui {

// Read-only Markdown (headings, lists, code blocks, links) rendered by Qt's
// own Markdown support, as tall as its text so that a list of them scrolls
// as one page. Links open in the system browser.
class MarkdownView : public QTextBrowser
{
    Q_OBJECT

public:
    explicit MarkdownView(QWidget *parent = nullptr);

    void setMarkdownText(const QString &markdown);
    void setPlainMessage(const QString &text);
    // What was last set, before rendering.
    QString sourceText() const { return m_source; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void styleCodeBlocks();
    void fitHeightToText();

    QString m_source;
};

} // namespace gloo::gui
