#include "responsetextloader.h"

#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextCursor>

namespace gloo::gui {

ResponseTextLoader::ResponseTextLoader(QPlainTextEdit *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
{
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &ResponseTextLoader::insertNextSlice);
}

void ResponseTextLoader::load(const QString &text)
{
    stop();
    if (!m_view)
        return;
    if (text.size() <= sliceChars()) {
        m_view->setPlainText(text);
        emit finished();
        return;
    }
    m_view->clear();
    m_text = text;
    m_position = 0;
    m_timer.start();
}

void ResponseTextLoader::stop()
{
    m_timer.stop();
    m_text.clear();
    m_position = 0;
}

void ResponseTextLoader::insertNextSlice()
{
    if (!m_view) {
        stop();
        return;
    }
    // Slices end at a line break, so that every line is laid out (and
    // coloured) once, whole.
    qsizetype end = qMin(m_position + sliceChars(), m_text.size());
    if (end < m_text.size()) {
        const qsizetype lineEnd = m_text.indexOf(QLatin1Char('\n'), end);
        end = lineEnd < 0 ? m_text.size() : lineEnd + 1;
    }
    QTextCursor cursor(m_view->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(QStringView(m_text).sliced(m_position, end - m_position).toString());
    m_position = end;

    if (m_position >= m_text.size()) {
        stop();
        m_view->verticalScrollBar()->setValue(0);
        emit finished();
        return;
    }
    emit progressed(int(m_position * 100 / m_text.size()));
}

} // namespace gloo::gui
