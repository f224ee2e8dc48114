#pragma once

#include <QPlainTextEdit>

namespace gloo::gui {

// The box a question is typed in: Enter sends, Shift+Enter starts a new
// line, as in every chat client.
class ChatPromptEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit ChatPromptEdit(QWidget *parent = nullptr);

signals:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace gloo::gui
