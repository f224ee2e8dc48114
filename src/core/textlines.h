#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace gloo {

// A text with the offsets of its lines, so that a viewer can reach line n of
// a text of many megabytes at once. Building the index is one pass over the
// text and may run on any thread; copies share the text and the index.
class TextLines
{
public:
    TextLines() = default;
    explicit TextLines(const QString &text);

    const QString &text() const { return m_text; }
    bool isEmpty() const { return m_text.isEmpty(); }
    qsizetype size() const { return m_text.size(); }
    // An empty text has one empty line, as in any editor.
    qsizetype lineCount() const { return m_starts.size(); }
    qsizetype lineStart(qsizetype line) const { return m_starts.at(line); }
    // Without the line break.
    qsizetype lineLength(qsizetype line) const;
    QStringView line(qsizetype line) const;
    // The line that holds a position of the text (the last line for the end).
    qsizetype lineAt(qsizetype position) const;
    // In characters: what a view needs for its horizontal extent.
    qsizetype longestLine() const { return m_longest; }

    // Adds text to the end; only the new part is indexed.
    void append(QStringView more);
    void clear();

private:
    void indexFrom(qsizetype from);

    QString m_text;
    QList<qsizetype> m_starts{0};
    qsizetype m_longest = 0;
};

} // namespace gloo
