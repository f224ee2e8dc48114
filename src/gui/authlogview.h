#pragma once

#include "core/autheventlog.h"

#include <QWidget>

class QTreeWidget;

namespace gloo::gui {

// The auth log: every token event with its local time, newest last. Shows
// fingerprints, never a secret or a token.
class AuthLogView : public QWidget
{
    Q_OBJECT

public:
    explicit AuthLogView(gloo::AuthEventLog *log, QWidget *parent = nullptr);

    int rowCount() const;
    QString rowText(int row) const;

private:
    void append(const gloo::AuthEvent &event);
    QString plainText() const;

    gloo::AuthEventLog *m_log;
    QTreeWidget *m_tree;
};

} // namespace gloo::gui
