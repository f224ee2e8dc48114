#pragma once

#include <QLoggingCategory>

// Chat and completions: replies started and finished, with routing, sizes and
// times. Never a message, a prompt or an answer: they may hold personal data.
Q_DECLARE_LOGGING_CATEGORY(lcChat)
