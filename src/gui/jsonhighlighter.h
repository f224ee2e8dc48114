#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace gloo::gui {

// Colours indented JSON one line at a time: member names, strings, numbers,
// true/false/null. It keeps no state between lines, because indented JSON
// never continues a string onto the next line, so adding text to the end of
// a large document only costs the new lines.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_keyword;
};

} // namespace gloo::gui
