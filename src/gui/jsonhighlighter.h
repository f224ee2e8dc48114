#pragma once

#include <QList>
#include <QStringView>
#include <QTextLayout>

namespace gloo::gui {

// Colours one line of indented JSON: member names, strings, numbers,
// true/false/null. It keeps no state between lines, because indented JSON
// never continues a string onto the next line, so a viewer can colour just
// the lines it shows, in any order.
class JsonHighlighter
{
public:
    static QList<QTextLayout::FormatRange> formats(QStringView line);
};

} // namespace gloo::gui
