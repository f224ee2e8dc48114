#include "chatlogging.h"

Q_LOGGING_CATEGORY(lcChat, "gloo.chat", QtInfoMsg)
